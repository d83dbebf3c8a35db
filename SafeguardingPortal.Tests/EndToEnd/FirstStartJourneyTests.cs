using System.Text.RegularExpressions;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using SafeguardingPortal.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace SafeguardingPortal.Tests.EndToEnd;

/// <summary>A new organisation's first minutes with the portal, in a real browser against the real server.</summary>
[Collection(BrowserCollection.Name)]
public sealed partial class FirstStartJourneyTests(BrowserFixture browser) : IAsyncLifetime
{
    private readonly PortalAppFactory portal = new(realServer: true);

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await portal.DisposeAsync();

    [Fact]
    public async Task First_start_set_up_sign_in_see_home_and_sign_out()
    {
        var baseUrl = portal.ServerAddress.ToString().TrimEnd('/');

        await browser.RunJourneyAsync(nameof(First_start_set_up_sign_in_see_home_and_sign_out), async page =>
        {
            // Every page leads to setup on first start.
            await page.GotoAsync($"{baseUrl}/");
            await Expect(page).ToHaveURLAsync($"{baseUrl}/setup");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Set up your safeguarding portal");
            await AssertNoSeriousAccessibilityProblemsAsync(page);

            await page.GetByLabel("Organisation name").FillAsync("Riverside Youth Club");
            await page.GetByLabel("Full name").FillAsync("Priya Shah");
            await page.GetByLabel("Work e-mail address").FillAsync("priya@riverside.example.org");
            await page.GetByLabel("Password", new() { Exact = true }).FillAsync("purple elephant marmalade");
            await page.GetByLabel("Password again").FillAsync("purple elephant marmalade");
            await page.GetByRole(AriaRole.Button, new() { Name = "Create administrator account" }).ClickAsync();

            await Expect(page).ToHaveURLAsync(CreatedUrl());
            await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Your administrator account has been created");
            await Expect(page.GetByTestId("organisation-name")).ToHaveTextAsync("Riverside Youth Club");
            await AssertNoSeriousAccessibilityProblemsAsync(page);

            await page.GetByLabel("E-mail address").FillAsync("priya@riverside.example.org");
            await page.GetByLabel("Password").FillAsync("purple elephant marmalade");
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

            await Expect(page).ToHaveURLAsync($"{baseUrl}/");
            await Expect(page.GetByTestId("home-heading")).ToHaveTextAsync("Welcome, Priya Shah");
            await Expect(page.GetByTestId("organisation-name")).ToHaveTextAsync("Riverside Youth Club");
            await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Users and roles" })).ToBeVisibleAsync();
            await BrowserFixture.WaitUntilInteractiveAsync(page);
            await BrowserFixture.SaveDocumentationScreenshotAsync(page, "home.png");

            await page.GetByTestId("user-menu").GetByRole(AriaRole.Button).First.ClickAsync();
            await page.GetByTestId("sign-out").ClickAsync();
            await Expect(page).ToHaveURLAsync(SignedOutUrl());

            // Signed out means signed out: home leads back to sign-in.
            await page.GotoAsync($"{baseUrl}/");
            await Expect(page).ToHaveURLAsync(LoginUrl());
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Sign in");
        });
    }

    private static async Task AssertNoSeriousAccessibilityProblemsAsync(IPage page)
    {
        var results = await page.RunAxe(new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] },
        });
        var serious = results.Violations
            .Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{v.Id}: {v.Help} ({string.Join(", ", v.Nodes.Select(n => string.Join(" ", n.Target)))})")
            .ToList();
        Assert.True(serious.Count == 0, $"Accessibility problems on {page.Url}:\n{string.Join("\n", serious)}");
    }

    [GeneratedRegex(@"/Account/Login\?created=true$")]
    private static partial Regex CreatedUrl();

    [GeneratedRegex(@"/Account/Login\?signedOut=true$")]
    private static partial Regex SignedOutUrl();

    [GeneratedRegex(@"/Account/Login\?ReturnUrl=%2F$")]
    private static partial Regex LoginUrl();
}
