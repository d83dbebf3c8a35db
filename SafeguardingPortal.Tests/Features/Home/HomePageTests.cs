using Bunit;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.DependencyInjection;
using SafeguardingPortal.Features.Home;
using SafeguardingPortal.Features.Settings;
using SafeguardingPortal.Infrastructure.Identity;
using SafeguardingPortal.Tests.Infrastructure;

namespace SafeguardingPortal.Tests.Features.Home;

/// <summary>The home page for each role, over the real services and a portal with real data on its cards.</summary>
public sealed class HomePageTests : PortalBunitContext
{
    private async Task<IRenderedComponent<HomePage>> RenderAsAsync(string role)
    {
        await UsePortalAsAsync(role);
        Services.AddSingleton(PortalServices.GetRequiredService<OrganisationSettingsService>());
        Services.AddSingleton(PortalServices.GetRequiredService<DashboardService>());
        return await RenderHomeAsync();
    }

    private async Task<IRenderedComponent<HomePage>> RenderHomeAsync()
    {
        var state = await PortalServices.GetRequiredService<AuthenticationStateProvider>().GetAuthenticationStateAsync();
        var page = Render<HomePage>(p => p.AddCascadingValue(Task.FromResult(state)));
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=home-heading]")));

        // Only once everything has loaded does the absence of a card or of the checklist mean anything.
        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=home-loading]")));
        return page;
    }

    private static string[] CardKeys(IRenderedComponent<HomePage> page) =>
        [.. page.FindAll("[data-testid^=card-]").Select(c => c.GetAttribute("data-testid")!["card-".Length..]).Order(StringComparer.Ordinal)];

    [Fact]
    public async Task Open_actions_by_kind_are_charted_with_each_card_count_in_its_table()
    {
        await DashboardData.SeedAsync(Portal);
        var page = await RenderAsAsync(PortalRoles.SafeguardingLead);

        var chart = page.Find("[data-testid=open-actions-chart]");
        var rows = chart.QuerySelectorAll("tbody tr").ToDictionary(r => r.QuerySelector("th")!.TextContent.Trim(), r => r.QuerySelector("td")!.TextContent.Trim());
        var cards = await PortalServices.GetRequiredService<DashboardService>().CardsAsync();
        Assert.Equal(cards.ToDictionary(c => c.ChartLabel, c => c.Main.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)), rows);
        Assert.Equal(page.Find("[data-testid=card-consent-awaiting] [data-testid=count]").TextContent.Trim(), rows["Consent"]);
        Assert.Equal(page.FindAll("[data-testid^=card-]").Count, rows.Count);

        Assert.Contains("Open actions by kind", chart.QuerySelector("figcaption")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(chart.QuerySelector("[aria-hidden=true] svg"));
    }

    [Fact]
    public async Task With_nothing_to_do_there_is_no_chart_of_open_actions()
    {
        var page = await RenderAsAsync(PortalRoles.SafeguardingLead);

        Assert.NotEmpty(page.FindAll("[data-testid^=card-]"));
        Assert.Empty(page.FindAll("[data-testid=open-actions-chart]"));
    }

    [Fact]
    public async Task A_safeguarding_lead_sees_consent_withdrawal_and_disposal_counts_and_the_checklist()
    {
        var demo = await DashboardData.SeedAsync(Portal);
        var page = await RenderAsAsync(PortalRoles.SafeguardingLead);

        page.WaitForAssertion(() => Assert.Contains("consent-awaiting", CardKeys(page)));
        Assert.Equal(["consent-awaiting", "device-expiring", "disposals", "social-reviews", "staff-checks", "withdrawals"], CardKeys(page));

        var consent = page.Find("[data-testid=card-consent-awaiting]");
        Assert.True(int.Parse(consent.QuerySelector("[data-testid=count]")!.TextContent, System.Globalization.CultureInfo.InvariantCulture) > 3);
        Assert.Equal("invitations waiting for an answer", consent.QuerySelector("[data-testid=meaning]")!.TextContent.Trim());
        Assert.Contains("2 of them already reminded at least once", consent.QuerySelector("[data-testid=detail]")!.TextContent, StringComparison.Ordinal);
        var open = consent.QuerySelector("[data-testid=open-list]")!;
        Assert.Equal("/consent/awaiting", open.GetAttribute("href"));
        Assert.Equal("Open the list of consent invitations awaiting an answer", open.GetAttribute("aria-label"));

        var disposals = page.Find("[data-testid=card-disposals]");
        Assert.Equal((demo.OpenDisposals + 2).ToString(System.Globalization.CultureInfo.InvariantCulture), disposals.QuerySelector("[data-testid=count]")!.TextContent.Trim());
        var overdue = demo.OverdueDisposals + 1;
        Assert.Contains(overdue == 1 ? "1 of them past its due date" : $"{overdue} of them past their due date", disposals.QuerySelector("[data-testid=detail]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("/recordings/disposals", disposals.QuerySelector("[data-testid=open-list]")!.GetAttribute("href"));

        var withdrawals = page.Find("[data-testid=card-withdrawals]");
        Assert.NotNull(withdrawals.QuerySelector("[data-testid=count]"));
        Assert.Equal("/consent/withdrawals?open=true", withdrawals.QuerySelector("[data-testid=open-list]")!.GetAttribute("href"));

        // The demo data publishes forms, adds activities and sends requests; the lead's contact details and other users are still to do.
        var checklist = page.Find("[data-testid=getting-started]");
        Assert.NotNull(checklist.QuerySelector("[data-testid=step-activity] [data-testid=done]"));
        Assert.NotNull(checklist.QuerySelector("[data-testid=step-template] [data-testid=done]"));
        Assert.NotNull(checklist.QuerySelector("[data-testid=step-request] [data-testid=done]"));
        Assert.Null(checklist.QuerySelector("[data-testid=step-organisation] [data-testid=done]"));
        Assert.Null(checklist.QuerySelector("[data-testid=step-users] [data-testid=done]"));

        // Only an administrator changes settings and users: the lead is told so instead of being sent to a page they cannot open.
        Assert.Null(checklist.QuerySelector("[data-testid=step-organisation] [data-testid=do-it]"));
        Assert.Contains("An administrator does this", checklist.QuerySelector("[data-testid=step-organisation]")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.Find("[data-testid=home-heading]"));
    }

    [Fact]
    public async Task A_managers_own_device_requests_and_those_for_them_are_counted_apart_as_another_managers_to_decide()
    {
        await UsePortalAsAsync(PortalRoles.Manager);
        await DashboardData.AddDeviceRequestAsync(Portal, requestedByUserId: User.Id, workEmail: "someone.else@example.org");
        await DashboardData.AddDeviceRequestAsync(Portal, workEmail: User.Email!.ToUpperInvariant());
        Services.AddSingleton(PortalServices.GetRequiredService<OrganisationSettingsService>());
        Services.AddSingleton(PortalServices.GetRequiredService<DashboardService>());

        var page = await RenderHomeAsync();

        var decisions = page.Find("[data-testid=card-device-decisions]");
        Assert.Null(decisions.QuerySelector("[data-testid=count]"));
        Assert.Equal("No personal-device requests are waiting for your decision (2 for another senior manager).", decisions.QuerySelector("[data-testid=nothing-to-do]")!.TextContent.Trim());

        // A third, for someone else and made by someone else, is the manager's to decide.
        await DashboardData.AddDeviceRequestAsync(Portal);
        page = await RenderHomeAsync();
        decisions = page.FindAll("[data-testid=card-device-decisions]")[^1];
        Assert.Equal("1", decisions.QuerySelector("[data-testid=count]")!.TextContent.Trim());
        Assert.Contains("2 more for another senior manager (yours, or for you)", decisions.QuerySelector("[data-testid=detail]")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_manager_sees_device_decisions_and_a_card_with_nothing_to_do_says_so()
    {
        await DashboardData.AddDeviceRequestAsync(Portal);
        var page = await RenderAsAsync(PortalRoles.Manager);

        page.WaitForAssertion(() => Assert.Contains("device-decisions", CardKeys(page)));
        Assert.Equal(["device-decisions", "device-expiring", "social-reviews", "staff-checks"], CardKeys(page));
        var decisions = page.Find("[data-testid=card-device-decisions]");
        Assert.Equal("1", decisions.QuerySelector("[data-testid=count]")!.TextContent.Trim());
        Assert.Equal("request waiting for your decision", decisions.QuerySelector("[data-testid=meaning]")!.TextContent.Trim());
        Assert.Equal("/devices?status=Requested&decide=mine", decisions.QuerySelector("[data-testid=open-list]")!.GetAttribute("href"));

        var reviews = page.Find("[data-testid=card-social-reviews]");
        Assert.Null(reviews.QuerySelector("[data-testid=count]"));
        Assert.Equal("Every authorised account has been reviewed on time.", reviews.QuerySelector("[data-testid=nothing-to-do]")!.TextContent.Trim());
        Assert.Equal("Open the list of social-media accounts with an overdue review", reviews.QuerySelector("[data-testid=open-list]")!.GetAttribute("aria-label"));
        Assert.Equal("No authorisations end in the next 30 days.", page.Find("[data-testid=card-device-expiring] [data-testid=nothing-to-do]").TextContent.Trim());
        Assert.Empty(page.FindAll("[data-testid=getting-started]"));
    }

    [Fact]
    public async Task Staff_see_none_of_the_leads_cards_and_no_checklist()
    {
        await DashboardData.SeedAsync(Portal);
        var page = await RenderAsAsync(PortalRoles.Staff);

        Assert.Empty(page.FindAll("[data-testid^=card-]"));
        Assert.Empty(page.FindAll("[data-testid=cards]"));
        Assert.Empty(page.FindAll("[data-testid=getting-started]"));
        Assert.Contains("Safeguarding contact", page.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_auditor_sees_the_read_only_cards_but_no_checklist()
    {
        var demo = await DashboardData.SeedAsync(Portal);
        var page = await RenderAsAsync(PortalRoles.Auditor);

        page.WaitForAssertion(() => Assert.Contains("disposals", CardKeys(page)));
        Assert.Equal(["device-expiring", "disposals", "social-reviews", "staff-checks"], CardKeys(page));
        Assert.Equal((demo.OpenDisposals + 2).ToString(System.Globalization.CultureInfo.InvariantCulture), page.Find("[data-testid=card-disposals] [data-testid=count]").TextContent.Trim());
        Assert.Empty(page.FindAll("[data-testid=getting-started]"));
    }

    [Fact]
    public async Task The_checklist_disappears_once_every_step_is_done()
    {
        await DashboardData.SeedAsync(Portal);
        await Portal.CreateUserAsync("second.user@example.org", "Second User", PortalRoles.Staff);
        var page = await RenderAsAsync(PortalRoles.Administrator);

        // Everything but the organisation's details: still shown, with a link to where to add them.
        var step = page.Find("[data-testid=step-organisation] [data-testid=do-it]");
        Assert.Equal("/admin/settings", step.GetAttribute("href"));
        Assert.Equal(4, page.FindAll("[data-testid=getting-started] [data-testid=done]").Count);

        var settings = PortalServices.GetRequiredService<OrganisationSettingsService>();
        var model = await settings.GetForEditAsync();
        model.Name = "Riverside Youth Club";
        model.SafeguardingLeadName = "Lee Lead";
        model.SafeguardingLeadEmail = "lead@riverside.example.org";
        await settings.SaveAsync(model);

        var again = await RenderHomeAsync();
        Assert.Empty(again.FindAll("[data-testid=getting-started]"));
        Assert.Contains("Lee Lead", again.Markup, StringComparison.Ordinal);
    }
}
