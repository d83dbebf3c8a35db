using System.Globalization;
using Microsoft.Playwright;
using SafeguardingPortal.Infrastructure.Identity;
using SafeguardingPortal.Tests.Features.Home;
using SafeguardingPortal.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace SafeguardingPortal.Tests.EndToEnd;

/// <summary>
/// Monday morning in a real browser: a safeguarding lead who is also a senior manager opens the home
/// page, follows every card's link (one by keyboard) and finds the list behind it filtered to as many
/// rows as the card said; the page passes the WCAG 2.2 AA checks in light and in dark mode, and its
/// chart's numbers are there as text. Someone with only the staff role sees none of those cards.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class DashboardJourneyTests(BrowserFixture browser) : IAsyncLifetime
{
    private readonly PortalAppFactory portal = new(realServer: true);

    public async ValueTask InitializeAsync()
    {
        await DashboardData.SeedAsync(portal);
        await portal.CreateUserAsync("monday@example.org", "Morgan Monday", PortalRoles.SafeguardingLead, PortalRoles.Manager);
        await portal.CreateUserAsync("staff.only@example.org", "Sam Staff", PortalRoles.Staff);
    }

    public async ValueTask DisposeAsync() => await portal.DisposeAsync();

    private string BaseUrl => portal.ServerAddress.ToString().TrimEnd('/');

    private static async Task OpenHomeAsync(IPage page, string baseUrl)
    {
        await page.GotoAsync(baseUrl + "/");
        await BrowserFixture.WaitUntilInteractiveAsync(page);
        await Expect(page.GetByTestId("home-heading")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("home-loading")).ToHaveCountAsync(0);
    }

    /// <summary>Each card's figures with a link: (card, count shown, link), read from the page as a person sees it.</summary>
    private static async Task<List<(string Card, int Count, string Href)>> LinksAsync(IPage page)
    {
        var links = new List<(string, int, string)>();
        foreach (var card in await page.Locator("[data-testid^=card-]").AllAsync())
        {
            var key = (await card.GetAttributeAsync("data-testid"))!["card-".Length..];
            var count = await card.GetByTestId("count").CountAsync() == 0 ? 0 : int.Parse((await card.GetByTestId("count").InnerTextAsync()).Trim(), CultureInfo.InvariantCulture);
            links.Add((key, count, (await card.GetByTestId("open-list").GetAttributeAsync("href"))!));
            foreach (var detail in await card.GetByTestId("detail").AllAsync())
            {
                var link = detail.GetByRole(AriaRole.Link);
                if (await link.CountAsync() == 1)
                {
                    var number = int.Parse((await detail.Locator("strong").InnerTextAsync()).Trim(), CultureInfo.InvariantCulture);
                    links.Add(($"{key} (detail)", number, (await link.GetAttributeAsync("href"))!));
                }
            }
        }

        return links;
    }

    [Fact]
    public async Task Every_card_link_opens_its_list_filtered_to_as_many_rows_as_the_card_shows()
    {
        await browser.RunJourneyAsync(nameof(Every_card_link_opens_its_list_filtered_to_as_many_rows_as_the_card_shows), async page =>
        {
            await BrowserFixture.SignInAsync(page, BaseUrl, "monday@example.org");
            await OpenHomeAsync(page, BaseUrl);
            var links = await LinksAsync(page);

            Assert.Equal(
                ["consent-awaiting", "device-decisions", "device-expiring", "disposals", "social-reviews", "staff-checks", "withdrawals"],
                links.Select(l => l.Card).Where(c => !c.EndsWith("(detail)", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
            Assert.Contains(links, l => l.Card == "consent-awaiting (detail)" && l.Href == "/consent/awaiting?reminded=true");
            Assert.True(links.Count(l => l.Count > 0) >= 5, "The seeded portal has something to do on most cards.");

            // The chart's numbers are the cards' own, as text.
            await page.GetByTestId("open-actions-chart").GetByText("Show the numbers").ClickAsync();
            var chartRows = page.GetByTestId("open-actions-chart").Locator("tbody tr");
            await Expect(chartRows).ToHaveCountAsync(7);
            await Expect(chartRows.Filter(new() { HasText = "Consent" }).Locator("td"))
                .ToHaveTextAsync(links.Single(l => l.Card == "consent-awaiting").Count.ToString(CultureInfo.InvariantCulture));
            await Accessibility.AssertWcagAsync(page, "the home page in light mode");
            await BrowserFixture.SaveDocumentationScreenshotAsync(page, "home-dashboard.png");

            var first = true;
            foreach (var (card, count, href) in links.Where(l => l.Count > 0))
            {
                await OpenHomeAsync(page, BaseUrl);
                var link = page.Locator($"a[href='{href}']").First;
                if (first)
                {
                    // By keyboard once: the link takes focus and Enter follows it.
                    await link.FocusAsync();
                    await page.Keyboard.PressAsync("Enter");
                    first = false;
                }
                else
                {
                    await link.ClickAsync();
                }

                await Expect(page).ToHaveURLAsync(BaseUrl + href);
                await BrowserFixture.WaitUntilInteractiveAsync(page);
                // Disposal tasks are a list of panels, each with its form; every other list is a table paged at 25.
                var rows = href.StartsWith("/recordings/disposals", StringComparison.Ordinal)
                    ? page.GetByTestId("disposal-task")
                    : page.Locator("tbody tr.mud-table-row");
                await Expect(rows).ToHaveCountAsync(href.StartsWith("/recordings/disposals", StringComparison.Ordinal) ? count : Math.Min(count, 25), new() { Timeout = 15_000 });
                Assert.True(count > 0, card);
            }

            // The lists say which filter they show.
            await page.GotoAsync(BaseUrl + "/devices?expiring=30");
            await Expect(page.GetByTestId("expiring-filter")).ToContainTextAsync("Live and ending in the next 30 days");
            await page.GotoAsync(BaseUrl + "/devices?status=Requested&decide=mine");
            await Expect(page.GetByTestId("decide-filter")).ToContainTextAsync("Only those you can decide");

            // Dark mode: the same checks, and the chart still there with its numbers.
            await OpenHomeAsync(page, BaseUrl);
            await page.GetByTestId("theme-toggle").ClickAsync();
            await Expect(page.GetByTestId("theme-toggle")).ToHaveAttributeAsync("aria-label", "Switch to light mode");

            // axe reads colours as they are: wait until the page and the cards have finished turning dark.
            await Expect(page.Locator("body")).ToHaveCSSAsync("background-color", "rgb(16, 20, 24)");
            await Expect(page.GetByTestId("card-consent-awaiting")).ToHaveCSSAsync("background-color", "rgb(26, 32, 39)");
            await Expect(page.GetByTestId("open-actions-chart").Locator("svg")).ToBeVisibleAsync();
            await Accessibility.AssertWcagAsync(page, "the home page in dark mode");
            await page.GetByTestId("open-actions-chart").ScrollIntoViewIfNeededAsync();
            await BrowserFixture.SaveDocumentationScreenshotAsync(page, "home-chart-dark.png");
            await page.GetByTestId("theme-toggle").ClickAsync();
            await Expect(page.GetByTestId("theme-toggle")).ToHaveAttributeAsync("aria-label", "Switch to dark mode");
        });
    }

    [Fact]
    public async Task Someone_with_only_the_staff_role_sees_no_consent_device_or_disposal_cards()
    {
        await browser.RunJourneyAsync(nameof(Someone_with_only_the_staff_role_sees_no_consent_device_or_disposal_cards), async page =>
        {
            await BrowserFixture.SignInAsync(page, BaseUrl, "staff.only@example.org");
            await OpenHomeAsync(page, BaseUrl);

            await Expect(page.GetByTestId("home-heading")).ToContainTextAsync("Welcome, Sam Staff");
            await Expect(page.Locator("[data-testid^=card-]")).ToHaveCountAsync(0);
            await Expect(page.GetByTestId("open-actions-chart")).ToHaveCountAsync(0);
            await Expect(page.GetByTestId("getting-started")).ToHaveCountAsync(0);
        });
    }
}
