using Microsoft.Playwright;

namespace SafeguardingPortal.Tests.EndToEnd;

/// <summary>
/// One headless Debian Chromium for the browser tests of a collection. Playwright cannot download
/// its own browsers here, so it drives the system's (installed by the README's test command).
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? playwright;

    public IBrowser Browser { get; private set; } = default!;

    public static string ArtefactsDirectory { get; } =
        Path.Combine(AppContext.BaseDirectory, "TestResults", "browser");

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"Chromium is not installed at {ChromiumPath}. Run the README's test command, which installs it.");
        }

        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
            ],
        });
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        playwright?.Dispose();
    }

    /// <summary>Signs in through the sign-in page and waits until the home page's circuit is live.</summary>
    public static async Task SignInAsync(IPage page, string baseUrl, string email, string password = Infrastructure.PortalAppFactory.TestPassword)
    {
        await page.GotoAsync($"{baseUrl}/Account/Login");
        await page.GetByLabel("E-mail address").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await WaitUntilInteractiveAsync(page);
    }

    /// <summary>
    /// Opens a select, picks an option and waits until the server has taken the choice (its list has closed).
    /// Typing into the next field before then can race the select's re-render and lose what was typed.
    /// </summary>
    public static async Task ChooseOptionAsync(IPage page, ILocator field, string option)
    {
        await field.ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = option }).First.ClickAsync();
        await WaitForListsClosedAsync(page);
    }

    /// <summary>Types into an autocomplete, picks a suggestion and waits until the server has taken it.</summary>
    public static async Task PickSuggestionAsync(IPage page, ILocator field, string typed, string suggestion)
    {
        await field.FillAsync(typed);
        await page.GetByText(suggestion).ClickAsync();
        await WaitForListsClosedAsync(page);
        await Assertions.Expect(field).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("^" + System.Text.RegularExpressions.Regex.Escape(suggestion)));
    }

    private static async Task WaitForListsClosedAsync(IPage page) =>
        await Assertions.Expect(page.Locator(".mud-popover-open .mud-list")).ToHaveCountAsync(0);

    /// <summary>
    /// Signs out through the user menu and waits until the sign-in page has fully loaded, so the next
    /// sign-in is not overtaken by the end of this navigation.
    /// </summary>
    public static async Task SignOutAsync(IPage page)
    {
        // A confirmation still showing sits over the menu's "Sign out". In tests it never times out (MudBlazor's
        // timers run on the test host's fake TimeProvider), so reload the page to clear it.
        if (await page.Locator(".mud-snackbar").CountAsync() > 0)
        {
            await page.ReloadAsync();
            await WaitUntilInteractiveAsync(page);
        }

        await page.GetByTestId("user-menu").GetByRole(AriaRole.Button).First.ClickAsync();
        await page.GetByTestId("sign-out").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Account/Login"));
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign in" })).ToBeVisibleAsync();
        await page.WaitForLoadStateAsync(LoadState.Load);
    }

    /// <summary>Clicks on the prerendered page are lost: wait until the circuit is live.</summary>
    public static async Task WaitUntilInteractiveAsync(IPage page) =>
        await Assertions.Expect(page.Locator("#portal-ready")).ToHaveAttributeAsync("data-interactive", "true");

    /// <summary>
    /// Saves a screenshot for the README when PORTAL_SCREENSHOT_DIR is set
    /// (e.g. <c>PORTAL_SCREENSHOT_DIR=$PWD/docs/screenshots bash .ci/test</c>); otherwise does nothing.
    /// </summary>
    public static async Task SaveDocumentationScreenshotAsync(IPage page, string fileName)
    {
        var folder = Environment.GetEnvironmentVariable("PORTAL_SCREENSHOT_DIR");
        if (!string.IsNullOrWhiteSpace(folder))
        {
            Directory.CreateDirectory(folder);
            // Transitions finished, so a label that has just moved up or an underline still growing is caught at rest.
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, fileName), Animations = ScreenshotAnimations.Disabled });
        }
    }

    /// <summary>Runs a journey in a fresh browser context; on failure keeps a screenshot and rethrows.</summary>
    public async Task RunJourneyAsync(string name, Func<IPage, Task> journey)
    {
        await using var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            Locale = "en-GB",
            TimezoneId = "Europe/London",
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        });
        var page = await context.NewPageAsync();
        try
        {
            await journey(page);
        }
        catch
        {
            Directory.CreateDirectory(ArtefactsDirectory);
            var file = Path.Combine(ArtefactsDirectory, $"{name}-{DateTime.UtcNow:yyyyMMdd-HHmmss}.png");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = file, FullPage = true });
            Console.Error.WriteLine($"Screenshot of the failed journey: {file}");
            throw;
        }
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Browser";
}
