using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SafeguardingPortal.Features.Preferences;
using SafeguardingPortal.Infrastructure.Data;
using SafeguardingPortal.Infrastructure.Identity;
using SafeguardingPortal.Tests.Infrastructure;

namespace SafeguardingPortal.Tests.Features.Home;

/// <summary>The preferences page's weekly-digest switch, over the real service and database.</summary>
public sealed class PreferencesPageTests : PortalBunitContext
{
    private async Task<IRenderedComponent<PreferencesPage>> RenderAsAsync(string role)
    {
        await UsePortalAsAsync(role, typeof(UserPreferencesService));
        var page = Render<PreferencesPage>();
        page.WaitForAssertion(() => Assert.Empty(page.FindAll(".mud-progress-linear")));
        return page;
    }

    private static AngleSharp.Dom.IElement Switch(IRenderedComponent<PreferencesPage> page)
    {
        var element = page.Find("[data-testid=digest-switch]");
        return element.TagName == "INPUT" ? element : element.QuerySelector("input")!;
    }

    private async Task<bool> DigestOffAsync()
    {
        await using var db = await PortalServices.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        return await db.UserPreferences.AnyAsync(p => p.UserKey == User.Id && p.WeeklyDigestOff);
    }

    [Fact]
    public async Task A_manager_turns_the_weekly_digest_off_and_on_again()
    {
        var page = await RenderAsAsync(PortalRoles.Manager);
        Assert.Contains("On: you will get the next one on Monday.", page.Find("[data-testid=digest-state]").TextContent, StringComparison.Ordinal);

        Switch(page).Change(false);

        page.WaitForAssertion(() => Assert.Contains("Off: you will not get the weekly digest.", page.Find("[data-testid=digest-state]").TextContent, StringComparison.Ordinal));
        await EventuallyAsync(DigestOffAsync, "the digest is saved as off");

        Switch(page).Change(true);

        page.WaitForAssertion(() => Assert.Contains("On:", page.Find("[data-testid=digest-state]").TextContent, StringComparison.Ordinal));
        await EventuallyAsync(async () => !await DigestOffAsync(), "the digest is saved as on");
    }

    [Fact]
    public async Task Staff_are_told_the_digest_is_for_leads_and_managers_and_get_no_switch()
    {
        var page = await RenderAsAsync(PortalRoles.Staff);

        Assert.Contains("Your account does not get one", page.Find("[data-testid=digest-not-offered]").TextContent, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("[data-testid=digest-switch]"));
    }
}
