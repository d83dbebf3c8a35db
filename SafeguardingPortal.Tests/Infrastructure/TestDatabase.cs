using System.Security.Cryptography;
using System.Text;
using Npgsql;

namespace SafeguardingPortal.Tests.Infrastructure;

/// <summary>
/// Which database lane the tests run in. By default every portal under test has its own SQLite file. With
/// <c>PORTAL_TEST_POSTGRES</c> set to a server's connection string (no database name), every portal gets
/// its own database on that server instead, dropped when the portal is disposed. <c>bash .ci/test</c>
/// starts a throwaway PostgreSQL cluster on loopback and runs the suite in both lanes.
/// </summary>
public static class TestDatabase
{
    public const string Variable = "PORTAL_TEST_POSTGRES";

    /// <summary>The PostgreSQL server's connection string, or null in the SQLite lane.</summary>
    public static string? PostgresServer { get; } = Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value ? value : null;

    public static bool IsPostgres => PostgresServer is not null;

    public static string LaneName => IsPostgres ? "PostgreSQL" : "SQLite";

    /// <summary>One database per data folder, so a portal restarted on the same folder finds its data again.</summary>
    public static string DatabaseNameFor(string dataDirectory)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(dataDirectory));
        return "portal_test_" + Convert.ToHexStringLower(hash)[..24];
    }

    public static string ConnectionStringFor(string dataDirectory) =>
        new NpgsqlConnectionStringBuilder(PostgresServer) { Database = DatabaseNameFor(dataDirectory) }.ToString();

    /// <summary>Drops a test portal's database (closing its pooled connections first).</summary>
    public static async Task DropAsync(string dataDirectory)
    {
        var connectionString = ConnectionStringFor(dataDirectory);
        await using (var pooled = new NpgsqlConnection(connectionString))
        {
            NpgsqlConnection.ClearPool(pooled);
        }

        await using var server = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(PostgresServer) { Database = "postgres", Pooling = false }.ToString());
        await server.OpenAsync();
        await using var command = server.CreateCommand();
        command.CommandText = $"DROP DATABASE IF EXISTS \"{DatabaseNameFor(dataDirectory)}\" WITH (FORCE)";
        await command.ExecuteNonQueryAsync();
    }
}
