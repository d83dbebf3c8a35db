using System.Net;
using Microsoft.Extensions.DependencyInjection;
using SafeguardingPortal.Features.Users;
using SafeguardingPortal.Infrastructure.Identity;
using SafeguardingPortal.Tests.Infrastructure;

namespace SafeguardingPortal.Tests.Hosting;

/// <summary>Who reaches which page, through the real pipeline with real sign-in cookies.</summary>
[Collection(SharedPortalCollection.Name)]
public sealed class AccessTests(SharedPortal portal)
{
    [Theory]
    [InlineData("/")]
    [InlineData("/admin/users")]
    [InlineData("/admin/settings")]
    [InlineData("/Account/ChangePassword")]
    public async Task Anonymous_users_are_sent_to_sign_in(string path)
    {
        var client = portal.Factory.CreateBrowserlessClient();

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.RedirectTarget() ?? "";
        Assert.StartsWith("/Account/Login?ReturnUrl=", location, StringComparison.Ordinal);
        Assert.EndsWith(Uri.EscapeDataString(path), location, StringComparison.Ordinal);
    }

    public static TheoryData<string, string, bool> PageAccess()
    {
        var data = new TheoryData<string, string, bool>();
        foreach (var role in PortalRoles.All)
        {
            data.Add("/", role, true);
            data.Add("/admin/users", role, role == PortalRoles.Administrator);
            data.Add("/admin/settings", role, role == PortalRoles.Administrator);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(PageAccess))]
    public async Task Each_page_admits_only_the_roles_it_should(string path, string role, bool allowed)
    {
        var client = portal.Factory.CreateBrowserlessClient();
        var signIn = await client.SignInAsync(SharedPortal.EmailFor(role));
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);

        var response = await client.GetAsync(path);

        if (allowed)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        else
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/Account/AccessDenied", response.RedirectTarget(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_wrong_password_is_refused_with_a_clear_message()
    {
        var client = portal.Factory.CreateBrowserlessClient();

        var response = await client.SignInAsync(SharedPortal.EmailFor(PortalRoles.Staff), "not the right password at all");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("The e-mail address or password is not right.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task Repeated_failed_sign_ins_lock_the_account()
    {
        var user = await portal.Factory.CreateUserAsync("lockout@example.org", "Lockout Test", PortalRoles.Staff);
        var client = portal.Factory.CreateBrowserlessClient();

        for (var attempt = 1; attempt < 5; attempt++)
        {
            var failed = await client.SignInAsync(user.Email!, "not the right password at all");
            Assert.Equal(HttpStatusCode.OK, failed.StatusCode);
        }

        var fifth = await client.SignInAsync(user.Email!, "not the right password at all");
        Assert.Equal("/Account/Lockout", fifth.RedirectTarget());

        // Even the right password is refused while locked out.
        var rightPassword = await client.SignInAsync(user.Email!);
        Assert.Equal("/Account/Lockout", rightPassword.RedirectTarget());
    }

    [Fact]
    public async Task A_disabled_user_cannot_sign_in_and_an_open_session_loses_access_within_a_minute()
    {
        var user = await portal.Factory.CreateUserAsync("disabled@example.org", "Disabled Test", PortalRoles.Staff);
        var client = portal.Factory.CreateBrowserlessClient();
        await client.SignInAsync(user.Email!);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);

        await using (var scope = await portal.Factory.ScopeForAsync(portal.Administrator))
        {
            await scope.ServiceProvider.GetRequiredService<UserAdministrationService>().SetDisabledAsync(user.Id, disabled: true);
        }

        portal.Factory.SignInClock.Advance(TimeSpan.FromSeconds(61));
        var afterDisable = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, afterDisable.StatusCode);
        Assert.StartsWith("/Account/Login", afterDisable.RedirectTarget(), StringComparison.Ordinal);

        var signInAgain = await portal.Factory.CreateBrowserlessClient().SignInAsync(user.Email!);
        Assert.Equal(HttpStatusCode.OK, signInAgain.StatusCode);
        Assert.Contains("This account has been disabled.", await signInAgain.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // Only someone who knows the password learns that the account is disabled.
        var guess = await portal.Factory.CreateBrowserlessClient().SignInAsync(user.Email!, "a guess at the password");
        var guessPage = await guess.Content.ReadAsStringAsync();
        Assert.DoesNotContain("This account has been disabled", guessPage, StringComparison.Ordinal);
        Assert.Contains("The e-mail address or password is not right.", guessPage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sign_out_ends_the_session()
    {
        var client = portal.Factory.CreateBrowserlessClient();
        await client.SignInAsync(SharedPortal.EmailFor(PortalRoles.Auditor));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);

        // Any page's antiforgery token will do: it belongs to the user, not to one form.
        var signOut = await client.PostFormAsync("/Account/ChangePassword", "", new Dictionary<string, string> { ["ReturnUrl"] = "" }, actionUrl: "/Account/Logout");

        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.Equal("/Account/Login?signedOut=true", signOut.RedirectTarget());
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/")).StatusCode);
    }
}
