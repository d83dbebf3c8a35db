using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using MimeKit;
using SafeguardingPortal.Infrastructure;
using SafeguardingPortal.Infrastructure.Audit;
using SafeguardingPortal.Infrastructure.Data;
using SafeguardingPortal.Infrastructure.Email;
using SafeguardingPortal.Infrastructure.Email.Queue;

namespace SafeguardingPortal.Tests.Infrastructure.Email;

/// <summary>
/// A batch that stalls past its claim can be taken over by another instance's sender. When the stalled
/// sender finally finishes, it must not write its outcome over the record the other sender keeps.
/// </summary>
public sealed class EmailDispatcherTakeoverTests : IAsyncLifetime
{
    private const string Kind = "TakeoverTest";
    private readonly PortalAppFactory factory = new(new Dictionary<string, string?> { ["Email:DeliverInBackground"] = "false" });

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await factory.DisposeAsync();

    [Fact]
    public async Task A_sender_whose_batch_was_taken_over_records_nothing_over_the_other_senders_record()
    {
        long takenId, keptId;
        await using (var db = await NewContextAsync())
        {
            var taken = EmailDispatcher.Enqueue(db, Kind, 1, "taken@example.org", "Taken", factory.Services.GetRequiredService<PortalClock>().UtcNow);
            var kept = EmailDispatcher.Enqueue(db, Kind, 2, "kept@example.org", "Kept", factory.Services.GetRequiredService<PortalClock>().UtcNow);
            await db.SaveChangesAsync();
            (takenId, keptId) = (taken.Id, kept.Id);
        }

        // While this sender is "sending", another instance claims the first e-mail for itself.
        var transport = new TakeoverTransport(async () =>
        {
            await using var other = await NewContextAsync();
            await other.Set<OutgoingEmail>().Where(e => e.Id == takenId).ExecuteUpdateAsync(s => s.SetProperty(e => e.ClaimedBy, "another-instance"));
        });
        var dispatcher = new EmailDispatcher(
            factory.Services.GetRequiredService<IServiceScopeFactory>(),
            transport,
            [new TestComposer()],
            factory.Services.GetRequiredService<PortalClock>(),
            NullLogger<EmailDispatcher>.Instance);

        var summary = await dispatcher.DispatchAsync();

        Assert.Equal(2, transport.Sent);
        Assert.Equal(1, summary.Sent);
        await using var check = await NewContextAsync();
        var takenRow = await check.Set<OutgoingEmail>().AsNoTracking().SingleAsync(e => e.Id == takenId);
        Assert.Equal("another-instance", takenRow.ClaimedBy);
        Assert.Equal(OutgoingEmailStatus.Queued, takenRow.Status);
        Assert.Equal(0, takenRow.Attempts);
        var keptRow = await check.Set<OutgoingEmail>().AsNoTracking().SingleAsync(e => e.Id == keptId);
        Assert.Equal(OutgoingEmailStatus.Sent, keptRow.Status);
        Assert.Equal(1, keptRow.Attempts);
    }

    private async Task<PortalDbContext> NewContextAsync() =>
        await factory.Services.CreateAsyncScope().ServiceProvider.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();

    private sealed class TakeoverTransport(Func<Task> duringSend) : IEmailTransport
    {
        public int Sent { get; private set; }

        public string Description => "test transport";

        public bool IsOutboxFolder => false;

        public async Task<IReadOnlyList<EmailDeliveryResult>> SendAsync(IReadOnlyList<MimeMessage> messages, CancellationToken ct)
        {
            await duringSend();
            Sent += messages.Count;
            return [.. messages.Select(_ => new EmailDeliveryResult(true, null))];
        }
    }

    private sealed class TestComposer : IEmailComposer
    {
        public bool Handles(string kind) => kind == Kind;

        public Task<IReadOnlyList<MimeMessage?>> ComposeAsync(PortalDbContext db, IReadOnlyList<OutgoingEmail> emails, CancellationToken ct) =>
            Task.FromResult<IReadOnlyList<MimeMessage?>>([.. emails.Select(e => (MimeMessage?)new MimeMessage([new MailboxAddress("Portal", "portal@example.org")], [new MailboxAddress(e.ToName, e.ToAddress)], "Test", new TextPart("plain") { Text = "Test" }))]);

        public Task RecordOutcomeAsync(PortalDbContext db, IReadOnlyList<(OutgoingEmail Email, EmailDeliveryResult Result)> outcomes, CancellationToken ct) => Task.CompletedTask;
    }
}
