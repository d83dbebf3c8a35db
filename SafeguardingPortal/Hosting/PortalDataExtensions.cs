using Microsoft.AspNetCore.DataProtection;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using SafeguardingPortal.Infrastructure;
using SafeguardingPortal.Infrastructure.Audit;
using SafeguardingPortal.Infrastructure.Data;
using SafeguardingPortal.Infrastructure.Health;

namespace SafeguardingPortal.Hosting;

public static class PortalDataExtensions
{
    public const string DatabaseFileName = "portal.db";

    /// <summary>
    /// The database (SQLite file in the data folder, through a context factory), the portal's clock,
    /// Data Protection keys kept in the database, and the database health check.
    /// </summary>
    public static WebApplicationBuilder AddPortalData(this WebApplicationBuilder builder)
    {
        var dataDirectory = StorageOptions.ResolveDataDirectory(builder.Configuration, builder.Environment.ContentRootPath);
        Directory.CreateDirectory(dataDirectory);

        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(dataDirectory, DatabaseFileName),
            // Never create the file behind the portal's back (a lost file must not become an empty portal
            // that offers /setup to anyone): it is created once, at start-up, when it does not exist.
            Mode = SqliteOpenMode.ReadWrite,
            ForeignKeys = true,
            DefaultTimeout = 30,
        }.ToString();

        var services = builder.Services;
        services.AddSingleton<SqliteConnectionPragmas>();
        services.AddSingleton<AuditSaveChangesInterceptor>();
        // Pooled: a context is reset and reused rather than built with its own service scope each time
        // (half the cost of the public signing page's one query was building the context).
        services.AddPooledDbContextFactory<SqlitePortalDbContext>((sp, options) => options
            .UseSqlite(connectionString, sqlite => sqlite.MigrationsAssembly(typeof(SqlitePortalDbContext).Assembly.FullName))
            .AddInterceptors(sp.GetRequiredService<SqliteConnectionPragmas>(), sp.GetRequiredService<AuditSaveChangesInterceptor>()));
        services.AddScoped<AuditContext>();
        services.AddScoped<IDbContextFactory<PortalDbContext>, PortalDbContextFactory<SqlitePortalDbContext>>();

        // Identity's stores and Data Protection resolve a context from the request's scope.
        services.AddScoped<PortalDbContext>(sp =>
        {
            var db = sp.GetRequiredService<IDbContextFactory<SqlitePortalDbContext>>().CreateDbContext();
            db.UseAuditContext(sp.GetRequiredService<AuditContext>());
            return db;
        });

        services.AddSingleton(new PortalClock(TimeProvider.System));
        services.AddSingleton(new DatabaseLocation(dataDirectory, Path.Combine(dataDirectory, DatabaseFileName)));
        services.AddTransient<DatabaseInitialiser>();

        services.AddDataProtection()
            .SetApplicationName("SafeguardingPortal")
            .PersistKeysToDbContext<PortalDbContext>();

        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        return builder;
    }

    /// <summary>Applies migrations and creates what every portal needs (the roles) before the first request.</summary>
    public static async Task InitialisePortalDatabaseAsync(this WebApplication app)
    {
        var location = app.Services.GetRequiredService<DatabaseLocation>();
        if (!File.Exists(location.DatabaseFile))
        {
            await using var create = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = location.DatabaseFile, Mode = SqliteOpenMode.ReadWriteCreate }.ToString());
            await create.OpenAsync();
        }

        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseInitialiser>().InitialiseAsync(app.Lifetime.ApplicationStopping);
    }
}

/// <summary>Where the database file and the data folder are on disk.</summary>
public sealed record DatabaseLocation(string DataDirectory, string DatabaseFile);
