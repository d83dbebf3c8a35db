using SafeguardingPortal.Infrastructure.Identity;

namespace SafeguardingPortal.Features.Recordings;

/// <summary>
/// The recording policy's rules: which sections it must have, what a complete section is, who may
/// approve a version, and the draft a new organisation starts from.
/// </summary>
public static class RecordingPolicyRules
{
    public const int SectionLength = 4000;
    public const int ResponsibleLength = 400;
    public const int MaxRetentionDays = 3650;
    public const int MaxAccessPeople = 20;

    /// <summary>Text the first-start draft puts in each section; a version that still holds it cannot be approved.</summary>
    public const string PromptMarker = "[To complete]";

    /// <summary>The roles a policy may name as able to see recordings (everyone but auditors, who see the register only).</summary>
    public static IReadOnlyList<string> AccessibleRoles { get; } = [PortalRoles.SafeguardingLead, PortalRoles.Administrator, PortalRoles.Manager, PortalRoles.Staff];

    /// <summary>The sections, in the order they are shown, with their label and what the writer is asked for.</summary>
    public static IReadOnlyList<(string Field, string Label, string Prompt)> Sections { get; } =
    [
        (nameof(RecordingPolicyModel.Purpose), "Why we record sessions",
            "Say the one specific reason your organisation records live online sessions, for example so that a concern raised during a session can be looked at again. Record nothing you do not need for that reason."),
        (nameof(RecordingPolicyModel.Uses), "What recordings are used for",
            "List what a recording may be used for (for example reviewing a safeguarding concern) and what it will never be used for (for example publicity, or sharing outside the organisation)."),
        (nameof(RecordingPolicyModel.Storage), "Where and how recordings are stored",
            "Name the one place recordings are kept (for example the organisation's cloud storage, in a folder only the people below can open), and how it is protected: two-step sign-in, no copies on personal devices, no downloads."),
        (nameof(RecordingPolicyModel.DisposalMethod), "How recordings are disposed of",
            "Describe how a recording is deleted so that it cannot be recovered: from the storage, its recycle bin and any shared links, and who checks it has gone."),
        (nameof(RecordingPolicyModel.AccessMethod), "How those allowed see a recording",
            "Say how someone allowed to see a recording does so (for example through a view-only link that expires), and that each viewing is written in the portal's access log with the reason."),
        (nameof(RecordingPolicyModel.ResponsibleForMaking), "Who is responsible for making recordings",
            "Name the role responsible for starting and stopping recordings, for example the member of staff hosting the session."),
        (nameof(RecordingPolicyModel.ResponsibleForStoring), "Who is responsible for storing them",
            "Name the role responsible for putting the recording in the storage above and entering it on the register."),
        (nameof(RecordingPolicyModel.ResponsibleForDisposing), "Who is responsible for disposing of them",
            "Name the role responsible for disposing of recordings when their time is up or consent is withdrawn, for example the safeguarding lead."),
    ];

    /// <summary>The draft a new organisation finds: every section asks for what it needs.</summary>
    public static RecordingPolicyModel DefaultDraft() => new()
    {
        Purpose = Prompt(nameof(RecordingPolicyModel.Purpose)),
        Uses = Prompt(nameof(RecordingPolicyModel.Uses)),
        Storage = Prompt(nameof(RecordingPolicyModel.Storage)),
        RetentionDays = 30,
        DisposalMethod = Prompt(nameof(RecordingPolicyModel.DisposalMethod)),
        AccessRoles = [PortalRoles.SafeguardingLead],
        AccessMethod = Prompt(nameof(RecordingPolicyModel.AccessMethod)),
        ResponsibleForMaking = Prompt(nameof(RecordingPolicyModel.ResponsibleForMaking)),
        ResponsibleForStoring = Prompt(nameof(RecordingPolicyModel.ResponsibleForStoring)),
        ResponsibleForDisposing = Prompt(nameof(RecordingPolicyModel.ResponsibleForDisposing)),
    };

    private static string Prompt(string field) => $"{PromptMarker} {Sections.First(s => s.Field == field).Prompt}";

    /// <summary>
    /// Checks a version. A draft may be saved half-written (sections still prompted); a version to be
    /// approved must have every section written in the organisation's own words.
    /// </summary>
    public static Dictionary<string, string> Validate(RecordingPolicyModel model, bool forApproval)
    {
        ArgumentNullException.ThrowIfNull(model);
        var errors = new Dictionary<string, string>();
        foreach (var (field, label, _) in Sections)
        {
            var text = Text(model, field).Trim();
            var max = field.StartsWith("ResponsibleFor", StringComparison.Ordinal) ? ResponsibleLength : SectionLength;
            if (text.Length == 0)
            {
                errors[field] = $"Fill in “{label}”.";
            }
            else if (text.Length > max)
            {
                errors[field] = $"“{label}” must be {max} characters or fewer.";
            }
            else if (forApproval && text.Contains(PromptMarker, StringComparison.OrdinalIgnoreCase))
            {
                errors[field] = $"“{label}” still holds the prompt: write it in your organisation's own words before approval.";
            }
        }

        if (model.RetentionDays is not { } days || days < 1 || days > MaxRetentionDays)
        {
            errors[nameof(model.RetentionDays)] = $"Give how many days recordings are kept: a whole number from 1 to {MaxRetentionDays}.";
        }

        if (model.AccessRoles.Any(r => !AccessibleRoles.Contains(r)))
        {
            errors[nameof(model.AccessRoles)] = "Choose roles from the list.";
        }
        else if (model.AccessRoles.Count == 0 && model.AccessPeople.Count == 0)
        {
            errors[nameof(model.AccessRoles)] = "Name at least one role or person who may see recordings.";
        }

        if (model.AccessPeople.Count > MaxAccessPeople)
        {
            errors[nameof(model.AccessPeople)] = $"Name at most {MaxAccessPeople} people; give the rest access through a role.";
        }

        return errors;
    }

    /// <summary>Why this person may not approve this version, or null when they may.</summary>
    public static string? CannotApprove(RecordingPolicyStatus status, IEnumerable<string> authorUserIds, string? userKey)
    {
        ArgumentNullException.ThrowIfNull(authorUserIds);
        if (status != RecordingPolicyStatus.Draft)
        {
            return status == RecordingPolicyStatus.Active ? "This version is already active." : "This version has been replaced by a later one and can no longer be approved.";
        }

        if (userKey is null)
        {
            return "Your account cannot be identified, so you cannot approve policies.";
        }

        return authorUserIds.Contains(userKey)
            ? "You wrote or changed this version, so another manager must approve it."
            : null;
    }

    public static string Text(RecordingPolicyModel model, string field)
    {
        ArgumentNullException.ThrowIfNull(model);
        return field switch
        {
            nameof(RecordingPolicyModel.Purpose) => model.Purpose,
            nameof(RecordingPolicyModel.Uses) => model.Uses,
            nameof(RecordingPolicyModel.Storage) => model.Storage,
            nameof(RecordingPolicyModel.DisposalMethod) => model.DisposalMethod,
            nameof(RecordingPolicyModel.AccessMethod) => model.AccessMethod,
            nameof(RecordingPolicyModel.ResponsibleForMaking) => model.ResponsibleForMaking,
            nameof(RecordingPolicyModel.ResponsibleForStoring) => model.ResponsibleForStoring,
            nameof(RecordingPolicyModel.ResponsibleForDisposing) => model.ResponsibleForDisposing,
            _ => throw new ArgumentOutOfRangeException(nameof(field), field, "Not a section of the policy."),
        };
    }

    public static void SetText(RecordingPolicyModel model, string field, string value)
    {
        ArgumentNullException.ThrowIfNull(model);
        switch (field)
        {
            case nameof(RecordingPolicyModel.Purpose): model.Purpose = value; break;
            case nameof(RecordingPolicyModel.Uses): model.Uses = value; break;
            case nameof(RecordingPolicyModel.Storage): model.Storage = value; break;
            case nameof(RecordingPolicyModel.DisposalMethod): model.DisposalMethod = value; break;
            case nameof(RecordingPolicyModel.AccessMethod): model.AccessMethod = value; break;
            case nameof(RecordingPolicyModel.ResponsibleForMaking): model.ResponsibleForMaking = value; break;
            case nameof(RecordingPolicyModel.ResponsibleForStoring): model.ResponsibleForStoring = value; break;
            case nameof(RecordingPolicyModel.ResponsibleForDisposing): model.ResponsibleForDisposing = value; break;
            default: throw new ArgumentOutOfRangeException(nameof(field), field, "Not a section of the policy.");
        }
    }

    public static List<string> SplitRoles(string roles) =>
        [.. roles.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(r => PortalRoles.All.Contains(r))];

    /// <summary>A role in plain words.</summary>
    public static string DescribeRole(string role) => role switch
    {
        PortalRoles.SafeguardingLead => "Safeguarding leads",
        PortalRoles.Administrator => "Administrators",
        PortalRoles.Manager => "Managers",
        PortalRoles.Staff => "Staff who host the session",
        _ => role,
    };

    public static string Describe(RecordingPolicyStatus status) => status switch
    {
        RecordingPolicyStatus.Active => "Active",
        RecordingPolicyStatus.Superseded => "Replaced",
        _ => "Draft",
    };

    /// <summary>
    /// The policy's terms as families and staff are shown them with a form that asks about recording:
    /// why sessions are recorded; how long recordings are kept and how they go; who can see them and how.
    /// </summary>
    public static (string Purpose, string KeptFor, string SeenBy) PlainTerms(RecordingPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var who = SplitRoles(policy.AccessRoles).Select(r => DescribeRole(r).ToLowerInvariant())
            .Concat(policy.AccessPeople.Where(a => a.StaffMember is not null).Select(a => a.StaffMember!.DisplayName).OrderBy(n => n, StringComparer.CurrentCulture))
            .ToList();
        var seenBy = who.Count switch
        {
            0 => "Nobody outside the people responsible for storing them.",
            1 => Capitalise(who[0]) + ".",
            _ => Capitalise(string.Join(", ", who.Take(who.Count - 1)) + " and " + who[^1] + "."),
        };
        if (!string.IsNullOrWhiteSpace(policy.AccessMethod))
        {
            seenBy += " " + policy.AccessMethod.Trim();
        }

        var method = policy.DisposalMethod.Trim().TrimEnd('.');
        var keptFor = $"Recordings are kept for {DescribeRetention(policy.RetentionDays)} after the session, then disposed of securely: {method}."
            + " If consent to recording is withdrawn or refused later, the safeguarding lead is given a task the same day to dispose securely of every recording that includes the person.";
        return (policy.Purpose.Trim(), keptFor, seenBy);
    }

    private static string Capitalise(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    /// <summary>"30 days", "1 day".</summary>
    public static string DescribeRetention(int days) => days == 1 ? "1 day" : $"{days} days";
}
