using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace SafeguardingPortal.Infrastructure.Data;

/// <summary>The PostgreSQL flavour of the model; its migrations live in Migrations/Postgres.</summary>
public sealed class PostgresPortalDbContext(DbContextOptions<PostgresPortalDbContext> options) : PortalDbContext(options);

/// <summary>Used by <c>dotnet ef</c> to add PostgreSQL migrations (no server is needed to add one).</summary>
public sealed class PostgresPortalDbContextDesignTimeFactory : IDesignTimeDbContextFactory<PostgresPortalDbContext>
{
    public PostgresPortalDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<PostgresPortalDbContext>()
            .UseNpgsql("Host=localhost;Database=portal_design_time", npgsql => npgsql.MigrationsAssembly(typeof(PostgresPortalDbContext).Assembly.FullName))
            .Options;
        return new PostgresPortalDbContext(options);
    }
}
