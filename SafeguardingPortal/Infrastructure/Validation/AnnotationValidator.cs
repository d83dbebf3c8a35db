using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;

namespace SafeguardingPortal.Infrastructure.Validation;

/// <summary>Runs a form model's data annotations inside a service, so the rules the form shows are enforced again there.</summary>
public static class AnnotationValidator
{
    public static void ThrowIfInvalid(object model)
    {
        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(model, new ValidationContext(model), results, validateAllProperties: true))
        {
            throw new PortalValidationException(results
                .GroupBy(r => r.MemberNames.FirstOrDefault() ?? "")
                .ToDictionary(g => g.Key, g => g.First().ErrorMessage ?? "This value is not valid."));
        }
    }

    /// <summary>Identity's errors keyed to the form fields "Password" and "Email" (others to the form as a whole).</summary>
    public static Dictionary<string, string> ByField(IdentityResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var errors = new Dictionary<string, string>();
        foreach (var error in result.Errors)
        {
            var field = error.Code switch
            {
                _ when error.Code.StartsWith("Password", StringComparison.Ordinal) || error.Code == "WeakPassword" => "Password",
                _ when error.Code.Contains("Email", StringComparison.Ordinal) || error.Code.Contains("UserName", StringComparison.Ordinal) => "Email",
                _ => "",
            };
            errors[field] = errors.TryGetValue(field, out var existing) ? $"{existing} {error.Description}" : error.Description;
        }

        return errors;
    }
}
