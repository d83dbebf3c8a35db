using System.Text.RegularExpressions;
using Microsoft.Playwright;
using SafeguardingPortal.Infrastructure.Identity;
using SafeguardingPortal.Tests.Infrastructure;
using SafeguardingPortal.Tests.Infrastructure.Audit;
using static Microsoft.Playwright.Assertions;

namespace SafeguardingPortal.Tests.EndToEnd;

/// <summary>An administrator's Monday: add a colleague, give them a role, and they sign in to what that role allows.</summary>
[Collection(BrowserCollection.Name)]
public sealed class UserAdministrationJourneyTests(BrowserFixture browser) : IAsyncLifetime
{
    private readonly PortalAppFactory portal = new(realServer: true);

    public async ValueTask InitializeAsync() =>
        await portal.CreateUserAsync("ada@example.org", "Ada Administrator", PortalRoles.Administrator);

    public async ValueTask DisposeAsync() => await portal.DisposeAsync();

    [Fact]
    public async Task An_administrator_adds_a_colleague_who_then_sees_only_what_their_role_allows()
    {
        var baseUrl = portal.ServerAddress.ToString().TrimEnd('/');

        await browser.RunJourneyAsync(nameof(An_administrator_adds_a_colleague_who_then_sees_only_what_their_role_allows), async page =>
        {
            await BrowserFixture.SignInAsync(page, baseUrl, "ada@example.org", PortalAppFactory.TestPassword);
            await page.GetByRole(AriaRole.Link, new() { Name = "Users and roles" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Users and roles");

            await page.GetByTestId("add-user").ClickAsync();
            var dialog = page.GetByRole(AriaRole.Dialog);
            await dialog.GetByLabel("Full name").FillAsync("Sam Okafor");
            await dialog.GetByLabel("Work e-mail address").FillAsync("sam@example.org");

            // A weak password is explained in the dialog and nothing is saved.
            await dialog.GetByLabel("First password").FillAsync("password1234");
            await dialog.GetByText("Staff", new() { Exact = true }).ClickAsync();
            await dialog.GetByRole(AriaRole.Button, new() { Name = "Add user" }).ClickAsync();
            await Expect(dialog).ToContainTextAsync("most commonly used");

            await dialog.GetByLabel("First password").FillAsync("kettle harbour lantern");
            await dialog.GetByRole(AriaRole.Button, new() { Name = "Add user" }).ClickAsync();
            await Expect(page.GetByText("Sam Okafor can now sign in.")).ToBeVisibleAsync();
            var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "sam@example.org" });
            await Expect(row).ToContainTextAsync("Staff");
            await Expect(row).ToContainTextAsync("Active");

            // The circuit's changes are attributed to the administrator, from the address the server saw.
            var created = Assert.Single(await portal.EventsAsync(), e => e.EntityType == "PortalUser" && e.Action == "Created" && e.ActorName == "ada@example.org");
            Assert.Equal("127.0.0.1", created.IpAddress);

            // The audit trail shows the new account and vouches for its own integrity.
            await page.GetByRole(AriaRole.Link, new() { Name = "Audit trail" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Audit trail");
            await Expect(page.GetByTestId("audit-grid")).ToContainTextAsync("Roles of Sam Okafor (sam@example.org) changed: added Staff");
            await page.GetByTestId("verify-integrity").ClickAsync();
            await Expect(page.GetByTestId("verify-result")).ToContainTextAsync(new Regex(@"Intact up to event \d+\."));
            await BrowserFixture.SaveDocumentationScreenshotAsync(page, "audit.png");
            await page.GetByRole(AriaRole.Link, new() { Name = "Users and roles" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Users and roles");

            // The administrator's dark mode choice is remembered across sign-ins.
            await page.GetByTestId("theme-toggle").ClickAsync();
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Switch to light mode" })).ToBeVisibleAsync();

            await BrowserFixture.SignOutAsync(page);

            await BrowserFixture.SignInAsync(page, baseUrl, "sam@example.org", "kettle harbour lantern");
            await Expect(page.GetByTestId("home-heading")).ToHaveTextAsync("Welcome, Sam Okafor");
            await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Users and roles" })).ToHaveCountAsync(0);
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Switch to dark mode" })).ToBeVisibleAsync();

            await page.GotoAsync($"{baseUrl}/admin/users");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("You do not have access to that page");

            await page.GetByRole(AriaRole.Link, new() { Name = "Go to the home page" }).ClickAsync();
            await BrowserFixture.WaitUntilInteractiveAsync(page);
            await BrowserFixture.SignOutAsync(page);
            await BrowserFixture.SignInAsync(page, baseUrl, "ada@example.org", PortalAppFactory.TestPassword);
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Switch to light mode" })).ToBeVisibleAsync();
        });
    }
}
