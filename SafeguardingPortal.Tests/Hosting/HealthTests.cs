using System.Net;
using Microsoft.Data.Sqlite;
using SafeguardingPortal.Tests.Infrastructure;
using SafeguardingPortal.Tests.Infrastructure.Audit;

namespace SafeguardingPortal.Tests.Hosting;

public sealed class HealthTests
{
    [Fact]
    public async Task Healthz_names_the_configured_provider_and_says_the_migrations_are_up_to_date()
    {
        await using var factory = new PortalAppFactory();
        var response = await factory.CreateBrowserlessClient().GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("Healthy", lines[0]);
        Assert.Equal($"provider: {TestDatabase.LaneName}", lines[1]);
        Assert.Matches(@"^migrations: up to date \(\d+ applied\)$", lines[2]);
        // Where the database is, and how to sign in to it, are not for anonymous callers.
        Assert.DoesNotContain("portal", string.Join('\n', lines[1..]), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_database_behind_this_version_is_reported_as_degraded_not_healthy()
    {
        await using var factory = new PortalAppFactory();
        var client = factory.CreateBrowserlessClient();
        Assert.StartsWith("Healthy", await client.GetStringAsync("/healthz"), StringComparison.Ordinal);

        // As if another instance had not yet been upgraded past this build's latest migration.
        await factory.ExecuteAsync("DELETE FROM \"__EFMigrationsHistory\" WHERE \"MigrationId\" = (SELECT MAX(\"MigrationId\") FROM \"__EFMigrationsHistory\")");

        var response = await client.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.StartsWith("Degraded", body, StringComparison.Ordinal);
        Assert.Contains("migrations: 1 not applied", body, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Database", "SqliteOnly")]
    public async Task Healthz_answers_200_while_the_database_is_reachable_and_503_when_it_is_not()
    {
        await using var factory = new PortalAppFactory();
        var client = factory.CreateBrowserlessClient();

        var healthy = await client.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, healthy.StatusCode);
        Assert.StartsWith("Healthy\n", await healthy.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // Damage the database file the way a failed disk or a bad restore would.
        SqliteConnection.ClearAllPools();
        foreach (var sidecar in new[] { "-wal", "-shm" })
        {
            File.Delete(factory.DatabaseFile + sidecar);
        }

        await File.WriteAllBytesAsync(factory.DatabaseFile, new byte[8192], TestContext.Current.CancellationToken);

        var unhealthy = await client.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, unhealthy.StatusCode);
        Assert.StartsWith("Unhealthy\n", await unhealthy.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Database", "SqliteOnly")]
    public async Task The_database_uses_a_write_ahead_log_in_the_configured_data_folder()
    {
        await using var factory = new PortalAppFactory();
        _ = factory.Services;

        Assert.True(File.Exists(factory.DatabaseFile));
        await using var connection = new SqliteConnection($"Data Source={factory.DatabaseFile}");
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode;";
        Assert.Equal("wal", (string?)await command.ExecuteScalarAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    [Trait("Database", "SqliteOnly")]
    public async Task A_lost_database_file_is_reported_and_not_silently_replaced_by_an_empty_one()
    {
        await using var factory = new PortalAppFactory();
        var client = factory.CreateBrowserlessClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);

        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { factory.DatabaseFile, factory.DatabaseFile + "-wal", factory.DatabaseFile + "-shm" })
        {
            File.Delete(file);
        }

        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/healthz")).StatusCode);
        Assert.False(File.Exists(factory.DatabaseFile));
    }
}
