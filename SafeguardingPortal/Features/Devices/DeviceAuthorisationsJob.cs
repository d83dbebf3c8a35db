using Microsoft.EntityFrameworkCore;
using SafeguardingPortal.Features.People;
using SafeguardingPortal.Infrastructure;
using SafeguardingPortal.Infrastructure.Data;
using SafeguardingPortal.Infrastructure.Email.Queue;
using SafeguardingPortal.Infrastructure.Jobs;

namespace SafeguardingPortal.Features.Devices;

/// <summary>
/// Reminds the person and the requester when an authorisation's review comes within two weeks, and
/// records (and tells them) when one has expired. The register does not wait for this job: expiry and
/// "review due" follow from the dates and the portal's clock. Each reminder and expiry is marked on
/// the authorisation in the same save that queues its e-mail, so a second run sends nothing twice.
/// </summary>
public sealed class DeviceAuthorisationsJob : IPortalJob
{
    public string Name => "device-authorisations";

    public string Title => "Personal-device reviews and expiry";

    public string Description => $"Reminds people of reviews due within {DeviceAuthorisationRules.ReviewNoticeDays} days and records authorisations that have expired.";

    public TimeSpan Interval => TimeSpan.FromHours(1);

    public async Task<string> RunAsync(IServiceProvider services, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(services);
        var clock = services.GetRequiredService<PortalClock>();
        var today = clock.Today();
        var now = clock.UtcNow;
        var horizon = today.AddDays(DeviceAuthorisationRules.ReviewNoticeDays);
        await using var db = await services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync(ct);

        var expired = await db.DeviceAuthorisations.Include(a => a.StaffMember)
            .Where(a => a.Decision == DeviceDecision.Approved && a.ValidUntil < today && a.ExpiryRecordedAtUtc == null)
            .ToListAsync(ct);
        var renewed = await db.DeviceAuthorisations.Where(r => r.RenewalOfId != null && r.Decision == DeviceDecision.Approved)
            .Select(r => r.RenewalOfId!.Value).ToListAsync(ct);
        foreach (var a in expired)
        {
            a.ExpiryRecordedAtUtc = now;
            if (!renewed.Contains(a.Id))
            {
                // Renewed ones carry on under their renewal: nobody needs telling that the old one ended.
                await DeviceAuthorisationService.EnqueueAsync(db, a, DeviceEmailKinds.Expired, now, ct);
            }
        }

        var reviews = await db.DeviceAuthorisations.Include(a => a.StaffMember)
            .Where(a => a.Decision == DeviceDecision.Approved && a.ValidUntil >= today && a.ReviewOn != null && a.ReviewOn <= horizon
                && a.ReviewedAtUtc == null && (a.ReviewReminderSentFor == null || a.ReviewReminderSentFor != a.ReviewOn))
            .ToListAsync(ct);
        foreach (var a in reviews)
        {
            a.ReviewReminderSentFor = a.ReviewOn;
            await DeviceAuthorisationService.EnqueueAsync(db, a, DeviceEmailKinds.ReviewDue, now, ct);
        }

        if (expired.Count + reviews.Count > 0)
        {
            db.AuditBulkDescription = $"Personal-device authorisations: {expired.Count} recorded as expired, {reviews.Count} review reminder(s) queued";
        }

        await db.SaveChangesAsync(ct);
        if (expired.Count + reviews.Count > 0)
        {
            services.GetRequiredService<EmailDeliverySignal>().Notify();
        }

        return $"{expired.Count} authorisation{(expired.Count == 1 ? "" : "s")} recorded as expired; {reviews.Count} review reminder{(reviews.Count == 1 ? "" : "s")} queued.";
    }
}
