using System.Net.Mail;
using System.Text.RegularExpressions;

namespace SafeguardingPortal.Features.Settings;

/// <summary>The rules for organisation settings; the form shows them next to each field and the service enforces them.</summary>
public static partial class OrganisationSettingsValidator
{
    public const int NameMaxLength = 200;

    public static IReadOnlyDictionary<string, string> Validate(OrganisationSettingsModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var errors = new Dictionary<string, string>();

        if (string.IsNullOrWhiteSpace(model.Name))
        {
            errors[nameof(model.Name)] = "Enter the organisation's name.";
        }
        else if (model.Name.Trim().Length > NameMaxLength)
        {
            errors[nameof(model.Name)] = $"The organisation's name must be {NameMaxLength} characters or fewer.";
        }

        if (model.SafeguardingLeadName.Trim().Length > 200)
        {
            errors[nameof(model.SafeguardingLeadName)] = "The name must be 200 characters or fewer.";
        }

        if (!string.IsNullOrWhiteSpace(model.SafeguardingLeadEmail) && !IsEmail(model.SafeguardingLeadEmail.Trim()))
        {
            errors[nameof(model.SafeguardingLeadEmail)] = "Enter an e-mail address in the form name@example.org.";
        }

        if (!string.IsNullOrWhiteSpace(model.SafeguardingLeadPhone) && !PhonePattern().IsMatch(model.SafeguardingLeadPhone.Trim()))
        {
            errors[nameof(model.SafeguardingLeadPhone)] = "Enter a telephone number using digits, spaces and an optional leading +, like 020 7946 0000.";
        }

        return errors;
    }

    public static bool IsEmail(string value) =>
        value.Length <= 254
        && MailAddress.TryCreate(value, out var address)
        && address.Address == value
        && address.Host.Contains('.', StringComparison.Ordinal);

    [GeneratedRegex(@"^\+?[0-9][0-9 ()\-]{5,24}$")]
    private static partial Regex PhonePattern();
}
