using Microsoft.EntityFrameworkCore;
using MimeKit;
using SafeguardingPortal.Infrastructure.Audit;
using SafeguardingPortal.Infrastructure.Data;

namespace SafeguardingPortal.Infrastructure.Email.Queue;

public sealed record EmailDispatchSummary(int Sent, int Failed, int Cancelled)
{
    public int Total => Sent + Failed + Cancelled;
}

/// <summary>
/// Sends what is queued: claims a batch (so two instances never send the same e-mail), lets each
/// feature compose its messages, saves what composing created (token hashes) before sending, sends
/// the batch over one connection, and records each outcome. A failed e-mail is tried again later with
/// growing gaps, then left as failed for staff to retry; nothing is lost when the server is down.
/// </summary>
public sealed class EmailDispatcher(
    IServiceScopeFactory scopeFactory,
    IEmailTransport transport,
    IEnumerable<IEmailComposer> composers,
    PortalClock clock,
    ILogger<EmailDispatcher> logger)
{
    public const int BatchSize = 200;
    public const int MaxAttempts = 5;
    /// <summary>Longer than a whole batch can take when every message times out (200 × 30 s), so another instance never takes over a batch still being sent.</summary>
    public static readonly TimeSpan ClaimLength = TimeSpan.FromMinutes(120);
    private static readonly TimeSpan[] RetryGaps = [TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(15), TimeSpan.FromHours(1)];

    private readonly IEmailComposer[] composers = [.. composers];

    /// <summary>Adds an e-mail to the queue of <paramref name="db"/>; it is sent after the caller saves.</summary>
    public static OutgoingEmail Enqueue(PortalDbContext db, string kind, int relatedId, string toAddress, string toName, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(db);
        var email = new OutgoingEmail
        {
            Kind = kind,
            RelatedId = relatedId,
            ToAddress = toAddress,
            ToName = toName,
            Status = OutgoingEmailStatus.Queued,
            CreatedAtUtc = now,
            NextAttemptAtUtc = now,
        };
        db.Set<OutgoingEmail>().Add(email);
        return email;
    }

    /// <summary>Sends batches until nothing due is left unclaimed.</summary>
    public async Task<EmailDispatchSummary> DispatchAsync(CancellationToken ct = default)
    {
        var total = new EmailDispatchSummary(0, 0, 0);
        while (true)
        {
            var batch = await DispatchBatchAsync(ct);
            if (batch is null)
            {
                return total;
            }

            total = new EmailDispatchSummary(total.Sent + batch.Sent, total.Failed + batch.Failed, total.Cancelled + batch.Cancelled);
        }
    }

    private async Task<EmailDispatchSummary?> DispatchBatchAsync(CancellationToken ct)
    {
        await using var scope = scopeFactory.CreateScopeActingAs(AuditActor.System);
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync(ct);
        var now = clock.UtcNow;
        var claim = Guid.NewGuid().ToString("N");
        var claimUntil = now + ClaimLength;

        // One statement claims the batch: whoever's UPDATE commits first owns those rows.
        var claimed = await db.Set<OutgoingEmail>()
            .Where(e => e.Status == OutgoingEmailStatus.Queued && e.NextAttemptAtUtc <= now && (e.ClaimedUntilUtc == null || e.ClaimedUntilUtc < now))
            .OrderBy(e => e.Id)
            .Take(BatchSize)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.ClaimedBy, claim).SetProperty(e => e.ClaimedUntilUtc, claimUntil), ct);
        if (claimed == 0)
        {
            return null;
        }

        var emails = await db.Set<OutgoingEmail>().Where(e => e.ClaimedBy == claim).OrderBy(e => e.Id).ToListAsync(ct);
        var messages = new MimeMessage?[emails.Count];
        foreach (var group in emails.Select((e, i) => (Email: e, Index: i)).GroupBy(x => x.Email.Kind))
        {
            var composer = composers.FirstOrDefault(c => c.Handles(group.Key));
            var items = group.ToList();
            if (composer is null)
            {
                logger.LogError("No composer for e-mails of kind {Kind}", group.Key);
                continue;
            }

            var composed = await composer.ComposeAsync(db, [.. items.Select(x => x.Email)], ct);
            for (var i = 0; i < items.Count; i++)
            {
                messages[items[i].Index] = composed[i];
            }
        }

        var cancelled = 0;
        var toSend = new List<(OutgoingEmail Email, MimeMessage Message)>();
        for (var i = 0; i < emails.Count; i++)
        {
            if (messages[i] is { } message)
            {
                emails[i].Subject = Truncate(message.Subject ?? "", 300);
                toSend.Add((emails[i], message));
            }
            else
            {
                emails[i].Status = OutgoingEmailStatus.Cancelled;
                emails[i].ClaimedUntilUtc = null;
                cancelled++;
            }
        }

        // Token hashes must exist before anyone can click the link the message carries.
        await db.SaveChangesAsync(ct);

        IReadOnlyList<EmailDeliveryResult> results = toSend.Count == 0
            ? []
            : await transport.SendAsync([.. toSend.Select(x => x.Message)], ct);
        var attemptedAt = clock.UtcNow;

        // A batch that stalled past its claim may have been taken over by another instance: its record
        // of those e-mails stands, and this one writes nothing over it. The check and the save share one
        // transaction, so a takeover cannot slip in between (on SQLite, a write after another writer's
        // commit fails rather than overwrite; the outcome is then left to the new owner).
        await using var recording = await db.Database.BeginTransactionAsync(CancellationToken.None);
        var ids = toSend.Select(x => x.Email.Id).ToList();
        var stillOurs = (await db.Set<OutgoingEmail>().AsNoTracking().Where(e => ids.Contains(e.Id) && e.ClaimedBy == claim).Select(e => e.Id).ToListAsync(CancellationToken.None)).ToHashSet();
        var lost = 0;
        var sent = 0;
        var failed = 0;
        var outcomes = new List<(OutgoingEmail Email, EmailDeliveryResult Result)>();
        for (var i = 0; i < toSend.Count; i++)
        {
            var email = toSend[i].Email;
            if (!stillOurs.Contains(email.Id))
            {
                db.Entry(email).State = EntityState.Detached;
                lost++;
                continue;
            }

            var result = i < results.Count ? results[i] : new EmailDeliveryResult(false, "The mail transport gave no result.");
            email.Attempts++;
            email.LastAttemptAtUtc = attemptedAt;
            email.ClaimedUntilUtc = null;
            if (result.Delivered)
            {
                email.Status = OutgoingEmailStatus.Sent;
                email.SentAtUtc = attemptedAt;
                email.LastError = "";
                sent++;
            }
            else
            {
                email.LastError = Truncate(result.Error ?? "Not delivered.", 500);
                if (email.Attempts >= MaxAttempts)
                {
                    email.Status = OutgoingEmailStatus.Failed;
                }
                else
                {
                    email.NextAttemptAtUtc = attemptedAt + RetryGaps[Math.Min(email.Attempts - 1, RetryGaps.Length - 1)];
                }

                failed++;
            }

            outcomes.Add((email, result));
        }

        foreach (var group in outcomes.GroupBy(o => o.Email.Kind))
        {
            if (composers.FirstOrDefault(c => c.Handles(group.Key)) is { } composer)
            {
                await composer.RecordOutcomeAsync(db, [.. group], ct);
            }
        }

        db.AuditBulkDescription = $"E-mail delivery through {transport.Description}: {sent} sent, {failed} not delivered, {cancelled} no longer needed";
        db.AddAuditEvent("EmailsSent", db.AuditBulkDescription, nameof(OutgoingEmail), "");
        await db.SaveChangesAsync(CancellationToken.None);
        await recording.CommitAsync(CancellationToken.None);
        if (lost > 0)
        {
            logger.LogWarning("{Lost} e-mail(s) of a stalled batch were taken over by another sender before their outcome was recorded; its record stands", lost);
        }

        if (failed > 0)
        {
            logger.LogWarning("{Failed} e-mail(s) not delivered through {Transport}; they will be tried again", failed, transport.Description);
        }

        return new EmailDispatchSummary(sent, failed, cancelled);
    }

    private static string Truncate(string value, int length) => value.Length > length ? value[..length] : value;
}

/// <summary>
/// Delivers queued e-mail in the background: at once when something is queued on this instance, and
/// every minute for retries and anything queued by another instance. <c>Email:DeliverInBackground=false</c>
/// turns it off (tests deliver explicitly).
/// </summary>
public sealed class EmailDeliveryService(EmailDispatcher dispatcher, EmailDeliverySignal signal, ILogger<EmailDeliveryService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await dispatcher.DispatchAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "E-mail delivery run failed; trying again shortly");
            }

            try
            {
                await signal.WaitAsync(TimeSpan.FromMinutes(1), stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
