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
    /// <summary>
    /// The database (a SQLite file in the data folder by default, or PostgreSQL with
    /// <c>Database:Provider = Postgres</c> and <c>ConnectionStrings:Portal</c>), through a pooled context
    /// factory; the portal's clock, Data Protection keys kept in the database, and the database health check.
    /// </summary>
    public static WebApplicationBuilder AddPortalData(this WebApplicationBuilder builder)
    {
        var dataDirectory = StorageOptions.ResolveDataDirectory(builder.Configuration, builder.Environment.ContentRootPath);
        Directory.CreateDirectory(dataDirectory);
        var database = PortalDatabase.FromConfiguration(builder.Configuration, dataDirectory);

        var services = builder.Services;
        services.AddSingleton<AuditSaveChangesInterceptor>();
        services.AddScoped<AuditContext>();
        if (database.Provider == DatabaseProvider.Postgres)
        {
            services.AddSingleton<PostgresWriteLock>();
            services.AddPooledDbContextFactory<PostgresPortalDbContext>((sp, options) => options
                .UseNpgsql(database.ConnectionString, npgsql => npgsql.MigrationsAssembly(typeof(PostgresPortalDbContext).Assembly.FullName))
                .AddInterceptors(sp.GetRequiredService<PostgresWriteLock>(), sp.GetRequiredService<AuditSaveChangesInterceptor>()));
            AddNeutralContext<PostgresPortalDbContext>(services);
        }
        else
        {
            services.AddSingleton<SqliteConnectionPragmas>();
            // Pooled: a context is reset and reused rather than built with its own service scope each time
            // (half the cost of the public signing page's one query was building the context).
            services.AddPooledDbContextFactory<SqlitePortalDbContext>((sp, options) => options
                .UseSqlite(database.ConnectionString, sqlite => sqlite.MigrationsAssembly(typeof(SqlitePortalDbContext).Assembly.FullName))
                .AddInterceptors(sp.GetRequiredService<SqliteConnectionPragmas>(), sp.GetRequiredService<AuditSaveChangesInterceptor>()));
            AddNeutralContext<SqlitePortalDbContext>(services);
        }

        services.AddSingleton(new PortalClock(TimeProvider.System));
        services.AddSingleton(database);
        services.AddTransient<DatabaseInitialiser>();

        services.AddDataProtection()
            .SetApplicationName("SafeguardingPortal")
            .PersistKeysToDbContext<PortalDbContext>();

        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        return builder;
    }

    /// <summary>Features see only <see cref="PortalDbContext"/>: the configured provider's context stands behind it.</summary>
    private static void AddNeutralContext<TContext>(IServiceCollection services)
        where TContext : PortalDbContext
    {
        services.AddScoped<IDbContextFactory<PortalDbContext>, PortalDbContextFactory<TContext>>();

        // Identity's stores and Data Protection resolve a context from the request's scope.
        services.AddScoped<PortalDbContext>(sp =>
        {
            var db = sp.GetRequiredService<IDbContextFactory<TContext>>().CreateDbContext();
            db.UseAuditContext(sp.GetRequiredService<AuditContext>());
            return db;
        });
    }

    /// <summary>Applies migrations and creates what every portal needs (the roles) before the first request.</summary>
    public static async Task InitialisePortalDatabaseAsync(this WebApplication app)
    {
        var database = app.Services.GetRequiredService<PortalDatabase>();
        if (database.DatabaseFile is { } file && !File.Exists(file))
        {
            await using var create = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Mode = SqliteOpenMode.ReadWriteCreate }.ToString());
            await create.OpenAsync();
        }

        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseInitialiser>().InitialiseAsync(app.Lifetime.ApplicationStopping);
    }
}
