using Microsoft.AspNetCore.Identity;

namespace SafeguardingPortal.Infrastructure.Identity;

/// <summary>A person who signs in to the portal with a local account.</summary>
public sealed class PortalUser : IdentityUser
{
    public string DisplayName { get; set; } = "";

    /// <summary>A disabled user cannot sign in, and an open session loses access at its next revalidation.</summary>
    public bool IsDisabled { get; set; }

    public DateTimeOffset CreatedAtUtc { get; set; }
}
