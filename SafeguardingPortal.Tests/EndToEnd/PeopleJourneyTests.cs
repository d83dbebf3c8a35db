using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SafeguardingPortal.Features.Activities;
using SafeguardingPortal.Features.Platforms;
using SafeguardingPortal.Features.Staff;
using SafeguardingPortal.Infrastructure.Identity;
using SafeguardingPortal.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace SafeguardingPortal.Tests.EndToEnd;

/// <summary>A safeguarding lead registers a family, puts the child in an activity, and finds the child again.</summary>
[Collection(BrowserCollection.Name)]
public sealed class PeopleJourneyTests(BrowserFixture browser) : IAsyncLifetime
{
    private readonly PortalAppFactory portal = new(realServer: true);
    private int activityId;

    public async ValueTask InitializeAsync()
    {
        var lead = await portal.CreateUserAsync("lead@example.org", "Lee Lead", PortalRoles.SafeguardingLead);
        await using var scope = await portal.ScopeForAsync(lead);
        var staff = await scope.ServiceProvider.GetRequiredService<StaffService>().SaveAsync(new StaffModel { FirstName = "Stan", LastName = "Coach", WorkEmail = "stan@example.org" });
        var platform = (await scope.ServiceProvider.GetRequiredService<PlatformService>().ListAsync()).First(p => p.Name == "Microsoft Teams").Id;
        activityId = await scope.ServiceProvider.GetRequiredService<ActivityService>().SaveAsync(new ActivityModel
        {
            Title = "Coding club",
            PlatformId = platform,
            LeadStaffMemberId = staff,
            MinimumAge = 9,
            MaximumAge = 14,
            StartDate = new DateOnly(2026, 9, 1),
            Description = "Weekly coding club.",
            WhyOnline = "Members live far apart.",
            Benefits = "New skills.",
            Risks = "Contact from strangers; two adults present.",
        });
    }

    public async ValueTask DisposeAsync() => await portal.DisposeAsync();

    [Fact]
    public async Task A_lead_adds_a_parent_and_a_child_enrols_the_child_and_finds_them_by_search()
    {
        var baseUrl = portal.ServerAddress.ToString().TrimEnd('/');

        await browser.RunJourneyAsync(nameof(A_lead_adds_a_parent_and_a_child_enrols_the_child_and_finds_them_by_search), async page =>
        {
            await BrowserFixture.SignInAsync(page, baseUrl, "lead@example.org");

            // A parent.
            await page.GetByRole(AriaRole.Link, new() { Name = "Parents and carers" }).ClickAsync();
            await page.GetByTestId("add-parent").ClickAsync();
            var dialog = page.GetByRole(AriaRole.Dialog);
            await dialog.GetByLabel("First name").FillAsync("Jo");
            await dialog.GetByLabel("Last name").FillAsync("Patel");
            await dialog.GetByLabel("E-mail address").FillAsync("jo.patel@example.org");
            await dialog.GetByTestId("save-parent").ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Jo Patel");

            // A child, first with a mistake that is explained next to the field.
            await page.GetByRole(AriaRole.Link, new() { Name = "Children" }).ClickAsync();
            await page.GetByTestId("add-child").ClickAsync();
            dialog = page.GetByRole(AriaRole.Dialog);
            await dialog.GetByLabel("First name").FillAsync("Aarav");
            await dialog.GetByTestId("save-child").ClickAsync();
            await Expect(dialog).ToContainTextAsync("Enter the child's last name.");
            await Expect(dialog).ToContainTextAsync("Enter the child's date of birth.");
            await dialog.GetByLabel("Last name").FillAsync("Patel");
            await dialog.GetByLabel("Date of birth").FillAsync("12/05/2014");
            await dialog.GetByLabel("Date of birth").PressAsync("Tab");
            await dialog.GetByLabel("Group (optional)").FillAsync("Juniors");
            await dialog.GetByTestId("save-child").ClickAsync();
            await Expect(page.GetByTestId("child-name")).ToHaveTextAsync("Aarav Patel");
            await Expect(page.GetByText("No parent or carer is linked yet")).ToBeVisibleAsync();

            // Link the parent.
            await page.GetByTestId("link-guardian").ClickAsync();
            dialog = page.GetByRole(AriaRole.Dialog);
            await BrowserFixture.PickSuggestionAsync(page, dialog.GetByLabel("Parent or carer"), "Jo", "Jo Patel (jo.patel@example.org)");
            await dialog.GetByLabel("Relationship to the child").FillAsync("Mother");
            await dialog.GetByTestId("save-link").ClickAsync();
            var guardians = page.GetByTestId("guardians");
            await Expect(guardians).ToContainTextAsync("Jo Patel");
            await Expect(guardians).ToContainTextAsync("Mother");

            // Put the child in the activity.
            await page.GotoAsync($"{baseUrl}/activities/{activityId}");
            await BrowserFixture.WaitUntilInteractiveAsync(page);
            await page.GetByTestId("enrol-child").ClickAsync();
            dialog = page.GetByRole(AriaRole.Dialog);
            await BrowserFixture.PickSuggestionAsync(page, dialog.GetByLabel("Child"), "Aarav", "Aarav Patel (age");
            await dialog.GetByTestId("save-enrolment").ClickAsync();
            await Expect(page.GetByTestId("enrolled-children")).ToContainTextAsync("Aarav Patel");

            // Find the child again by searching.
            await page.GetByRole(AriaRole.Link, new() { Name = "Children" }).ClickAsync();
            await page.GetByLabel("Search by name").FillAsync("aarav");
            var grid = page.GetByTestId("children-grid");
            await Expect(grid.GetByRole(AriaRole.Link, new() { Name = "Aarav Patel" })).ToBeVisibleAsync();
            await Expect(grid).ToContainTextAsync("Juniors");
            await BrowserFixture.SaveDocumentationScreenshotAsync(page, "children.png");
        });
    }
}
