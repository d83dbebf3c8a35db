using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using SafeguardingPortal.Infrastructure.Data;

namespace SafeguardingPortal.Infrastructure.Health;

/// <summary>
/// Healthy when the database answers a query against the portal's own schema and its migrations match this
/// build's; degraded when they do not (a migration not yet applied, or one applied by a newer version on
/// another instance); unhealthy when it cannot be reached. Reports the provider, never where it is.
/// </summary>
public sealed class DatabaseHealthCheck(IDbContextFactory<PortalDbContext> dbFactory, PortalDatabase database) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var provider = database.Provider == DatabaseProvider.Sqlite ? "SQLite" : "PostgreSQL";
        var data = new Dictionary<string, object> { ["provider"] = provider };
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            await db.Roles.AsNoTracking().AnyAsync(cancellationToken);
            var applied = (await db.Database.GetAppliedMigrationsAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
            var known = db.Database.GetMigrations().ToList();
            var pending = known.Count(m => !applied.Contains(m));
            var unknown = applied.Count(m => !known.Contains(m, StringComparer.Ordinal));
            data["migrations"] = pending == 0 && unknown == 0
                ? $"up to date ({applied.Count} applied)"
                : pending > 0 ? $"{pending} not applied" : $"{unknown} applied that this version does not know";
            return pending == 0 && unknown == 0
                ? HealthCheckResult.Healthy("The database is reachable and up to date.", data)
                : HealthCheckResult.Degraded("The database's migrations do not match this version of the portal.", data: data);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            data["migrations"] = "unknown";
            return HealthCheckResult.Unhealthy("The database is not reachable.", ex, data);
        }
    }
}
