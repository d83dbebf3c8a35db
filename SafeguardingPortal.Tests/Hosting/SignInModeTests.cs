using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SafeguardingPortal.Hosting;
using SafeguardingPortal.Infrastructure.Audit;
using SafeguardingPortal.Infrastructure.Identity;
using SafeguardingPortal.Tests.Infrastructure;
using SafeguardingPortal.Tests.Infrastructure.Audit;

namespace SafeguardingPortal.Tests.Hosting;

/// <summary>Each sign-in mode is wired as configured. Nothing here calls Microsoft.</summary>
public sealed class SignInModeTests
{
    private static readonly Dictionary<string, string?> EntraSettings = new()
    {
        ["AzureAd:Instance"] = "https://login.microsoftonline.com/",
        ["AzureAd:TenantId"] = "11111111-2222-3333-4444-555555555555",
        ["AzureAd:ClientId"] = "66666666-7777-8888-9999-000000000000",
        ["AzureAd:ClientSecret"] = "not-a-real-secret",
        ["AzureAd:CallbackPath"] = "/signin-oidc",
    };

    [Fact]
    public async Task Without_an_Entra_client_id_the_portal_uses_local_accounts()
    {
        await using var factory = new PortalAppFactory();
        var schemes = factory.Services.GetRequiredService<IAuthenticationSchemeProvider>();

        Assert.False(factory.Services.GetRequiredService<PortalSignInMode>().UsesEntraId);
        Assert.Equal(IdentityConstants.ApplicationScheme, (await schemes.GetDefaultChallengeSchemeAsync())?.Name);
        Assert.Null(await schemes.GetSchemeAsync(OpenIdConnectDefaults.AuthenticationScheme));
        Assert.Equal(HttpStatusCode.OK, (await factory.CreateBrowserlessClient().GetAsync("/setup")).StatusCode);
    }

    [Fact]
    public async Task With_an_Entra_client_id_the_portal_signs_in_with_Entra_ID_and_maps_app_roles()
    {
        await using var factory = new PortalAppFactory(EntraSettings);
        var services = factory.Services;
        var schemes = services.GetRequiredService<IAuthenticationSchemeProvider>();

        Assert.True(services.GetRequiredService<PortalSignInMode>().UsesEntraId);
        Assert.Equal(OpenIdConnectDefaults.AuthenticationScheme, (await schemes.GetDefaultChallengeSchemeAsync())?.Name);

        var oidc = services.GetRequiredService<IOptionsMonitor<OpenIdConnectOptions>>().Get(OpenIdConnectDefaults.AuthenticationScheme);
        Assert.Equal(EntraSettings["AzureAd:ClientId"], oidc.ClientId);
        Assert.Contains(EntraSettings["AzureAd:TenantId"]!, oidc.Authority, StringComparison.Ordinal);
        Assert.False(oidc.MapInboundClaims);
        Assert.Equal("roles", oidc.TokenValidationParameters.RoleClaimType);

        // The app roles in a token become the portal's roles; other app roles grant nothing.
        var transformation = Assert.IsType<EntraRoleClaimsTransformation>(services.GetRequiredService<IClaimsTransformation>());
        var token = new ClaimsIdentity(
            [new Claim("name", "Sam Jones"), new Claim("roles", "safeguardinglead"), new Claim("roles", "Finance.Approver")],
            "AuthenticationTypes.Federation", "name", "roles");
        var principal = await transformation.TransformAsync(new ClaimsPrincipal(token));
        Assert.True(principal.IsInRole(PortalRoles.SafeguardingLead));
        Assert.False(principal.IsInRole(PortalRoles.Administrator));

        var policies = services.GetRequiredService<IAuthorizationService>();
        Assert.True((await policies.AuthorizeAsync(principal, PortalPolicies.CanManageConsent)).Succeeded);
        Assert.False((await policies.AuthorizeAsync(principal, PortalPolicies.CanManageUsers)).Succeeded);

        // An Entra sign-in is written to the audit trail with the person's object id.
        await using (var scope = services.CreateAsyncScope())
        {
            var http = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
            http.Connection.RemoteIpAddress = System.Net.IPAddress.Parse("192.0.2.44");
            var signedIn = new ClaimsPrincipal(new ClaimsIdentity(
                [new Claim("name", "Sam Jones"), new Claim("oid", "entra-object-id-1")], "AuthenticationTypes.Federation", "name", "roles"));
            var scheme = await schemes.GetSchemeAsync(OpenIdConnectDefaults.AuthenticationScheme);
            await oidc.Events.TokenValidated(new TokenValidatedContext(http, scheme!, oidc, signedIn, new AuthenticationProperties()));
        }

        var signIn = Assert.Single(await factory.EventsAsync(), e => e.Action == AuditActions.SignedIn);
        Assert.Equal("entra-object-id-1", signIn.ActorKey);
        Assert.Equal("Sam Jones signed in with Microsoft Entra ID", signIn.Summary);
        Assert.Equal("192.0.2.44", signIn.IpAddress);

        // There is no local first-run setup with Entra ID.
        Assert.Equal(HttpStatusCode.NotFound, (await factory.CreateBrowserlessClient().GetAsync("/setup")).StatusCode);
    }
}
