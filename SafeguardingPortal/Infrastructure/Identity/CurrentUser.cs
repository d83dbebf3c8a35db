using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using SafeguardingPortal.Infrastructure.Audit;

namespace SafeguardingPortal.Infrastructure.Identity;

/// <summary>
/// The signed-in user as a service sees them, and the authorisation check every service makes
/// before it reads personal data or changes anything. Inside a circuit the user comes from the
/// circuit's authentication state; in a plain request (static page or endpoint) from the request.
/// </summary>
public sealed class CurrentUser(
    AuthenticationStateProvider authenticationStateProvider,
    IHttpContextAccessor httpContextAccessor,
    IAuthorizationService authorizationService,
    IServiceProvider services)
{
    public async Task<ClaimsPrincipal> GetPrincipalAsync()
    {
        try
        {
            var state = await authenticationStateProvider.GetAuthenticationStateAsync();
            return state.User;
        }
        catch (InvalidOperationException)
        {
            // Outside a component render (minimal endpoints) the provider has no state; the request has.
            return httpContextAccessor.HttpContext?.User ?? new ClaimsPrincipal(new ClaimsIdentity());
        }
    }

    public async Task<string?> GetUserKeyAsync()
    {
        var principal = await GetPrincipalAsync();
        return UserKeyOf(principal);
    }

    public static string? UserKeyOf(ClaimsPrincipal principal) =>
        principal.Identity?.IsAuthenticated == true
            ? principal.FindFirstValue(ClaimTypes.NameIdentifier)
              ?? principal.FindFirstValue("http://schemas.microsoft.com/identity/claims/objectidentifier")
              ?? principal.FindFirstValue("oid")
            : null;

    public async Task<bool> IsAllowedAsync(string policy)
    {
        var principal = await GetPrincipalAsync();
        var result = await authorizationService.AuthorizeAsync(principal, policy);
        return result.Succeeded;
    }

    /// <summary>Throws <see cref="PortalAccessDeniedException"/> unless the current user satisfies the policy.</summary>
    public async Task<ClaimsPrincipal> DemandAsync(string policy, string whatWasAttempted)
    {
        var principal = await GetPrincipalAsync();
        var result = await authorizationService.AuthorizeAsync(principal, policy);
        if (!result.Succeeded)
        {
            // Resolved here, not injected: the audit trail's own services depend on this class.
            await services.GetRequiredService<AuditTrail>().RecordAsync(
                AuditActions.AccessDenied, $"Refused by the service: {whatWasAttempted} (needs {policy})");
            throw new PortalAccessDeniedException($"You do not have permission to {whatWasAttempted}.");
        }

        return principal;
    }
}
