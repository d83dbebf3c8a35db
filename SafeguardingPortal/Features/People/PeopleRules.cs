using System.Text.RegularExpressions;
using SafeguardingPortal.Features.Settings;

namespace SafeguardingPortal.Features.People;

/// <summary>Plain-English checks shared by the people and activity forms; each returns errors keyed by field.</summary>
public static partial class PeopleRules
{
    /// <summary>The oldest a child on the register may be: young adults up to 25 with additional needs are in scope.</summary>
    public const int OldestChildAge = 25;

    public static void RequireName(Dictionary<string, string> errors, string field, string? value, string label)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors[field] = $"Enter the {label}.";
        }
        else if (value.Trim().Length > 100)
        {
            errors[field] = $"The {label} must be 100 characters or fewer.";
        }
    }

    public static void OptionalEmail(Dictionary<string, string> errors, string field, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value) && !OrganisationSettingsValidator.IsEmail(value.Trim()))
        {
            errors[field] = "Enter an e-mail address in the form name@example.org.";
        }
    }

    public static void OptionalPhone(Dictionary<string, string> errors, string field, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value) && !PhonePattern().IsMatch(value.Trim()))
        {
            errors[field] = "Enter a telephone number using digits, spaces and an optional leading +, like 07700 900123.";
        }
    }

    public static void ChildDateOfBirth(Dictionary<string, string> errors, string field, DateOnly? dateOfBirth, DateOnly today)
    {
        if (dateOfBirth is not { } dob)
        {
            errors[field] = "Enter the child's date of birth.";
        }
        else if (dob > today)
        {
            errors[field] = "The date of birth cannot be in the future.";
        }
        else if (UkCalendar.AgeOn(dob, today) > OldestChildAge)
        {
            errors[field] = $"That would make the child {UkCalendar.AgeOn(dob, today)}. Check the year: the register is for children and young people up to {OldestChildAge}.";
        }
    }

    public static void MaxLength(Dictionary<string, string> errors, string field, string? value, int max, string label)
    {
        if (value is not null && value.Trim().Length > max)
        {
            errors[field] = $"The {label} must be {max} characters or fewer.";
        }
    }

    [GeneratedRegex(@"^\+?[0-9][0-9 ()\-]{5,24}$")]
    private static partial Regex PhonePattern();
}
