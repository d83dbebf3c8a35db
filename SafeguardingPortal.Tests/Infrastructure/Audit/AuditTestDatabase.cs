using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SafeguardingPortal.Infrastructure.Audit;
using SafeguardingPortal.Infrastructure.Data;

namespace SafeguardingPortal.Tests.Infrastructure.Audit;

/// <summary>Reads and tampers with a portal's audit trail the way someone with the database file could.</summary>
public static class AuditTestDatabase
{
    public static async Task<List<AuditEvent>> EventsAsync(this PortalAppFactory factory)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        return await db.AuditEvents.AsNoTracking().OrderBy(e => e.Sequence).ToListAsync();
    }

    public static async Task<AuditVerification> VerifyAsync(this PortalAppFactory factory, AuditCheckpoint? checkpoint = null)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await AuditVerifier.VerifyAsync(scope.ServiceProvider.GetRequiredService<PortalDbContext>(), checkpoint);
    }

    /// <summary>Runs SQL straight against the file, after removing the append-only triggers (as an attacker with the file could).</summary>
    public static async Task TamperAsync(this PortalAppFactory factory, string sql)
    {
        SqliteConnection.ClearAllPools();
        await using var connection = new SqliteConnection($"Data Source={factory.DatabaseFile}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "DROP TRIGGER IF EXISTS AuditEvents_NoUpdate; DROP TRIGGER IF EXISTS AuditEvents_NoDelete; " + sql;
        await command.ExecuteNonQueryAsync();
    }

    public static async Task<int> ExecuteAsync(this PortalAppFactory factory, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={factory.DatabaseFile}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteNonQueryAsync();
    }
}
