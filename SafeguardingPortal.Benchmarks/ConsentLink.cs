using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using MimeKit;
using SafeguardingPortal.Features.Consent;
using SafeguardingPortal.Infrastructure.Data;
using SafeguardingPortal.Infrastructure.Email;
using SafeguardingPortal.Infrastructure.Email.Queue;

namespace SafeguardingPortal.Benchmarks;

/// <summary>
/// Prepares a portal data folder for load-testing the public signing page (SafeguardingPortal.Benchmarks/bench-signing-page.sh):
/// a lead account (which completes first-run setup), an activity, one child with one parent, the photos
/// form published and sent, and the invitation e-mail composed by the real dispatcher and composer.
/// The message goes to a transport that only keeps it in memory, so the raw signing token exists
/// nowhere but in this process and on its standard output (SIGNING_TOKEN=…); the database holds only its hash.
/// Run it before the portal starts on the same folder.
/// </summary>
internal static partial class ConsentLink
{
    public static async Task<int> RunAsync(string[] args)
    {
        var dataDirectory = PortalHost.TextOption(args, "--data");
        if (string.IsNullOrWhiteSpace(dataDirectory))
        {
            Console.Error.WriteLine("usage: consent-link --data <new or empty data folder>");
            return 2;
        }

        dataDirectory = Path.GetFullPath(dataDirectory);
        if (File.Exists(Path.Combine(dataDirectory, "portal.db")))
        {
            Console.Error.WriteLine($"{dataDirectory} already holds a portal database; give a new or empty folder.");
            return 2;
        }

        var capture = new CapturingTransport();
        var (app, _) = await PortalHost.StartAsync(
            new Dictionary<string, string> { ["Email:DeliverInBackground"] = "false", ["Jobs:Enabled"] = "false" },
            dataDirectory,
            services => services.AddSingleton<IEmailTransport>(capture));
        try
        {
            var arrangement = await ConsentArrangement.CreateAsync(app);
            await arrangement.AddFamiliesAsync(1);
            var sent = await arrangement.SendAsync();
            var delivered = await app.Services.GetRequiredService<EmailDispatcher>().DispatchAsync();
            if (sent.Invitations != 1 || delivered.Sent != 1 || capture.Messages.Count != 1)
            {
                Console.Error.WriteLine($"Expected one invitation e-mail; {sent.Invitations} invitation(s), {delivered.Sent} sent, {capture.Messages.Count} captured.");
                return 1;
            }

            var match = SigningLink().Match(capture.Messages[0].TextBody ?? "");
            if (!match.Success)
            {
                Console.Error.WriteLine("The invitation e-mail has no /consent/l/ link.");
                return 1;
            }

            await using var db = await app.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
            var publicId = await db.Set<ConsentInvitation>().Where(i => i.RequestId == sent.RequestId).Select(i => i.PublicId).SingleAsync();
            Console.WriteLine($"ACTIVITY_TITLE={ConsentArrangement.ActivityTitle}");
            Console.WriteLine($"PUBLIC_ID={publicId}");
            Console.WriteLine($"SIGNING_TOKEN={match.Groups[1].Value}");
            return 0;
        }
        finally
        {
            await app.DisposeAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        }
    }

    [GeneratedRegex(@"/consent/l/([A-Za-z0-9_-]{43})")]
    private static partial Regex SigningLink();

    /// <summary>Keeps the messages in memory and reports them delivered; nothing is written or sent anywhere.</summary>
    private sealed class CapturingTransport : IEmailTransport
    {
        public List<MimeMessage> Messages { get; } = [];

        public string Description => "the benchmark's in-memory capture (nothing sent)";

        public bool IsOutboxFolder => false;

        public Task<IReadOnlyList<EmailDeliveryResult>> SendAsync(IReadOnlyList<MimeMessage> messages, CancellationToken ct)
        {
            Messages.AddRange(messages);
            return Task.FromResult<IReadOnlyList<EmailDeliveryResult>>([.. messages.Select(_ => new EmailDeliveryResult(true, null))]);
        }
    }
}
