using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace SafeguardingPortal.Infrastructure.Data;

/// <summary>The SQLite flavour of the model; its migrations live in Migrations/Sqlite.</summary>
public sealed class SqlitePortalDbContext(DbContextOptions<SqlitePortalDbContext> options) : PortalDbContext(options);

/// <summary>Used by <c>dotnet ef</c> to add SQLite migrations.</summary>
public sealed class SqlitePortalDbContextDesignTimeFactory : IDesignTimeDbContextFactory<SqlitePortalDbContext>
{
    public SqlitePortalDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<SqlitePortalDbContext>()
            .UseSqlite("Data Source=design-time.db", sqlite => sqlite.MigrationsAssembly(typeof(SqlitePortalDbContext).Assembly.FullName))
            .Options;
        return new SqlitePortalDbContext(options);
    }
}
