using Microsoft.Extensions.DependencyInjection;
using SafeguardingPortal.Features.Consent;
using SafeguardingPortal.Features.Devices;
using SafeguardingPortal.Features.Home;
using SafeguardingPortal.Features.People;
using SafeguardingPortal.Features.Recordings;
using SafeguardingPortal.Features.SocialAccounts;
using SafeguardingPortal.Features.Staff;
using SafeguardingPortal.Infrastructure.Identity;
using SafeguardingPortal.Tests.Infrastructure;

namespace SafeguardingPortal.Tests.Features.Home;

/// <summary>A portal with demo data and something on every card, and a user in each role (read-only: the tests only count).</summary>
public sealed class DashboardPortal : IAsyncLifetime
{
    public PortalAppFactory Factory { get; } = new();

    public Dictionary<string, PortalUser> UserByRole { get; } = [];

    public PortalUser Nobody { get; private set; } = default!;

    /// <summary>The disposal tasks the demo data itself made, before the two open ones (one overdue) the arrangement adds.</summary>
    public (int OpenDisposals, int OverdueDisposals) Demo { get; private set; }

    public async ValueTask InitializeAsync()
    {
        foreach (var role in PortalRoles.All)
        {
            UserByRole[role] = await Factory.CreateUserAsync($"{role.ToLowerInvariant()}.dash@example.org", $"Test {role}", role);
        }

        Nobody = await Factory.CreateUserAsync("nobody.dash@example.org", "No Roles");
        Demo = await DashboardData.SeedAsync(Factory);
    }

    public async ValueTask DisposeAsync() => await Factory.DisposeAsync();

    public async Task<T> AsAsync<TService, T>(PortalUser user, Func<TService, Task<T>> action)
        where TService : notnull
    {
        await using var scope = await Factory.ScopeForAsync(user);
        return await action(scope.ServiceProvider.GetRequiredService<TService>());
    }
}

/// <summary>
/// Each count on the home page equals the number of rows the list it links to returns with the same
/// filter, and each is refused, by the service, to someone whose role may not see that list.
/// </summary>
public sealed class DashboardCountsTests(DashboardPortal portal) : IClassFixture<DashboardPortal>
{
    private const int AllRows = 1_000;

    private PortalUser Lead => portal.UserByRole[PortalRoles.SafeguardingLead];

    private PortalUser Manager => portal.UserByRole[PortalRoles.Manager];

    [Fact]
    public async Task Consent_awaiting_counts_equal_the_awaiting_list_with_and_without_the_reminded_filter()
    {
        var counts = await portal.AsAsync<ConsentRequestService, AwaitingInvitationCounts>(Lead, s => s.AwaitingCountsAsync());
        var all = await portal.AsAsync<ConsentRequestService, ListPage<AwaitingInvitationRow>>(Lead, s => s.AwaitingAsync(new AwaitingInvitationsQuery { PageSize = AllRows }));
        var reminded = await portal.AsAsync<ConsentRequestService, ListPage<AwaitingInvitationRow>>(Lead, s => s.AwaitingAsync(new AwaitingInvitationsQuery { RemindedOnly = true, PageSize = AllRows }));

        Assert.True(counts.Awaiting > 3);
        Assert.Equal(all.TotalCount, counts.Awaiting);
        Assert.Equal(all.Rows.Count, counts.Awaiting);

        // Two were reminded after they were first sent; a reminder from before a re-send does not count.
        Assert.Equal(2, counts.PastFirstReminder);
        Assert.Equal(reminded.TotalCount, counts.PastFirstReminder);
        Assert.All(reminded.Rows, r => Assert.Equal(1, r.RemindersSent));
        Assert.Equal(2, all.Rows.Count(r => r.RemindersSent > 0));
    }

    [Fact]
    public async Task Unacknowledged_withdrawals_count_equals_the_withdrawals_list_not_yet_acted_on()
    {
        var count = await portal.AsAsync<ConsentRequestService, int>(Lead, s => s.UnacknowledgedWithdrawalsCountAsync());
        var open = await portal.AsAsync<ConsentRequestService, IReadOnlyList<WithdrawalRow>>(Lead, s => s.WithdrawalsAsync(openOnly: true));
        var all = await portal.AsAsync<ConsentRequestService, IReadOnlyList<WithdrawalRow>>(Lead, s => s.WithdrawalsAsync(openOnly: false));

        Assert.True(count > 0);
        Assert.Equal(open.Count, count);
        Assert.True(all.Count > count, "Some withdrawals have been acknowledged, so the filter must matter.");
    }

    [Fact]
    public async Task Device_counts_equal_the_register_filtered_by_requested_and_by_ending_within_30_days()
    {
        var counts = await portal.AsAsync<DeviceAuthorisationService, DeviceAuthorisationCounts>(Manager, s => s.DashboardCountsAsync(30));
        var requested = await portal.AsAsync<DeviceAuthorisationService, ListPage<DeviceAuthorisationRow>>(Manager, s => s.ListAsync(new DeviceAuthorisationQuery { State = DeviceAuthorisationState.Requested, PageSize = AllRows }));
        var expiring = await portal.AsAsync<DeviceAuthorisationService, ListPage<DeviceAuthorisationRow>>(Manager, s => s.ListAsync(new DeviceAuthorisationQuery { ExpiringWithinDays = 30, PageSize = AllRows }));

        var mine = await portal.AsAsync<DeviceAuthorisationService, ListPage<DeviceAuthorisationRow>>(Manager, s => s.ListAsync(new DeviceAuthorisationQuery { State = DeviceAuthorisationState.Requested, ForMyDecision = true, PageSize = AllRows }));

        Assert.True(counts.AwaitingDecision > 0);
        Assert.Equal(requested.TotalCount, counts.AwaitingDecision);
        Assert.True(counts.AwaitingMyDecision > 0);
        Assert.Equal(mine.TotalCount, counts.AwaitingMyDecision);
        Assert.Equal(2, counts.Expiring);
        Assert.Equal(expiring.TotalCount, counts.Expiring);

        // Live ones only, by the rules' own states: one in force and one whose review is late; not the expired or revoked.
        Assert.Equal([DeviceAuthorisationState.Approved, DeviceAuthorisationState.ReviewDue], expiring.Rows.Select(r => r.State).Order());
        var today = portal.Factory.Services.GetRequiredService<SafeguardingPortal.Infrastructure.PortalClock>().Today();
        Assert.All(expiring.Rows, r => Assert.InRange(r.Until, today, today.AddDays(30)));
    }

    [Fact]
    public async Task Overdue_reviews_count_equals_the_accounts_list_filtered_by_review_overdue()
    {
        var count = await portal.AsAsync<SocialAccountService, int>(Lead, s => s.ReviewsOverdueCountAsync());
        var list = await portal.AsAsync<SocialAccountService, ListPage<SocialAccountRow>>(Lead, s => s.ListAsync(new SocialAccountQuery { ReviewOverdueOnly = true, PageSize = AllRows }));

        Assert.True(count > 0);
        Assert.Equal(list.TotalCount, count);
        Assert.All(list.Rows, r => Assert.True(r.ReviewOverdue));
    }

    [Fact]
    public async Task Disposal_counts_equal_the_open_tasks_list_and_its_overdue_rows()
    {
        var counts = await portal.AsAsync<RecordingService, DisposalTaskCounts>(Lead, s => s.DisposalCountsAsync());
        var open = await portal.AsAsync<RecordingService, IReadOnlyList<DisposalTaskRow>>(Lead, s => s.DisposalTasksAsync(openOnly: true));

        Assert.Equal(portal.Demo.OpenDisposals + 2, counts.Open);
        Assert.Equal(open.Count, counts.Open);
        Assert.Equal(portal.Demo.OverdueDisposals + 1, counts.Overdue);
        Assert.Equal(open.Count(t => t.Overdue), counts.Overdue);
    }

    [Fact]
    public async Task Staff_check_counts_equal_the_staff_register_filtered_by_missing_and_by_overdue()
    {
        var counts = await portal.AsAsync<StaffService, StaffCheckCounts>(Lead, s => s.CheckCountsAsync());
        var missing = await portal.AsAsync<StaffService, ListPage<StaffRow>>(Lead, s => s.ListAsync(new ListQuery { Filter = nameof(CheckStatus.Missing), PageSize = AllRows }));
        var overdue = await portal.AsAsync<StaffService, ListPage<StaffRow>>(Lead, s => s.ListAsync(new ListQuery { Filter = nameof(CheckStatus.Overdue), PageSize = AllRows }));
        var either = await portal.AsAsync<StaffService, ListPage<StaffRow>>(Lead, s => s.ListAsync(new ListQuery { Filter = StaffService.NeedsActionFilter, PageSize = AllRows }));

        Assert.True(counts.Missing > 0);
        Assert.True(counts.Overdue > 0);
        Assert.Equal(missing.TotalCount, counts.Missing);
        Assert.Equal(overdue.TotalCount, counts.Overdue);
        Assert.Equal(either.TotalCount, counts.Missing + counts.Overdue);
    }

    [Fact]
    public async Task The_dashboard_cards_carry_the_feature_counts_and_link_to_their_filtered_lists()
    {
        var cards = (await portal.AsAsync<DashboardService, IReadOnlyList<DashboardCard>>(Lead, s => s.CardsAsync())).ToDictionary(c => c.Key);
        var awaiting = await portal.AsAsync<ConsentRequestService, AwaitingInvitationCounts>(Lead, s => s.AwaitingCountsAsync());

        // A safeguarding lead does not decide device requests, so that card is not theirs.
        Assert.Equal(["consent-awaiting", "device-expiring", "disposals", "social-reviews", "staff-checks", "withdrawals"], cards.Keys.Order(StringComparer.Ordinal).ToArray());
        Assert.Equal(awaiting.Awaiting, cards["consent-awaiting"].Main.Count);
        Assert.Equal("/consent/awaiting?reminded=true", cards["consent-awaiting"].Details.Single().Href);
        Assert.Equal(portal.Demo.OpenDisposals + 2, cards["disposals"].Main.Count);
        Assert.Equal("/devices?expiring=30", cards["device-expiring"].Main.Href);
        Assert.Equal("/staff?check=Missing", cards["staff-checks"].Details[0].Href);
        Assert.Equal("/staff?check=Overdue", cards["staff-checks"].Details[1].Href);
    }

    [Theory]
    [InlineData(PortalRoles.SafeguardingLead, true)]
    [InlineData(PortalRoles.Administrator, true)]
    [InlineData(PortalRoles.Manager, false)]
    [InlineData(PortalRoles.Staff, false)]
    public async Task Through_the_real_pipeline_the_home_page_shows_the_consent_card_and_its_list_only_to_those_who_manage_consent(string role, bool allowed)
    {
        var client = portal.Factory.CreateBrowserlessClient();
        Assert.Equal(System.Net.HttpStatusCode.Redirect, (await client.SignInAsync(portal.UserByRole[role].Email!)).StatusCode);

        var home = await client.GetAsync("/");
        var list = await client.GetAsync("/consent/awaiting?reminded=true");

        Assert.Equal(System.Net.HttpStatusCode.OK, home.StatusCode);
        var html = await home.Content.ReadAsStringAsync();
        Assert.Equal(allowed, html.Contains("data-testid=\"card-consent-awaiting\"", StringComparison.Ordinal));
        Assert.Contains("data-testid=\"home-heading\"", html, StringComparison.Ordinal);
        if (allowed)
        {
            Assert.Equal(System.Net.HttpStatusCode.OK, list.StatusCode);
        }
        else
        {
            Assert.Equal(System.Net.HttpStatusCode.Redirect, list.StatusCode);
            Assert.StartsWith("/Account/AccessDenied", list.RedirectTarget(), StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(PortalRoles.Staff)]
    [InlineData(PortalRoles.Manager)]
    [InlineData(PortalRoles.Auditor)]
    public async Task Consent_counts_are_refused_to_roles_that_may_not_manage_consent(string role)
    {
        var user = portal.UserByRole[role];
        await Assert.ThrowsAsync<PortalAccessDeniedException>(() => portal.AsAsync<ConsentRequestService, AwaitingInvitationCounts>(user, s => s.AwaitingCountsAsync()));
        await Assert.ThrowsAsync<PortalAccessDeniedException>(() => portal.AsAsync<ConsentRequestService, int>(user, s => s.UnacknowledgedWithdrawalsCountAsync()));
        await Assert.ThrowsAsync<PortalAccessDeniedException>(() => portal.AsAsync<ConsentRequestService, ListPage<AwaitingInvitationRow>>(user, s => s.AwaitingAsync(new AwaitingInvitationsQuery())));
    }

    [Fact]
    public async Task Staff_are_refused_the_disposal_and_staff_check_counts_and_the_checklist()
    {
        var staff = portal.UserByRole[PortalRoles.Staff];
        await Assert.ThrowsAsync<PortalAccessDeniedException>(() => portal.AsAsync<RecordingService, DisposalTaskCounts>(staff, s => s.DisposalCountsAsync()));
        await Assert.ThrowsAsync<PortalAccessDeniedException>(() => portal.AsAsync<StaffService, StaffCheckCounts>(staff, s => s.CheckCountsAsync()));
        await Assert.ThrowsAsync<PortalAccessDeniedException>(() => portal.AsAsync<DashboardService, GettingStarted>(staff, s => s.GettingStartedAsync()));
        await Assert.ThrowsAsync<PortalAccessDeniedException>(() => portal.AsAsync<DashboardService, GettingStarted>(portal.UserByRole[PortalRoles.Auditor], s => s.GettingStartedAsync()));
        Assert.Empty(await portal.AsAsync<DashboardService, IReadOnlyList<DashboardCard>>(staff, s => s.CardsAsync()));
    }

    [Fact]
    public async Task A_user_with_no_role_is_refused_the_device_and_account_counts()
    {
        await Assert.ThrowsAsync<PortalAccessDeniedException>(() => portal.AsAsync<DeviceAuthorisationService, DeviceAuthorisationCounts>(portal.Nobody, s => s.DashboardCountsAsync(30)));
        await Assert.ThrowsAsync<PortalAccessDeniedException>(() => portal.AsAsync<SocialAccountService, int>(portal.Nobody, s => s.ReviewsOverdueCountAsync()));
    }
}
