using System.Diagnostics;
using System.Globalization;
using SafeguardingPortal.Infrastructure.Email.Queue;

namespace SafeguardingPortal.Benchmarks;

/// <summary>
/// The budget: sending 1,000 invitations completes in under 10 s to a loopback SMTP server.
/// Each repetition starts a fresh portal (fresh SQLite file) sending through a real SMTP listener on
/// 127.0.0.1, arranges an activity with N children each with one parent (so N invitations) and the
/// published photos form, then times (1) ConsentRequestService.SendAsync: the request, its invitations
/// and their queued e-mails, in one transaction, and (2) EmailDispatcher.DispatchAsync (compose, save
/// token hashes, send in batches of 200 over one connection each, record outcomes) until all N messages
/// have arrived at the listener. Delivery is not in the background (Email:DeliverInBackground=false):
/// the run drives it, as the background service would when woken.
/// </summary>
internal static class ConsentSend
{
    private const int Repetitions = 3;
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(10);

    public static async Task<int> RunAsync(string[] args)
    {
        var invitations = PortalHost.Option(args, "--invitations", 1000);
        Console.WriteLine($"Consent invitations: {invitations} per run, {Repetitions} runs, each on a fresh SQLite file, delivered to a loopback SMTP listener");
        var runs = new List<(double Create, double Deliver)>();
        for (var run = 1; run <= Repetitions; run++)
        {
            var (create, deliver) = await RunOnceAsync(invitations);
            runs.Add((create, deliver));
            var total = create + deliver;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"run {run}: {invitations} invitations, create {create:F0} ms, deliver {deliver:F0} ms, total {total:F0} ms, {invitations / (total / 1000):F0} messages/s"));
        }

        static double Median(IEnumerable<double> values)
        {
            var sorted = values.Order().ToArray();
            return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
        }

        var medianCreate = Median(runs.Select(r => r.Create));
        var medianDeliver = Median(runs.Select(r => r.Deliver));
        var medianTotal = Median(runs.Select(r => r.Create + r.Deliver));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"median of {Repetitions}: {invitations} invitations, create {medianCreate:F0} ms, deliver {medianDeliver:F0} ms, total {medianTotal:F0} ms, {invitations / (medianTotal / 1000):F0} messages/s"));
        var within = medianTotal < Budget.TotalMilliseconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Median total {medianTotal / 1000:F2} s against a budget of {Budget.TotalSeconds:F0} s: {(within ? "within budget" : "OVER BUDGET")}"));
        return within ? 0 : 1;
    }

    private static async Task<(double CreateMs, double DeliverMs)> RunOnceAsync(int invitations)
    {
        await using var smtp = await LoopbackSmtpServer.StartAsync();
        var (app, dataDirectory) = await PortalHost.StartAsync(new Dictionary<string, string>
        {
            ["Email:Smtp:Host"] = "127.0.0.1",
            ["Email:Smtp:Port"] = smtp.Port.ToString(CultureInfo.InvariantCulture),
            ["Email:Smtp:Security"] = "None",
            ["Email:DeliverInBackground"] = "false",
            ["Jobs:Enabled"] = "false",
            ["Portal:PublicBaseUrl"] = "http://localhost:5080",
        });
        try
        {
            var arrangement = await ConsentArrangement.CreateAsync(app);
            await arrangement.AddFamiliesAsync(invitations);
            var dispatcher = app.Services.GetRequiredService<EmailDispatcher>();

            var watch = Stopwatch.StartNew();
            var sent = await arrangement.SendAsync();
            var create = watch.Elapsed.TotalMilliseconds;
            if (sent.Invitations != invitations)
            {
                throw new InvalidOperationException($"Expected {invitations} invitations, but the request has {sent.Invitations}.");
            }

            watch.Restart();
            var delivered = await dispatcher.DispatchAsync();
            await smtp.WaitForMessagesAsync(invitations, TimeSpan.FromMinutes(2));
            var deliver = watch.Elapsed.TotalMilliseconds;
            if (delivered.Sent != invitations || smtp.MessageCount != invitations || smtp.DistinctRecipients != invitations)
            {
                throw new InvalidOperationException(
                    $"Expected {invitations} messages to {invitations} parents; the dispatcher sent {delivered.Sent} (failed {delivered.Failed}, cancelled {delivered.Cancelled}), the listener received {smtp.MessageCount} for {smtp.DistinctRecipients} recipients.");
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  listener: {smtp.MessageCount} messages, {smtp.DistinctRecipients} recipients, {smtp.ByteCount / 1024.0:F0} KiB, {smtp.ConnectionCount} SMTP connection(s)"));
            return (create, deliver);
        }
        finally
        {
            await app.DisposeAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(dataDirectory, recursive: true);
        }
    }
}
