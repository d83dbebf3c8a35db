using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using SafeguardingPortal.Infrastructure.Audit;
using SafeguardingPortal.Infrastructure.Data;
using SafeguardingPortal.Infrastructure.Identity;
using SafeguardingPortal.Tests.Infrastructure;

namespace SafeguardingPortal.Tests.Hosting;

public sealed class BackupCommandTests
{
    [Fact]
    [Trait("Database", "SqliteOnly")]
    public async Task A_backup_taken_while_the_portal_writes_is_a_complete_consistent_copy_and_never_overwrites()
    {
        await using var factory = new PortalAppFactory();
        await factory.CreateUserAsync("kept@example.org", "Kept Person", PortalRoles.Staff);
        var database = factory.Services.GetRequiredService<PortalDatabase>();
        var target = Path.Combine(factory.DataDirectory, "backups", "portal-copy.db");

        // The portal keeps writing audit events while the copy is taken.
        using var stop = new CancellationTokenSource();
        var writer = Task.Run(async () =>
        {
            var written = 0;
            while (!stop.IsCancellationRequested)
            {
                await using var scope = factory.Services.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<AuditTrail>().RecordAsync(AuditActions.Viewed, $"during the backup {written++}");
            }

            return written;
        });
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await BackupCommand.RunAsync(["backup", target], database, output, error);
        await stop.CancelAsync();
        Assert.True(await writer > 0);

        Assert.True(exit == 0, error.ToString());
        Assert.Contains("integrity check passed", output.ToString(), StringComparison.Ordinal);
        await using (var copy = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = target, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString()))
        {
            await copy.OpenAsync(TestContext.Current.CancellationToken);
            await using var command = copy.CreateCommand();
            command.CommandText = "SELECT count(*) FROM AspNetUsers WHERE Email = 'kept@example.org'";
            Assert.Equal(1L, await command.ExecuteScalarAsync(TestContext.Current.CancellationToken));
        }

        // The copy's audit chain verifies on its own: a portal started on it finds every link intact.
        var restored = Path.Combine(Path.GetTempPath(), "portal-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(restored);
        File.Copy(target, Path.Combine(restored, PortalDatabase.FileName));
        await using (var fromBackup = new PortalAppFactory(dataDirectory: restored))
        {
            Assert.True((await SafeguardingPortal.Tests.Infrastructure.Audit.AuditTestDatabase.VerifyAsync(fromBackup)).Intact);
        }

        SqliteConnection.ClearAllPools();
        Directory.Delete(restored, recursive: true);

        var before = File.GetLastWriteTimeUtc(target);
        var again = new StringWriter();
        Assert.Equal(2, await BackupCommand.RunAsync(["backup", target], database, new StringWriter(), again));
        Assert.Contains("already exists", again.ToString(), StringComparison.Ordinal);
        Assert.Equal(before, File.GetLastWriteTimeUtc(target));
    }

    [Fact]
    public async Task On_PostgreSQL_the_backup_command_points_to_pg_dump_and_writes_nothing()
    {
        var database = new PortalDatabase(DatabaseProvider.Postgres, "Host=db;Database=portal", Path.GetTempPath(), null);
        var target = Path.Combine(Path.GetTempPath(), "portal-tests", Guid.NewGuid().ToString("N") + ".db");
        var error = new StringWriter();

        Assert.Equal(2, await BackupCommand.RunAsync(["backup", target], database, new StringWriter(), error));
        Assert.Contains("pg_dump", error.ToString(), StringComparison.Ordinal);
        Assert.False(File.Exists(target));
    }
}
