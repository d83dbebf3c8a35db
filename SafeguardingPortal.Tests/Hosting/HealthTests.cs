using System.Net;
using Microsoft.Data.Sqlite;
using SafeguardingPortal.Tests.Infrastructure;

namespace SafeguardingPortal.Tests.Hosting;

public sealed class HealthTests
{
    [Fact]
    public async Task Healthz_answers_200_while_the_database_is_reachable_and_503_when_it_is_not()
    {
        await using var factory = new PortalAppFactory();
        var client = factory.CreateBrowserlessClient();

        var healthy = await client.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, healthy.StatusCode);
        Assert.Equal("Healthy", await healthy.Content.ReadAsStringAsync());

        // Damage the database file the way a failed disk or a bad restore would.
        SqliteConnection.ClearAllPools();
        foreach (var sidecar in new[] { "-wal", "-shm" })
        {
            File.Delete(factory.DatabaseFile + sidecar);
        }

        await File.WriteAllBytesAsync(factory.DatabaseFile, new byte[8192], TestContext.Current.CancellationToken);

        var unhealthy = await client.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, unhealthy.StatusCode);
        Assert.Equal("Unhealthy", await unhealthy.Content.ReadAsStringAsync());
    }

    [Fact]
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
