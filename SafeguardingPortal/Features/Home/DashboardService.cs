using System.Globalization;
using Microsoft.EntityFrameworkCore;
using SafeguardingPortal.Features.Consent;
using SafeguardingPortal.Features.Devices;
using SafeguardingPortal.Features.Recordings;
using SafeguardingPortal.Features.Settings;
using SafeguardingPortal.Features.SocialAccounts;
using SafeguardingPortal.Features.Staff;
using SafeguardingPortal.Infrastructure.Data;
using SafeguardingPortal.Infrastructure.Identity;

namespace SafeguardingPortal.Features.Home;

/// <summary>
/// What the home page shows the signed-in user: a card for each list they may see that can need
/// action, and, for administrators and safeguarding leads, the getting-started checklist. Every count
/// comes from the feature's own service, next to the list query it mirrors, and that service checks
/// the user again; this service only decides which cards to ask for.
/// </summary>
public sealed class DashboardService(
    IDbContextFactory<PortalDbContext> dbFactory,
    CurrentUser currentUser,
    OrganisationSettingsService organisation,
    ConsentRequestService consent,
    DeviceAuthorisationService devices,
    SocialAccountService socialAccounts,
    RecordingService recordings,
    StaffService staff)
{
    public async Task<IReadOnlyList<DashboardCard>> CardsAsync(CancellationToken ct = default)
    {
        var cards = new List<DashboardCard>();
        if (await currentUser.IsAllowedAsync(PortalPolicies.CanManageConsent))
        {
            var awaiting = await consent.AwaitingCountsAsync(ct);
            cards.Add(new DashboardCard(
                "consent-awaiting", "Consent awaiting an answer",
                new DashboardFigure(awaiting.Awaiting, Plural(awaiting.Awaiting, "invitation waiting for an answer", "invitations waiting for an answer"), "/consent/awaiting", "consent invitations awaiting an answer"),
                "No invitations are waiting for an answer.",
                [new DashboardFigure(awaiting.PastFirstReminder, Plural(awaiting.PastFirstReminder, "of them already reminded at least once", "of them already reminded at least once"), "/consent/awaiting?reminded=true", "consent invitations past their first reminder")])
            { ChartLabel = "Consent" });

            var withdrawals = await consent.UnacknowledgedWithdrawalsCountAsync(ct);
            cards.Add(new DashboardCard(
                "withdrawals", "Withdrawals of consent",
                new DashboardFigure(withdrawals, Plural(withdrawals, "withdrawal not yet acknowledged", "withdrawals not yet acknowledged"), "/consent/withdrawals?open=true", "withdrawals not yet acknowledged"),
                "Every withdrawal has been acted on.",
                [])
            { ChartLabel = "Withdrawals" });
        }

        if (await currentUser.IsAllowedAsync(PortalPolicies.CanDecideDeviceRequests) || await currentUser.IsAllowedAsync(PortalPolicies.CanReadAllDeviceAuthorisations))
        {
            var counts = await devices.DashboardCountsAsync(DeviceAuthorisationRules.ExpiringSoonDays, ct);
            if (await currentUser.IsAllowedAsync(PortalPolicies.CanDecideDeviceRequests))
            {
                // A manager's own requests (and those for them) wait for another manager: not theirs to act on.
                var others = counts.AwaitingDecision - counts.AwaitingMyDecision;
                cards.Add(new DashboardCard(
                    "device-decisions", "Personal-device requests",
                    new DashboardFigure(counts.AwaitingMyDecision, Plural(counts.AwaitingMyDecision, "request waiting for your decision", "requests waiting for your decision"), "/devices?status=Requested&decide=mine", "personal-device requests waiting for your decision"),
                    others == 0 ? "No personal-device requests are waiting for your decision." : $"No personal-device requests are waiting for your decision ({others} for another senior manager).",
                    others == 0 ? [] : [new DashboardFigure(others, Plural(others, "more for another senior manager (yours, or for you)", "more for another senior manager (yours, or for you)"), "/devices?status=Requested", "all personal-device requests waiting for a decision")])
                { ChartLabel = "Device requests" });
            }

            if (await currentUser.IsAllowedAsync(PortalPolicies.CanReadAllDeviceAuthorisations))
            {
                var days = DeviceAuthorisationRules.ExpiringSoonDays.ToString(CultureInfo.InvariantCulture);
                cards.Add(new DashboardCard(
                    "device-expiring", "Personal-device authorisations ending",
                    new DashboardFigure(counts.Expiring, Plural(counts.Expiring, $"authorisation ending in the next {days} days", $"authorisations ending in the next {days} days"), $"/devices?expiring={days}", $"personal-device authorisations ending in the next {days} days"),
                    $"No authorisations end in the next {days} days.",
                    [])
                { ChartLabel = "Devices ending" });
            }
        }

        if (await currentUser.IsAllowedAsync(PortalPolicies.CanReadAllSocialAccounts))
        {
            var overdue = await socialAccounts.ReviewsOverdueCountAsync(ct);
            cards.Add(new DashboardCard(
                "social-reviews", "Social-media account reviews",
                new DashboardFigure(overdue, Plural(overdue, "account with its review overdue", "accounts with their review overdue"), "/social-accounts?overdue=true", "social-media accounts with an overdue review"),
                "Every authorised account has been reviewed on time.",
                [])
            { ChartLabel = "Account reviews" });
        }

        if (await currentUser.IsAllowedAsync(PortalPolicies.CanViewDisposalTasks))
        {
            var tasks = await recordings.DisposalCountsAsync(ct);
            cards.Add(new DashboardCard(
                "disposals", "Recordings to dispose of",
                new DashboardFigure(tasks.Open, Plural(tasks.Open, "open disposal task", "open disposal tasks"), "/recordings/disposals", "open disposal tasks"),
                "No recordings are waiting to be disposed of.",
                [new DashboardFigure(tasks.Overdue, Plural(tasks.Overdue, "of them past its due date", "of them past their due date"), null, "overdue disposal tasks")])
            { ChartLabel = "Disposals" });
        }

        if (await currentUser.IsAllowedAsync(PortalPolicies.CanViewPeople))
        {
            var checks = await staff.CheckCountsAsync(ct);
            var both = checks.Missing + checks.Overdue;
            cards.Add(new DashboardCard(
                "staff-checks", "Safer-recruitment checks",
                new DashboardFigure(both, Plural(both, "person with a check missing or overdue", "people with a check missing or overdue"), $"/staff?check={StaffService.NeedsActionFilter}", "staff with a safer-recruitment check missing or overdue"),
                "Everyone's safer-recruitment check is in date.",
                [
                    new DashboardFigure(checks.Missing, "with no check recorded", $"/staff?check={nameof(CheckStatus.Missing)}", "staff with no safer-recruitment check recorded"),
                    new DashboardFigure(checks.Overdue, "with a check past its renewal date", $"/staff?check={nameof(CheckStatus.Overdue)}", "staff with an overdue safer-recruitment check"),
                ])
            { ChartLabel = "Staff checks" });
        }

        return cards;
    }

    /// <summary>
    /// The steps a new organisation takes before the portal is in use (administrators and safeguarding
    /// leads). Each is read from what exists, so it ticks itself off; the page hides it once all are done.
    /// </summary>
    public async Task<GettingStarted> GettingStartedAsync(CancellationToken ct = default)
    {
        await currentUser.DemandAsync(PortalPolicies.CanSeeGettingStarted, "see the getting-started checklist");
        var settings = await organisation.GetAsync(ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var detailsSet = !string.IsNullOrWhiteSpace(settings.Name) && !string.IsNullOrWhiteSpace(settings.SafeguardingLeadName) && !string.IsNullOrWhiteSpace(settings.SafeguardingLeadEmail);

        // The first administrator is the one user every portal starts with.
        var moreUsers = await db.Users.CountAsync(ct) > 1;
        var activity = await db.Activities.AnyAsync(ct);

        // The default forms are drafts on first start: a form is usable once a version is published.
        var published = await db.Set<ConsentTemplateVersion>().AnyAsync(ct);
        var sent = await db.Set<ConsentRequest>().AnyAsync(ct);
        var settingsAllowed = await currentUser.IsAllowedAsync(PortalPolicies.CanManageOrganisationSettings);
        var usersAllowed = await currentUser.IsAllowedAsync(PortalPolicies.CanManageUsers);
        var activitiesAllowed = await currentUser.IsAllowedAsync(PortalPolicies.CanManagePeople);
        var consentAllowed = await currentUser.IsAllowedAsync(PortalPolicies.CanManageConsent);
        return new GettingStarted(
        [
            Step("organisation", "Add the organisation's name and the safeguarding lead's contact details", detailsSet, settingsAllowed, "/admin/settings", "Open organisation settings"),
            Step("users", "Add the people who will use the portal", moreUsers, usersAllowed, "/admin/users", "Add users"),
            Step("activity", "Add your first online activity", activity, activitiesAllowed, "/activities", "Add an activity"),
            Step("template", "Publish a consent form (the default forms start as drafts)", published, consentAllowed, "/consent/templates", "Review and publish a consent form"),
            Step("request", "Send your first consent request", sent, consentAllowed, "/activities", "Send a request from an activity"),
        ]);
    }

    /// <summary>A step links to where to take it, or, for someone who may not, says who can.</summary>
    private static GettingStartedStep Step(string key, string title, bool done, bool allowed, string href, string action) =>
        allowed ? new(key, title, done, href, action) : new(key, title, done, null, "An administrator does this");

    private static string Plural(int count, string one, string many) => count == 1 ? one : many;
}
