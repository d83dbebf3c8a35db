using Microsoft.EntityFrameworkCore;
using SafeguardingPortal.Features.People;
using SafeguardingPortal.Infrastructure.Data;
using SafeguardingPortal.Infrastructure.Identity;

namespace SafeguardingPortal.Features.Consent;

/// <summary>
/// Invitations awaiting an answer across every activity, and the counts the home page shows. The list
/// and the counts start from the same query, so a card and the list behind it cannot disagree.
/// </summary>
public sealed partial class ConsentRequestService
{
    private const string AwaitingPurpose = "see consent invitations awaiting an answer";

    public async Task<ListPage<AwaitingInvitationRow>> AwaitingAsync(AwaitingInvitationsQuery query, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        await currentUser.DemandAsync(PortalPolicies.CanManageConsent, AwaitingPurpose);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var invitations = Awaiting(db, clock.UtcNow, query.RemindedOnly);
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            invitations = invitations.WhereContains(db.Database, query.Search, i => i.SubjectName, i => i.RecipientName, i => i.Request!.Activity!.Title);
        }

        invitations = (query.SortBy, query.Descending) switch
        {
            ("Activity", false) => invitations.OrderBy(i => i.Request!.Activity!.Title).ThenBy(i => i.Id),
            ("Activity", true) => invitations.OrderByDescending(i => i.Request!.Activity!.Title).ThenBy(i => i.Id),
            ("Recipient", false) => invitations.OrderBy(i => i.RecipientName).ThenBy(i => i.Id),
            ("Recipient", true) => invitations.OrderByDescending(i => i.RecipientName).ThenBy(i => i.Id),
            ("FirstSent", false) => invitations.OrderBy(i => i.FirstSentAtUtc).ThenBy(i => i.Id),
            ("FirstSent", true) => invitations.OrderByDescending(i => i.FirstSentAtUtc).ThenBy(i => i.Id),
            (_, true) => invitations.OrderByDescending(i => i.ExpiresAtUtc).ThenBy(i => i.Id),
            _ => invitations.OrderBy(i => i.ExpiresAtUtc).ThenBy(i => i.Id),
        };
        var list = new ListQuery { Page = query.Page, PageSize = query.PageSize };
        return await invitations.ToPageAsync(list, i => new AwaitingInvitationRow(
            i.Id, i.Request!.ActivityId, i.Request.Activity!.Title, i.SignerKind, i.ChildId, i.SubjectName, i.RecipientName, i.FirstSentAtUtc,
            db.Set<ConsentInvitationEvent>().Count(e => e.InvitationId == i.Id && e.Kind == InvitationEventKinds.ReminderSent && e.AtUtc >= i.FirstSentAtUtc),
            i.ExpiresAtUtc), ct);
    }

    /// <summary>For the home page: two COUNT queries over the list's own filter.</summary>
    public async Task<AwaitingInvitationCounts> AwaitingCountsAsync(CancellationToken ct = default)
    {
        await currentUser.DemandAsync(PortalPolicies.CanManageConsent, AwaitingPurpose);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.UtcNow;
        return new AwaitingInvitationCounts(await Awaiting(db, now, false).CountAsync(ct), await Awaiting(db, now, true).CountAsync(ct));
    }

    /// <summary>For the home page: withdrawals no safeguarding lead has acknowledged yet (the withdrawals list with "not yet acted on only").</summary>
    public async Task<int> UnacknowledgedWithdrawalsCountAsync(CancellationToken ct = default)
    {
        await currentUser.DemandAsync(PortalPolicies.CanManageConsent, "see withdrawals of consent");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await Unacknowledged(db.Set<ConsentWithdrawal>()).CountAsync(ct);
    }

    private static IQueryable<ConsentWithdrawal> Unacknowledged(IQueryable<ConsentWithdrawal> withdrawals) => withdrawals.Where(w => w.AcknowledgedAtUtc == null);

    /// <summary>
    /// Still able to be answered: awaiting and not past its expiry. A reminder counts from the invitation's
    /// first sending, so the reminders before a re-send (which starts the invitation again) are not counted.
    /// </summary>
    private static IQueryable<ConsentInvitation> Awaiting(PortalDbContext db, DateTimeOffset now, bool remindedOnly)
    {
        var invitations = db.Set<ConsentInvitation>().AsNoTracking().Where(i => i.Status == InvitationStatus.Awaiting && i.ExpiresAtUtc > now);
        return remindedOnly
            ? invitations.Where(i => db.Set<ConsentInvitationEvent>().Any(e => e.InvitationId == i.Id && e.Kind == InvitationEventKinds.ReminderSent && e.AtUtc >= i.FirstSentAtUtc))
            : invitations;
    }
}
