using Microsoft.Data.Sqlite;
using Npgsql;

namespace SafeguardingPortal.Infrastructure.Data;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>
/// Which database the portal runs on, read once at start-up: <c>Database:Provider</c> is <c>Sqlite</c>
/// (the default: a file in the data folder) or <c>Postgres</c> (then <c>ConnectionStrings:Portal</c> is required).
/// </summary>
/// <param name="DatabaseFile">The SQLite file; null on PostgreSQL.</param>
public sealed record PortalDatabase(DatabaseProvider Provider, string ConnectionString, string DataDirectory, string? DatabaseFile)
{
    public const string FileName = "portal.db";

    /// <summary>What the logs may show: the provider and where, never a password.</summary>
    public string Describe()
    {
        if (Provider == DatabaseProvider.Sqlite)
        {
            return $"SQLite ({DatabaseFile})";
        }

        var parts = new NpgsqlConnectionStringBuilder(ConnectionString);
        return $"PostgreSQL ({parts.Host}:{parts.Port}/{parts.Database})";
    }

    public static PortalDatabase FromConfiguration(IConfiguration configuration, string dataDirectory)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var name = configuration["Database:Provider"];
        if (string.IsNullOrWhiteSpace(name) || name.Equals("Sqlite", StringComparison.OrdinalIgnoreCase))
        {
            var file = Path.Combine(dataDirectory, FileName);
            var connectionString = new SqliteConnectionStringBuilder
            {
                DataSource = file,
                // Never create the file behind the portal's back (a lost file must not become an empty portal
                // that offers /setup to anyone): it is created once, at start-up, when it does not exist.
                Mode = SqliteOpenMode.ReadWrite,
                ForeignKeys = true,
                DefaultTimeout = 30,
            }.ToString();
            return new PortalDatabase(DatabaseProvider.Sqlite, connectionString, dataDirectory, file);
        }

        if (name.Equals("Postgres", StringComparison.OrdinalIgnoreCase) || name.Equals("PostgreSQL", StringComparison.OrdinalIgnoreCase))
        {
            var connectionString = configuration.GetConnectionString("Portal");
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                throw new InvalidOperationException(
                    "Database:Provider is Postgres but ConnectionStrings:Portal is not set. Set it, e.g. ConnectionStrings__Portal=\"Host=db;Database=portal;Username=portal;Password=…\".");
            }

            try
            {
                _ = new NpgsqlConnectionStringBuilder(connectionString);
            }
            catch (ArgumentException ex)
            {
                throw new InvalidOperationException($"ConnectionStrings:Portal is not a valid PostgreSQL connection string: {ex.Message}", ex);
            }

            return new PortalDatabase(DatabaseProvider.Postgres, connectionString, dataDirectory, null);
        }

        throw new InvalidOperationException($"Database:Provider '{name}' is not known: use Sqlite (the default) or Postgres.");
    }
}
