using Microsoft.Data.Sqlite;

namespace SafeguardingPortal.Infrastructure.Data;

/// <summary>
/// <c>dotnet run --project SafeguardingPortal -- backup &lt;file&gt;</c>: copies the SQLite database to
/// <paramref name="file"/> with SQLite's online backup API, which is safe while the portal runs (writers
/// carry on; the copy is one consistent moment), then checks the copy's integrity. On PostgreSQL it says
/// to use <c>pg_dump</c> instead. Never overwrites an existing file.
/// </summary>
public static class BackupCommand
{
    public const string Name = "backup";

    public static async Task<int> RunAsync(string[] args, PortalDatabase database, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var rest = args.SkipWhile(a => a != Name).Skip(1).ToList();
        if (rest.Count != 1 || rest[0].StartsWith("--", StringComparison.Ordinal))
        {
            await error.WriteLineAsync("Usage: dotnet run --project SafeguardingPortal -- backup <file>");
            return 2;
        }

        if (database.Provider != DatabaseProvider.Sqlite || database.DatabaseFile is null)
        {
            await error.WriteLineAsync("This portal runs on PostgreSQL: back it up with pg_dump, e.g. pg_dump --format=custom --file=portal.dump \"<connection>\" (see README, Running at scale).");
            return 2;
        }

        var target = Path.GetFullPath(rest[0]);
        if (File.Exists(target))
        {
            await error.WriteLineAsync($"{target} already exists: choose a new file name (a backup never overwrites one).");
            return 2;
        }

        if (!File.Exists(database.DatabaseFile))
        {
            await error.WriteLineAsync($"There is no database at {database.DatabaseFile} to back up.");
            return 2;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        await using (var source = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database.DatabaseFile, Mode = SqliteOpenMode.ReadOnly, DefaultTimeout = 30 }.ToString()))
        await using (var copy = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = target, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false }.ToString()))
        {
            await source.OpenAsync();
            await copy.OpenAsync();
            source.BackupDatabase(copy);
            await using var check = copy.CreateCommand();
            check.CommandText = "PRAGMA integrity_check;";
            var result = (string?)await check.ExecuteScalarAsync();
            if (result != "ok")
            {
                await error.WriteLineAsync($"The copy failed its integrity check ({result}); it has been removed.");
                await copy.CloseAsync();
                File.Delete(target);
                return 1;
            }
        }

        SqliteConnection.ClearAllPools();
        await output.WriteLineAsync($"Backed up {database.DatabaseFile} to {target} ({new FileInfo(target).Length:N0} bytes, integrity check passed).");
        return 0;
    }
}
