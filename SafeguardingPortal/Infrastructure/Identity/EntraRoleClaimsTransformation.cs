using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;

namespace SafeguardingPortal.Infrastructure.Identity;

/// <summary>
/// Maps Entra ID app roles (the token's "roles" claim) to the portal's roles. App role values are
/// matched to the portal's role names without regard to case; values that are not portal roles are
/// ignored, so a tenant's other app roles grant nothing here.
/// </summary>
public sealed class EntraRoleClaimsTransformation : IClaimsTransformation
{
    public const string AppRolesClaimType = "roles";

    public Task<ClaimsPrincipal> TransformAsync(ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        if (principal.Identity is not ClaimsIdentity { IsAuthenticated: true } identity)
        {
            return Task.FromResult(principal);
        }

        var mapped = identity.FindAll(AppRolesClaimType)
            .Select(c => PortalRoles.Canonical(c.Value))
            .OfType<string>()
            .Where(role => !identity.HasClaim(identity.RoleClaimType, role))
            .Distinct()
            .ToList();

        if (mapped.Count == 0)
        {
            return Task.FromResult(principal);
        }

        // Work on a copy: the transformation may run more than once per request.
        var copy = principal.Clone();
        var copyIdentity = (ClaimsIdentity)copy.Identity!;
        foreach (var role in mapped)
        {
            copyIdentity.AddClaim(new Claim(copyIdentity.RoleClaimType, role));
        }

        return Task.FromResult(copy);
    }
}
