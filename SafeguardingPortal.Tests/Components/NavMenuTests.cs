using System.Security.Claims;
using Bunit;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MudBlazor.Services;
using SafeguardingPortal.Components.Layout;
using SafeguardingPortal.Hosting;
using SafeguardingPortal.Infrastructure.Email;
using SafeguardingPortal.Infrastructure.Identity;

namespace SafeguardingPortal.Tests.Components;

/// <summary>The drawer shows each user only what their roles may use, evaluated with the real policies.</summary>
public sealed class NavMenuTests : BunitContext
{
    private void UseServices(bool entraId = false, string smtpHost = "")
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        // The real policies and evaluator, in place of bUnit's stand-in.
        Services.AddAuthorizationCore(PortalPolicies.Configure);
        Services.AddSingleton<IAuthorizationPolicyProvider, DefaultAuthorizationPolicyProvider>();
        Services.AddSingleton<IAuthorizationService, DefaultAuthorizationService>();
        Services.AddSingleton(new PortalSignInMode(entraId));
        Services.AddSingleton(Options.Create(new EmailOptions { Smtp = new SmtpOptions { Host = smtpHost } }));
    }

    private List<string> LinksFor(params string[] roles)
    {
        var claims = new List<Claim> { new(ClaimTypes.Name, "someone@example.org") };
        claims.AddRange(roles.Select(r => new Claim(ClaimTypes.Role, r)));
        var state = Task.FromResult(new AuthenticationState(new ClaimsPrincipal(new ClaimsIdentity(claims, "Test"))));

        var cut = Render<NavMenu>(p => p.AddCascadingValue(state));

        return cut.FindAll("a").Select(a => a.GetAttribute("href") ?? "").ToList();
    }

    [Theory]
    [InlineData(PortalRoles.SafeguardingLead, new[] { "/", "/children", "/families", "/staff", "/activities", "/consent/templates", "/consent/awaiting", "/consent/withdrawals", "/social-accounts", "/social-accounts/declarations", "/devices", "/recordings", "/recordings/disposals", "/recordings/agreements", "/recordings/policy", "/audit", "/admin/jobs" })]
    [InlineData(PortalRoles.Manager, new[] { "/", "/children", "/families", "/staff", "/activities", "/social-accounts", "/social-accounts/declarations", "/devices", "/recordings/policy" })]
    [InlineData(PortalRoles.Staff, new[] { "/", "/children", "/activities", "/social-accounts", "/social-accounts/declarations", "/devices", "/recordings", "/recordings/agreements", "/recordings/policy" })]
    [InlineData(PortalRoles.Auditor, new[] { "/", "/children", "/families", "/staff", "/activities", "/social-accounts", "/social-accounts/declarations", "/devices", "/recordings", "/recordings/disposals", "/recordings/agreements", "/recordings/policy", "/audit" })]
    public void People_see_only_the_entries_their_roles_allow(string role, string[] expected)
    {
        UseServices();

        var links = LinksFor(role);

        Assert.Equal(expected, links);
    }

    [Fact]
    public void Administrators_see_the_audit_trail_users_and_settings()
    {
        UseServices();

        var links = LinksFor(PortalRoles.Administrator);

        Assert.Equal(["/", "/children", "/families", "/staff", "/activities", "/consent/templates", "/consent/awaiting", "/consent/withdrawals", "/social-accounts", "/social-accounts/declarations", "/devices", "/recordings", "/recordings/agreements", "/recordings/policy", "/audit", "/admin/jobs", "/admin/users", "/admin/platforms", "/admin/settings", "/admin/outbox"], links);
    }

    [Fact]
    public void With_an_SMTP_server_the_outbox_is_not_offered_because_mail_is_sent()
    {
        UseServices(smtpHost: "mail.example.org");

        var links = LinksFor(PortalRoles.Administrator);

        Assert.Equal(["/", "/children", "/families", "/staff", "/activities", "/consent/templates", "/consent/awaiting", "/consent/withdrawals", "/social-accounts", "/social-accounts/declarations", "/devices", "/recordings", "/recordings/agreements", "/recordings/policy", "/audit", "/admin/jobs", "/admin/users", "/admin/platforms", "/admin/settings"], links);
    }

    [Fact]
    public void The_administration_group_is_headed_and_absent_when_empty()
    {
        UseServices();
        var claims = new ClaimsIdentity([new Claim(ClaimTypes.Name, "a"), new Claim(ClaimTypes.Role, PortalRoles.Administrator)], "Test");

        var admin = Render<NavMenu>(p => p.AddCascadingValue(Task.FromResult(new AuthenticationState(new ClaimsPrincipal(claims)))));
        var staff = Render<NavMenu>(p => p.AddCascadingValue(Task.FromResult(new AuthenticationState(
            new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "s"), new Claim(ClaimTypes.Role, PortalRoles.Staff)], "Test"))))));

        Assert.Contains("Administration", admin.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("Administration", staff.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void With_Entra_ID_user_management_is_not_offered_because_the_tenant_owns_it()
    {
        UseServices(entraId: true);

        var links = LinksFor(PortalRoles.Administrator);

        Assert.Equal(["/", "/children", "/families", "/staff", "/activities", "/consent/templates", "/consent/awaiting", "/consent/withdrawals", "/social-accounts", "/social-accounts/declarations", "/devices", "/recordings", "/recordings/agreements", "/recordings/policy", "/audit", "/admin/jobs", "/admin/platforms", "/admin/settings", "/admin/outbox"], links);
    }

    [Fact]
    public void An_anonymous_visitor_sees_nothing()
    {
        UseServices();
        var anonymous = Task.FromResult(new AuthenticationState(new ClaimsPrincipal(new ClaimsIdentity())));

        var cut = Render<NavMenu>(p => p.AddCascadingValue(anonymous));

        Assert.Empty(cut.FindAll("a"));
    }
}
