using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SafeguardingPortal.Features.People;
using SafeguardingPortal.Features.Staff;
using SafeguardingPortal.Infrastructure;
using SafeguardingPortal.Infrastructure.Identity;
using SafeguardingPortal.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace SafeguardingPortal.Tests.EndToEnd;

/// <summary>
/// A member of staff asks to use their own phone; a senior manager approves it with a condition; the
/// register shows it; and it expires once the portal's own clock passes its last day, while the
/// browser stays signed in (sign-in cookies read a different clock).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class DeviceAuthorisationJourneyTests(BrowserFixture browser) : IAsyncLifetime
{
    private readonly PortalAppFactory portal = new(realServer: true);

    public async ValueTask InitializeAsync()
    {
        var lead = await portal.CreateUserAsync("lead@example.org", "Lee Lead", PortalRoles.SafeguardingLead);
        var stan = await portal.CreateUserAsync("stan@example.org", "Stan Coach", PortalRoles.Staff);
        await portal.CreateUserAsync("manager@example.org", "Mo Manager", PortalRoles.Manager);
        await using var scope = await portal.ScopeForAsync(lead);
        await scope.ServiceProvider.GetRequiredService<StaffService>().SaveAsync(new StaffModel
        {
            FirstName = "Stan",
            LastName = "Coach",
            WorkEmail = "stan.coach@example.org",
            RoleTitle = "Volunteer football coach",
            UserId = stan.Id,
        });
    }

    public async ValueTask DisposeAsync() => await portal.DisposeAsync();

    private static Task SignOutAsync(IPage page) => BrowserFixture.SignOutAsync(page);

    private static async Task FillDateAsync(ILocator dialog, string label, DateOnly date)
    {
        await dialog.GetByLabel(label).FillAsync(date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture));
        await dialog.GetByLabel(label).PressAsync("Tab");
    }

    [Fact]
    public async Task Staff_request_manager_approves_with_a_condition_register_shows_it_and_it_expires_on_the_portals_clock()
    {
        var baseUrl = portal.ServerAddress.ToString().TrimEnd('/');
        var today = portal.Services.GetRequiredService<PortalClock>().Today();
        var lastDay = today.AddDays(30);

        await browser.RunJourneyAsync(nameof(Staff_request_manager_approves_with_a_condition_register_shows_it_and_it_expires_on_the_portals_clock), async page =>
        {
            await BrowserFixture.SignInAsync(page, baseUrl, "stan@example.org");
            await page.GetByRole(AriaRole.Link, new() { Name = "Device authorisations", Exact = true }).ClickAsync();
            await BrowserFixture.WaitUntilInteractiveAsync(page);
            await page.GetByTestId("new-request").ClickAsync();
            var dialog = page.GetByRole(AriaRole.Dialog);
            await dialog.GetByTestId("save-request").ClickAsync();
            await Expect(dialog).ToContainTextAsync("Choose the kind of device: phone, tablet or laptop.");

            await BrowserFixture.ChooseOptionAsync(page, dialog.GetByLabel("Kind of device"), "Phone");
            await dialog.GetByLabel("Describe the device (make, model, colour; no serial numbers)").FillAsync("Black iPhone 13 in a blue case");
            await dialog.GetByLabel("Why an organisational device cannot be used").FillAsync("The club's only phone stays at the ground; away matches need messages on the day.");
            await dialog.GetByLabel("What it will be used for").FillAsync("Telling the squad about kick-off times and cancellations.");
            await dialog.GetByLabel("Children, groups or activities it will be used with").FillAsync("Under-14s football squad");
            await dialog.GetByLabel("Apps or platforms, and the organisation's accounts to be used").FillAsync("WhatsApp group created by the club's account");
            await dialog.GetByTestId("viewer-name-0").FillAsync("Lina Okafor");
            await dialog.GetByTestId("viewer-how-0").FillAsync("Second adult in the group chat");
            await FillDateAsync(dialog, "First day", today);
            await FillDateAsync(dialog, "Last day", lastDay);
            await dialog.GetByTestId("save-request").ClickAsync();
            await Expect(page.GetByTestId("device-person")).ToHaveTextAsync("Stan Coach");
            await Expect(page.GetByTestId("device-state")).ToContainTextAsync("Requested");
            await Expect(page.GetByTestId("decide")).ToHaveCountAsync(0);
            var url = page.Url;
            await SignOutAsync(page);

            await BrowserFixture.SignInAsync(page, baseUrl, "manager@example.org");
            await page.GotoAsync(url);
            await BrowserFixture.WaitUntilInteractiveAsync(page);
            await page.GetByTestId("decide").ClickAsync();
            dialog = page.GetByRole(AriaRole.Dialog);
            await dialog.GetByTestId("choose-approve").ClickAsync();
            await dialog.GetByLabel("Conditions (one per line)").FillAsync("Messages only in the group chat with a second adult");
            await Expect(dialog.GetByLabel("Valid until")).ToHaveValueAsync(lastDay.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture));
            await dialog.GetByTestId("confirm-decision").ClickAsync();
            await Expect(page.GetByTestId("device-state")).ToContainTextAsync("Approved");
            await Expect(page.GetByTestId("conditions")).ToContainTextAsync("Messages only in the group chat with a second adult");
            await Expect(page.GetByTestId("viewers")).ToContainTextAsync("Lina Okafor");
            await Expect(page.GetByTestId("record-pdf")).ToBeVisibleAsync();
            // axe reads colours as they are: the snackbar first finishes fading in (to MudBlazor's 0.95).
            await Expect(page.Locator(".mud-snackbar").First).ToHaveCSSAsync("opacity", "0.95");
            await Accessibility.AssertWcagAsync(page, "an approved personal-device authorisation");

            await page.GetByRole(AriaRole.Link, new() { Name = "Device authorisations", Exact = true }).ClickAsync();
            var grid = page.GetByTestId("devices-grid");
            await Expect(grid).ToContainTextAsync("Stan Coach");
            await Expect(grid).ToContainTextAsync("Approved");
            await Expect(grid).ToContainTextAsync(lastDay.ToString("d MMM yyyy", CultureInfo.GetCultureInfo("en-GB")));
            await BrowserFixture.SaveDocumentationScreenshotAsync(page, "device-authorisations.png");
            await Accessibility.AssertWcagAsync(page, "the personal-device register");

            // The day after the last day, by the portal's own clock: expired, with no job run and no new sign-in.
            portal.PortalTime.Advance(TimeSpan.FromDays(31));
            await page.ReloadAsync();
            await BrowserFixture.WaitUntilInteractiveAsync(page);
            await Expect(page.GetByTestId("devices-grid")).ToContainTextAsync("Expired");
            await Expect(page.GetByTestId("devices-grid")).Not.ToContainTextAsync("Approved");
            await page.GotoAsync(url);
            await Expect(page.GetByTestId("expired")).ToBeVisibleAsync();
            await Expect(page.GetByTestId("revoke")).ToHaveCountAsync(0);
        });
    }
}
