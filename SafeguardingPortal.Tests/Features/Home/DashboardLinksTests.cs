using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using SafeguardingPortal.Features.Consent;
using SafeguardingPortal.Features.Devices;
using SafeguardingPortal.Features.Home;
using SafeguardingPortal.Features.Staff;
using SafeguardingPortal.Infrastructure.Identity;
using SafeguardingPortal.Tests.Infrastructure;

namespace SafeguardingPortal.Tests.Features.Home;

/// <summary>Following a card's link opens its list with the card's filter already applied: as many rows as the card counted.</summary>
public sealed class DashboardLinksTests : PortalBunitContext
{
    private async Task<Dictionary<string, DashboardCard>> UseAsync(string role)
    {
        await DashboardData.SeedAsync(Portal);
        await UsePortalAsAsync(role);
        Services.AddSingleton(PortalServices.GetRequiredService<ConsentRequestService>());
        Services.AddSingleton(PortalServices.GetRequiredService<StaffService>());
        Services.AddSingleton(PortalServices.GetRequiredService<DeviceAuthorisationService>());
        return (await PortalServices.GetRequiredService<DashboardService>().CardsAsync()).ToDictionary(c => c.Key);
    }

    private IRenderedComponent<TPage> Open<TPage>(string href)
        where TPage : IComponent
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo(href);
        return Render<TPage>();
    }

    private static int Rows<TPage>(IRenderedComponent<TPage> page)
        where TPage : IComponent => page.FindAll("tbody tr.mud-table-row").Count;

    private static AngleSharp.Dom.IElement RemindedOnly(IRenderedComponent<AwaitingInvitationsPage> page)
    {
        var element = page.Find("[data-testid=reminded-only]");
        return element.TagName == "INPUT" ? element : element.QuerySelector("input")!;
    }

    [Fact]
    public async Task The_reminded_link_opens_the_awaiting_list_with_only_the_reminded_invitations()
    {
        var cards = await UseAsync(PortalRoles.SafeguardingLead);
        var reminded = cards["consent-awaiting"].Details.Single();

        var page = Open<AwaitingInvitationsPage>(reminded.Href!);

        page.WaitForAssertion(() => Assert.Equal(reminded.Count, Rows(page)));
        Assert.Equal(2, reminded.Count);
        Assert.True(RemindedOnly(page).HasAttribute("checked"));
    }

    [Fact]
    public async Task The_awaiting_list_without_the_filter_shows_every_invitation_the_card_counts()
    {
        var cards = await UseAsync(PortalRoles.SafeguardingLead);
        var awaiting = cards["consent-awaiting"].Main;

        var page = Open<AwaitingInvitationsPage>(awaiting.Href!);

        page.WaitForAssertion(() => Assert.Equal(Math.Min(awaiting.Count, 25), Rows(page)));
        Assert.True(awaiting.Count > 2);
        Assert.False(RemindedOnly(page).HasAttribute("checked"));
    }

    [Theory]
    [InlineData(0, "Missing")]
    [InlineData(1, "Overdue since")]
    public async Task The_staff_check_links_open_the_register_filtered_by_that_check(int detail, string chip)
    {
        var cards = await UseAsync(PortalRoles.Auditor);
        var figure = cards["staff-checks"].Details[detail];

        var page = Open<StaffPage>(figure.Href!);

        page.WaitForAssertion(() => Assert.Equal(Math.Min(figure.Count, 25), Rows(page)));
        Assert.True(figure.Count > 0);
        Assert.All(page.FindAll("tbody tr.mud-table-row"), row => Assert.Contains(chip, row.TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_expiring_link_opens_the_device_register_with_only_authorisations_ending_soon()
    {
        var cards = await UseAsync(PortalRoles.Manager);
        var expiring = cards["device-expiring"].Main;

        var page = Open<DeviceAuthorisationsPage>(expiring.Href!);

        page.WaitForAssertion(() => Assert.Equal(expiring.Count, Rows(page)));
        Assert.Equal(2, expiring.Count);
        Assert.Contains("Live and ending in the next 30 days", page.Find("[data-testid=expiring-filter]").TextContent, StringComparison.Ordinal);
    }
}
