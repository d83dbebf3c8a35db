using Microsoft.EntityFrameworkCore;

namespace SafeguardingPortal.Features.Consent;

public sealed partial class ConsentRequestService
{
    /// <summary>
    /// How an activity's consent invitations were answered over time (given, refused or withdrawn,
    /// awaiting), for its response chart; the same people may see it as may see its invitations. One
    /// query of each invitation's moments; the counting is <see cref="ConsentResponseTimeline.Build"/>.
    /// </summary>
    public async Task<ConsentResponseTimeline> ResponseTimelineAsync(int activityId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await DemandActivityAsync(db, activityId, "see consent invitations", ct);
        var signatures = db.Set<ConsentSignature>();
        var moments = await db.Set<ConsentInvitation>().AsNoTracking()
            .Where(i => i.Request!.ActivityId == activityId)
            .Select(i => new InvitationMoments(
                i.CreatedAtUtc,
                i.SignedAtUtc,
                signatures.Where(s => s.InvitationId == i.Id).SelectMany(s => s.Answers).Any(a => !a.Given),
                signatures.Where(s => s.InvitationId == i.Id).SelectMany(s => s.Withdrawals).Min(w => (DateTimeOffset?)w.WithdrawnAtUtc),
                i.ExpiresAtUtc,
                i.RevokedAtUtc))
            .ToListAsync(ct);
        return ConsentResponseTimeline.Build(moments, clock.UtcNow);
    }
}
