using System.ComponentModel.DataAnnotations;

namespace SafeguardingPortal.Features.Users;

/// <summary>One row of the users list.</summary>
public sealed record UserSummary(
    string Id,
    string DisplayName,
    string Email,
    IReadOnlyList<string> Roles,
    bool IsDisabled,
    bool IsLockedOut,
    DateTimeOffset CreatedAtUtc);

/// <summary>A new local account, created by an administrator.</summary>
public sealed class NewUserModel
{
    [Required(ErrorMessage = "Enter the person's full name.")]
    [StringLength(200, ErrorMessage = "The name must be 200 characters or fewer.")]
    public string DisplayName { get; set; } = "";

    [Required(ErrorMessage = "Enter the person's work e-mail address.")]
    [EmailAddress(ErrorMessage = "Enter an e-mail address in the form name@example.org.")]
    [StringLength(254, ErrorMessage = "The e-mail address must be 254 characters or fewer.")]
    public string Email { get; set; } = "";

    [Required(ErrorMessage = "Choose a first password for them to sign in with.")]
    [StringLength(128, ErrorMessage = "The password must be 128 characters or fewer.")]
    public string Password { get; set; } = "";

    public HashSet<string> Roles { get; set; } = [];
}
