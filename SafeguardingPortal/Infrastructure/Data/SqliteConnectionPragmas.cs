using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace SafeguardingPortal.Infrastructure.Data;

/// <summary>
/// Per-connection SQLite settings: every committed change is flushed to disk (synchronous=FULL) and
/// writers wait for each other instead of failing at once (busy_timeout). Foreign keys are switched
/// on by the connection string (<c>Foreign Keys=True</c>), and WAL mode is a property of the file,
/// set once at start-up.
/// </summary>
/// <remarks>
/// These settings belong to the physical SQLite connection, which Microsoft.Data.Sqlite pools and
/// hands out again on the next open; they are applied the first time a physical connection is
/// opened and not again on each reuse (they were three statements on every request).
/// </remarks>
public sealed class SqliteConnectionPragmas : DbConnectionInterceptor
{
    public const int BusyTimeoutMilliseconds = 10_000;
    private const string Pragmas = "PRAGMA synchronous = FULL; PRAGMA busy_timeout = 10000;";

    // Keyed by the native connection handle, which lives as long as the physical connection.
    private readonly ConditionalWeakTable<object, object> applied = [];

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (NeedsPragmas(connection, out var handle))
        {
            using var command = connection.CreateCommand();
            command.CommandText = Pragmas;
            command.ExecuteNonQuery();
            MarkApplied(handle);
        }
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (NeedsPragmas(connection, out var handle))
        {
            await using var command = connection.CreateCommand();
            command.CommandText = Pragmas;
            await command.ExecuteNonQueryAsync(cancellationToken);
            MarkApplied(handle);
        }
    }

    private bool NeedsPragmas(DbConnection connection, out object? handle)
    {
        handle = (connection as SqliteConnection)?.Handle;
        return handle is null || !applied.TryGetValue(handle, out _);
    }

    private void MarkApplied(object? handle)
    {
        if (handle is not null)
        {
            applied.AddOrUpdate(handle, handle);
        }
    }
}
