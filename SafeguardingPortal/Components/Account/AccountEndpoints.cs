using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using SafeguardingPortal.Hosting;
using SafeguardingPortal.Infrastructure.Identity;

namespace SafeguardingPortal.Components.Account;

internal static class AccountEndpoints
{
    /// <summary>Sign-out (a form post, protected by antiforgery) and, with Entra ID, the sign-in challenge.</summary>
    public static IEndpointConventionBuilder MapPortalAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var account = endpoints.MapGroup("/Account");

        account.MapPost("/Logout", async (
            HttpContext context,
            [FromServices] PortalSignInMode mode,
            [FromServices] SignInManager<PortalUser> signInManager,
            [FromForm(Name = "ReturnUrl")] string? returnUrl) =>
        {
            if (mode.UsesEntraId)
            {
                var properties = new AuthenticationProperties { RedirectUri = "/" };
                return Results.SignOut(properties, [CookieAuthenticationDefaults.AuthenticationScheme, OpenIdConnectDefaults.AuthenticationScheme]);
            }

            await signInManager.SignOutAsync();
            return Results.LocalRedirect(string.IsNullOrEmpty(returnUrl) ? "/Account/Login?signedOut=true" : IdentityRedirectManager.SafeLocalPath(returnUrl));
        });

        account.MapGet("/Challenge", ([FromServices] PortalSignInMode mode, [FromQuery(Name = "ReturnUrl")] string? returnUrl) =>
            mode.UsesEntraId
                ? Results.Challenge(new AuthenticationProperties { RedirectUri = IdentityRedirectManager.SafeLocalPath(returnUrl) }, [OpenIdConnectDefaults.AuthenticationScheme])
                : Results.NotFound());

        return account;
    }
}
