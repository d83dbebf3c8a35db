using System.ComponentModel.DataAnnotations;

namespace SafeguardingPortal.Features.Setup;

/// <summary>The first administrator's details, entered on /setup.</summary>
public sealed class SetupModel
{
    [Required(ErrorMessage = "Enter your full name.")]
    [StringLength(200, ErrorMessage = "Your name must be 200 characters or fewer.")]
    public string DisplayName { get; set; } = "";

    [Required(ErrorMessage = "Enter your work e-mail address.")]
    [EmailAddress(ErrorMessage = "Enter an e-mail address in the form name@example.org.")]
    [StringLength(254, ErrorMessage = "The e-mail address must be 254 characters or fewer.")]
    public string Email { get; set; } = "";

    [Required(ErrorMessage = "Choose a password.")]
    [StringLength(128, ErrorMessage = "The password must be 128 characters or fewer.")]
    public string Password { get; set; } = "";

    [Required(ErrorMessage = "Type the password again.")]
    [Compare(nameof(Password), ErrorMessage = "The two passwords do not match.")]
    public string ConfirmPassword { get; set; } = "";

    [Required(ErrorMessage = "Enter your organisation's name.")]
    [StringLength(200, ErrorMessage = "The organisation's name must be 200 characters or fewer.")]
    public string OrganisationName { get; set; } = "";
}
