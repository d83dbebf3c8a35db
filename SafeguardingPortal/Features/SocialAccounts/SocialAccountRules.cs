using SafeguardingPortal.Features.Settings;

namespace SafeguardingPortal.Features.SocialAccounts;

/// <summary>What the safety checklist confirms, as the manager ticks it.</summary>
public sealed class SafetyChecklist
{
    public bool OwnedByOrganisation { get; set; }

    public bool PrivacySettingsOn { get; set; }

    public bool TwoFactorOn { get; set; }

    public bool RecoveryEmailIsOrganisational { get; set; }

    public StrangerMessages StrangerMessages { get; set; }

    public string AgeJustification { get; set; } = "";

    /// <summary>At a review: the reviewer has checked who has access and removed anyone who no longer needs it.</summary>
    public bool AccessConfirmed { get; set; }
}

/// <summary>The rules an account must meet before it is authorised, and again at every review.</summary>
public static class SocialAccountRules
{
    public const int DefaultReviewCycleMonths = 6;

    private static readonly HashSet<string> PersonalMailDomains = new(StringComparer.OrdinalIgnoreCase)
    {
        "gmail.com", "googlemail.com", "hotmail.com", "hotmail.co.uk", "outlook.com", "live.com", "live.co.uk", "msn.com",
        "yahoo.com", "yahoo.co.uk", "icloud.com", "me.com", "aol.com", "btinternet.com", "sky.com", "virginmedia.com", "protonmail.com", "proton.me",
    };

    /// <summary>A recovery address at a webmail provider belongs to a person, not the organisation.</summary>
    public static bool LooksPersonal(string email)
    {
        var at = email.LastIndexOf('@');
        return at >= 0 && PersonalMailDomains.Contains(email[(at + 1)..].Trim());
    }

    /// <summary>
    /// The warning when an activity the account serves admits children younger than the platform
    /// allows; null when every activity is compatible.
    /// </summary>
    public static string? AgeWarning(string platform, int platformMinimumAge, IEnumerable<(string Title, int MinimumAge)> activities)
    {
        var tooYoung = activities.Where(a => a.MinimumAge < platformMinimumAge).ToList();
        return tooYoung.Count == 0
            ? null
            : $"{platform} is for people aged {platformMinimumAge} and over, but {string.Join(", ", tooYoung.Select(a => $"“{a.Title}” admits children from {a.MinimumAge}"))}.";
    }

    /// <summary>Everything that stops the account being authorised (or passing review); empty when it may be.</summary>
    public static IReadOnlyList<string> Problems(SafetyChecklist checklist, string recoveryEmail, string? ageWarning)
    {
        ArgumentNullException.ThrowIfNull(checklist);
        var problems = new List<string>();
        if (!checklist.OwnedByOrganisation)
        {
            problems.Add("A personal account can never be authorised: confirm the organisation owns this account.");
        }

        if (!checklist.PrivacySettingsOn)
        {
            problems.Add("Confirm the account's privacy settings are turned on.");
        }

        if (!checklist.TwoFactorOn)
        {
            problems.Add("Confirm two-factor authentication is turned on.");
        }

        if (!checklist.RecoveryEmailIsOrganisational)
        {
            problems.Add("Confirm the recovery e-mail address belongs to the organisation.");
        }
        else if (!OrganisationSettingsValidator.IsEmail(recoveryEmail))
        {
            problems.Add("The account has no valid recovery e-mail address.");
        }
        else if (LooksPersonal(recoveryEmail))
        {
            problems.Add($"{recoveryEmail} is a personal webmail address: use an organisational one for recovery.");
        }

        if (checklist.StrangerMessages == StrangerMessages.NotConfirmed)
        {
            problems.Add("Confirm that direct messages from strangers are restricted, or that the platform does not allow restricting them.");
        }

        if (ageWarning is not null && string.IsNullOrWhiteSpace(checklist.AgeJustification))
        {
            problems.Add($"{ageWarning} Record why the account may still be used, or change the activities it serves.");
        }

        return problems;
    }

    public static DateOnly NextReview(DateOnly from, int cycleMonths) => from.AddMonths(cycleMonths is < 1 or > 24 ? DefaultReviewCycleMonths : cycleMonths);

    public static bool IsReviewOverdue(SocialAccountStatus status, DateOnly? nextReviewDue, DateOnly today) =>
        status == SocialAccountStatus.Authorised && nextReviewDue is { } due && due < today;

    /// <summary>Staff declare once a year; someone who never declared, or last did more than a year ago, is due.</summary>
    public static bool IsDeclarationDue(DateOnly? lastDeclared, DateOnly today) =>
        lastDeclared is not { } last || last.AddYears(1) <= today;
}
