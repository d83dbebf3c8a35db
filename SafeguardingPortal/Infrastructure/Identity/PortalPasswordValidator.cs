using Microsoft.AspNetCore.Identity;

namespace SafeguardingPortal.Infrastructure.Identity;

/// <summary>
/// Rejects passwords that are long enough but still easy to guess: well-known passwords, one
/// character repeated, and passwords that contain the person's own e-mail name. Length and
/// character rules come from <see cref="IdentityOptions.Password"/>.
/// </summary>
public sealed class PortalPasswordValidator : IPasswordValidator<PortalUser>
{
    private static readonly string[] CommonPasswords =
    [
        "password", "passw0rd", "letmein", "welcome", "qwerty", "123456", "12345678", "123456789",
        "1234567890", "iloveyou", "admin", "administrator", "football", "monkey", "dragon",
        "sunshine", "princess", "baseball", "trustno1", "safeguarding", "changeme", "abc123",
    ];

    public Task<IdentityResult> ValidateAsync(UserManager<PortalUser> manager, PortalUser user, string? password)
    {
        ArgumentNullException.ThrowIfNull(password);
        var errors = Check(password, user.Email, user.DisplayName)
            .Select(message => new IdentityError { Code = "WeakPassword", Description = message })
            .ToArray();
        return Task.FromResult(errors.Length == 0 ? IdentityResult.Success : IdentityResult.Failed(errors));
    }

    /// <summary>The reasons a password is weak, in plain English; empty when it is acceptable.</summary>
    public static IEnumerable<string> Check(string password, string? email, string? displayName)
    {
        var lowered = password.ToLowerInvariant();
        var stripped = new string(lowered.Where(char.IsLetterOrDigit).ToArray());

        if (password.Length > 0 && password.Distinct().Count() <= 2)
        {
            yield return "The password repeats the same one or two characters. Use a mix, such as three unrelated words.";
            yield break;
        }

        if (CommonPasswords.Any(common => stripped.Length > 0 && (stripped == common || StripTrailingDigits(stripped) == common)))
        {
            yield return "This password is one of the most commonly used and would be guessed quickly. Choose something less predictable.";
        }

        var localPart = email?.Split('@')[0].ToLowerInvariant();
        if (localPart is { Length: >= 3 } && lowered.Contains(localPart, StringComparison.Ordinal))
        {
            yield return "The password must not contain your e-mail name.";
        }

        foreach (var namePart in (displayName ?? "").ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (namePart.Length >= 3 && lowered.Contains(namePart, StringComparison.Ordinal))
            {
                yield return "The password must not contain your name.";
                yield break;
            }
        }
    }

    private static string StripTrailingDigits(string value) => value.TrimEnd('0', '1', '2', '3', '4', '5', '6', '7', '8', '9');
}
