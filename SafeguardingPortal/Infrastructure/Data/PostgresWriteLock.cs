using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace SafeguardingPortal.Infrastructure.Data;

/// <summary>
/// On PostgreSQL, every transaction the portal begins first takes one transaction-scoped advisory lock,
/// so writers that read before they write (the audit chain's next link, a job's lease, a second manager
/// deciding the same request) wait for each other exactly as they do on SQLite, where a transaction is
/// begun IMMEDIATE. Reads outside a transaction and single-statement saves do not wait.
/// </summary>
/// <remarks>
/// One lock for the whole database keeps the audit chain single across instances. It serialises audited
/// writes, as SQLite's one writer does; the note to issue #11 gives the measured throughput.
/// </remarks>
public sealed class PostgresWriteLock : DbTransactionInterceptor
{
    /// <summary>The advisory-lock key (0x5347504457524954, "SGPDWRIT"): a fixed number every instance shares.</summary>
    public const long LockKey = 6000853282947483988;

    private const string TakeLock = "SELECT pg_advisory_xact_lock(6000853282947483988)";

    public override DbTransaction TransactionStarted(DbConnection connection, TransactionEndEventData eventData, DbTransaction result)
    {
        ArgumentNullException.ThrowIfNull(connection);
        using var command = connection.CreateCommand();
        command.Transaction = result;
        command.CommandText = TakeLock;
        command.ExecuteNonQuery();
        return result;
    }

    public override async ValueTask<DbTransaction> TransactionStartedAsync(DbConnection connection, TransactionEndEventData eventData, DbTransaction result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var command = connection.CreateCommand();
        command.Transaction = result;
        command.CommandText = TakeLock;
        await command.ExecuteNonQueryAsync(cancellationToken);
        return result;
    }
}
