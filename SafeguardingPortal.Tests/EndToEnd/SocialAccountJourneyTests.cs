using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SafeguardingPortal.Features.Activities;
using SafeguardingPortal.Features.Platforms;
using SafeguardingPortal.Features.Staff;
using SafeguardingPortal.Infrastructure.Identity;
using SafeguardingPortal.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace SafeguardingPortal.Tests.EndToEnd;

/// <summary>A lead proposes an account; a manager completes the checklist, authorises it and gives access; months later its review falls due.</summary>
[Collection(BrowserCollection.Name)]
public sealed class SocialAccountJourneyTests(BrowserFixture browser) : IAsyncLifetime
{
    private static readonly string[] ChecklistItems = ["check-owned", "check-privacy", "check-2fa", "check-recovery", "check-strangers"];

    private readonly PortalAppFactory portal = new(realServer: true);

    public async ValueTask InitializeAsync()
    {
        var lead = await portal.CreateUserAsync("lead@example.org", "Lee Lead", PortalRoles.SafeguardingLead);
        await portal.CreateUserAsync("manager@example.org", "Mo Manager", PortalRoles.Manager);
        await using var scope = await portal.ScopeForAsync(lead);
        var staff = scope.ServiceProvider.GetRequiredService<StaffService>();
        var stan = await staff.SaveAsync(new StaffModel
        {
            FirstName = "Stan",
            LastName = "Coach",
            WorkEmail = "stan@example.org",
            CheckKind = "Enhanced DBS",
            CheckDate = new DateOnly(2025, 1, 1),
            CheckRenewalDue = new DateOnly(2028, 1, 1),
        });
        var instagram = (await scope.ServiceProvider.GetRequiredService<PlatformService>().ListAsync()).First(p => p.Name == "Instagram").Id;
        await scope.ServiceProvider.GetRequiredService<ActivityService>().SaveAsync(new ActivityModel
        {
            Title = "Youth forum",
            PlatformId = instagram,
            LeadStaffMemberId = stan,
            MinimumAge = 14,
            MaximumAge = 18,
            StartDate = new DateOnly(2026, 9, 1),
            Description = "Forum.",
            WhyOnline = "Distance.",
            Benefits = "Voice.",
            Risks = "Contact; moderated.",
        });
    }

    public async ValueTask DisposeAsync() => await portal.DisposeAsync();

    private static Task SignOutAsync(IPage page) => BrowserFixture.SignOutAsync(page);

    private static Task ChooseAsync(IPage page, ILocator dialog, string label, string option) =>
        BrowserFixture.ChooseOptionAsync(page, dialog.GetByLabel(label), option);

    [Fact]
    public async Task Propose_authorise_give_access_and_the_review_falls_due()
    {
        var baseUrl = portal.ServerAddress.ToString().TrimEnd('/');

        await browser.RunJourneyAsync(nameof(Propose_authorise_give_access_and_the_review_falls_due), async page =>
        {
            await BrowserFixture.SignInAsync(page, baseUrl, "lead@example.org");
            await page.GetByRole(AriaRole.Link, new() { Name = "Authorised accounts" }).ClickAsync();
            await page.GetByTestId("propose-account").ClickAsync();
            var dialog = page.GetByRole(AriaRole.Dialog);
            await dialog.GetByLabel("Handle or address").FillAsync("@riverside_forum");
            await ChooseAsync(page, dialog, "Platform", "Instagram (minimum age 13)");
            await dialog.GetByLabel("What it is for").FillAsync("News and reminders for the youth forum");
            await ChooseAsync(page, dialog, "Responsible member of staff", "Stan Coach");
            await dialog.GetByLabel("Recovery e-mail (organisational)").FillAsync("social@riverside.example.org");
            await dialog.GetByTestId("owned-by-organisation").ClickAsync();
            await dialog.GetByTestId("save-account").ClickAsync();
            await Expect(page.GetByTestId("account-handle")).ToHaveTextAsync("@riverside_forum");
            await Expect(page.GetByTestId("account-status")).ToContainTextAsync("Proposed");
            var accountUrl = page.Url;
            await SignOutAsync(page);

            await BrowserFixture.SignInAsync(page, baseUrl, "manager@example.org");
            await page.GotoAsync(accountUrl);
            await BrowserFixture.WaitUntilInteractiveAsync(page);
            await page.GetByTestId("authorise").ClickAsync();
            dialog = page.GetByRole(AriaRole.Dialog);
            await dialog.GetByTestId("confirm-checklist").ClickAsync();
            await Expect(dialog.GetByTestId("checklist-error")).ToContainTextAsync("Confirm two-factor authentication is turned on.");
            foreach (var item in ChecklistItems)
            {
                await dialog.GetByTestId(item).ClickAsync();
            }

            await dialog.GetByTestId("confirm-checklist").ClickAsync();
            await Expect(page.GetByTestId("account-status")).ToContainTextAsync("Authorised");

            await page.GetByTestId("grant-access").ClickAsync();
            dialog = page.GetByRole(AriaRole.Dialog);
            await ChooseAsync(page, dialog, "Member of staff", "Stan Coach");
            await dialog.GetByTestId("confirm-action").ClickAsync();
            await Expect(page.GetByTestId("access")).ToContainTextAsync("Stan Coach");
            await BrowserFixture.SaveDocumentationScreenshotAsync(page, "social-account.png");

            // Seven months on, by the portal's own clock, the review is overdue.
            portal.PortalTime.Advance(TimeSpan.FromDays(7 * 31));
            await page.GotoAsync($"{baseUrl}/social-accounts?overdue=true");
            await BrowserFixture.WaitUntilInteractiveAsync(page);
            var grid = page.GetByTestId("accounts-grid");
            await Expect(grid).ToContainTextAsync("@riverside_forum");
            await Expect(grid).ToContainTextAsync("Overdue since");
            await page.GotoAsync(accountUrl);
            await Expect(page.GetByTestId("review-overdue")).ToBeVisibleAsync();
        });
    }
}
