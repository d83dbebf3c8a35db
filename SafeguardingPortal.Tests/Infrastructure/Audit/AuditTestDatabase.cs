using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using SafeguardingPortal.Infrastructure.Audit;
using SafeguardingPortal.Infrastructure.Data;

namespace SafeguardingPortal.Tests.Infrastructure.Audit;

/// <summary>Reads and tampers with a portal's audit trail the way someone with direct access to the database could.</summary>
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

    /// <summary>
    /// Runs SQL straight against the database, after removing the append-only triggers (as an attacker with
    /// the file, or the database owner's password, could). Quote identifiers ("AuditEvents"): PostgreSQL folds them.
    /// </summary>
    public static async Task TamperAsync(this PortalAppFactory factory, string sql)
    {
        var dropTriggers = TestDatabase.IsPostgres
            ? "DROP TRIGGER IF EXISTS \"AuditEvents_NoUpdate\" ON \"AuditEvents\"; DROP TRIGGER IF EXISTS \"AuditEvents_NoDelete\" ON \"AuditEvents\"; "
            : "DROP TRIGGER IF EXISTS AuditEvents_NoUpdate; DROP TRIGGER IF EXISTS AuditEvents_NoDelete; ";
        await factory.ExecuteAsync(dropTriggers + sql);
    }

    /// <summary>Runs SQL on a connection of its own, past the portal (no interceptors, no audit).</summary>
    public static async Task<int> ExecuteAsync(this PortalAppFactory factory, string sql)
    {
        await using var connection = factory.OpenRawConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteNonQueryAsync();
    }

    private static DbConnection OpenRawConnection(this PortalAppFactory factory) => TestDatabase.IsPostgres
        ? new NpgsqlConnection(TestDatabase.ConnectionStringFor(factory.DataDirectory))
        : new SqliteConnection($"Data Source={factory.DatabaseFile}");
}
