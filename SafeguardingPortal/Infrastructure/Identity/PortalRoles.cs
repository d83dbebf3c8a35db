namespace SafeguardingPortal.Infrastructure.Identity;

/// <summary>The portal's roles. Entra ID app roles use the same values.</summary>
public static class PortalRoles
{
    public const string Administrator = nameof(Administrator);
    public const string SafeguardingLead = nameof(SafeguardingLead);
    public const string Manager = nameof(Manager);
    public const string Staff = nameof(Staff);
    public const string Auditor = nameof(Auditor);

    public static IReadOnlyList<string> All { get; } = [Administrator, SafeguardingLead, Manager, Staff, Auditor];

    public static string Describe(string role) => role switch
    {
        Administrator => "Manages users, roles and organisation settings",
        SafeguardingLead => "Owns consent, the registers and the recording policy",
        Manager => "Senior manager: decides device requests, approves accounts and policies",
        Staff => "Staff member or volunteer",
        Auditor => "Read-only access for auditors and trustees",
        _ => role,
    };

    public static string DisplayName(string role) => role switch
    {
        SafeguardingLead => "Safeguarding lead",
        _ => role,
    };

    /// <summary>Returns the canonical spelling of a role name, or null when it is not one of the portal's roles.</summary>
    public static string? Canonical(string? value) =>
        All.FirstOrDefault(r => string.Equals(r, value?.Trim(), StringComparison.OrdinalIgnoreCase));
}
