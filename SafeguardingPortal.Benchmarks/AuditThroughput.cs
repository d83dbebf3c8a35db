using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using SafeguardingPortal.Infrastructure.Audit;
using SafeguardingPortal.Infrastructure.Data;

namespace SafeguardingPortal.Benchmarks;

/// <summary>
/// How many audit events per second the audit path sustains with N concurrent writers, on SQLite or (with
/// <c>--postgres "Host=…;Username=…"</c>) on a fresh database on that PostgreSQL server:
/// (1) security events alone, (2) record changes, each saved with its audit event in one transaction.
/// Ends by verifying the whole chain.
/// </summary>
internal static class AuditThroughput
{
    public static async Task<int> RunAsync(string[] args)
    {
        var writers = PortalHost.Option(args, "--writers", 8);
        var seconds = PortalHost.Option(args, "--seconds", 10);
        var postgres = PortalHost.TextOption(args, "--postgres");
        var database = postgres is null ? null : new Npgsql.NpgsqlConnectionStringBuilder(postgres) { Database = $"portal_bench_{Guid.NewGuid():N}" }.ToString();
        var settings = database is null ? null : new Dictionary<string, string> { ["Database:Provider"] = "Postgres", ["ConnectionStrings:Portal"] = database };
        var (app, dataDirectory) = await PortalHost.StartAsync(settings);
        try
        {
            var where = database is null ? $"SQLite (WAL, synchronous=FULL) in {dataDirectory}" : $"PostgreSQL {app.Services.GetRequiredService<PortalDatabase>().Describe()}";
            Console.WriteLine($"Audit path, {writers} concurrent writers, {seconds} s per phase, {where}");
            var events = await MeasureAsync(app, writers, seconds, "security events (AuditTrail.RecordAsync)", async (scope, w, i) =>
                await scope.ServiceProvider.GetRequiredService<AuditTrail>().RecordAsync(AuditActions.Viewed, $"writer {w} event {i}", "Benchmark", $"{w}-{i}"));
            var changes = await MeasureAsync(app, writers, seconds, "record changes (insert + its audit event, one transaction)", async (scope, w, i) =>
            {
                await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
                db.Roles.Add(new IdentityRole($"Benchmark {w}-{i}") { NormalizedName = $"BENCHMARK {w}-{i}" });
                await db.SaveChangesAsync();
            });

            var watch = Stopwatch.StartNew();
            await using var verifyScope = app.Services.CreateAsyncScope();
            var verification = await AuditVerifier.VerifyAsync(verifyScope.ServiceProvider.GetRequiredService<PortalDbContext>());
            Console.WriteLine($"Verify: {verification.Message} ({watch.ElapsedMilliseconds} ms)");
            Console.WriteLine($"Summary: {events:F0} security events/s, {changes:F0} audited changes/s with {writers} writers");
            return verification.Intact ? 0 : 1;
        }
        finally
        {
            await app.DisposeAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(dataDirectory, recursive: true);
            if (database is not null)
            {
                await DropAsync(postgres!, database);
            }
        }
    }

    private static async Task DropAsync(string server, string database)
    {
        Npgsql.NpgsqlConnection.ClearAllPools();
        var name = new Npgsql.NpgsqlConnectionStringBuilder(database).Database;
        await using var connection = new Npgsql.NpgsqlConnection(new Npgsql.NpgsqlConnectionStringBuilder(server) { Database = "postgres" }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)";
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<double> MeasureAsync(WebApplication app, int writers, int seconds, string what, Func<AsyncServiceScope, int, int, Task> write)
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        var counts = new int[writers];
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            await using var scope = app.Services.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<AuditContext>().Set(AuditActor.System);
            while (!stop.IsCancellationRequested)
            {
                await write(scope, w, counts[w]);
                counts[w]++;
            }
        })));
        watch.Stop();
        var total = counts.Sum();
        var perSecond = total / watch.Elapsed.TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{what}: {total} in {watch.Elapsed.TotalSeconds:F1} s = {perSecond:F0}/s"));
        return perSecond;
    }
}
