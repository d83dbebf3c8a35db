using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SafeguardingPortal.Infrastructure;
using SafeguardingPortal.Infrastructure.Data;
using SafeguardingPortal.Infrastructure.Email.Queue;
using SafeguardingPortal.Infrastructure.Jobs;

namespace SafeguardingPortal.Features.Consent;

/// <summary>
/// Reminds people who have not answered (by default 3 and 7 days after the e-mail went) and marks
/// invitations that lapsed unanswered as expired. Never reminds after an answer, expiry or revocation;
/// each reminder is counted on the invitation in the same save that queues it, so a second run (or a
/// run on another instance) sends nothing twice.
/// </summary>
public sealed class ConsentInvitationsJob : IPortalJob
{
    public string Name => "consent-invitations";

    public string Title => "Consent reminders and expiry";

    public string Description => "Sends reminders for unanswered consent invitations and marks lapsed ones as expired.";

    public TimeSpan Interval => TimeSpan.FromHours(1);

    public async Task<string> RunAsync(IServiceProvider services, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(services);
        var now = services.GetRequiredService<PortalClock>().UtcNow;
        var reminderDays = services.GetRequiredService<IOptions<ConsentOptions>>().Value.ReminderDays.Where(d => d > 0).Distinct().Order().ToArray();
        await using var db = await services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync(ct);

        var expired = await db.Set<ConsentInvitation>()
            .Where(i => i.Status == InvitationStatus.Awaiting && i.ExpiresAtUtc <= now && i.ExpiredAtUtc == null)
            .ToListAsync(ct);
        foreach (var invitation in expired)
        {
            invitation.ExpiredAtUtc = now;
            db.Add(new ConsentInvitationEvent { InvitationId = invitation.Id, AtUtc = now, Kind = InvitationEventKinds.Expired, Detail = "Not answered in time; its links no longer work" });
        }

        var reminded = 0;
        if (reminderDays.Length > 0)
        {
            var firstDay = TimeSpan.FromDays(reminderDays[0]);
            var candidates = await db.Set<ConsentInvitation>()
                .Where(i => i.Status == InvitationStatus.Awaiting && i.ExpiresAtUtc > now && i.FirstSentAtUtc != null && i.RemindersSent < reminderDays.Length)
                .ToListAsync(ct);
            foreach (var invitation in candidates)
            {
                var due = reminderDays.Count(d => invitation.FirstSentAtUtc!.Value.AddDays(d) <= now);
                if (due > invitation.RemindersSent && invitation.FirstSentAtUtc!.Value + firstDay <= now)
                {
                    // One reminder per run even if several fell due while the portal was stopped.
                    // The version is left alone: a reminder must never make a parent's signature at the same moment fail.
                    invitation.RemindersSent = due;
                    EmailDispatcher.Enqueue(db, ConsentEmailKinds.Reminder, invitation.Id, invitation.RecipientEmail, invitation.RecipientName, now);
                    reminded++;
                }
            }
        }

        if (expired.Count + reminded > 0)
        {
            db.AuditBulkDescription = $"Consent invitations: {reminded} reminder(s) queued, {expired.Count} marked expired";
        }

        await db.SaveChangesAsync(ct);
        if (reminded > 0)
        {
            services.GetRequiredService<EmailDeliverySignal>().Notify();
        }

        return $"{reminded} reminder{(reminded == 1 ? "" : "s")} queued; {expired.Count} invitation{(expired.Count == 1 ? "" : "s")} marked expired.";
    }
}
