using System.Text.RegularExpressions;
using SafeguardingPortal.Features.People;

namespace SafeguardingPortal.Features.Devices;

/// <summary>
/// The rules of personal-device authorisations, in one place: what a request and a decision must say,
/// who may decide, and where an authorisation stands on a given day (derived from its dates, never
/// only from what a job last wrote).
/// </summary>
public static partial class DeviceAuthorisationRules
{
    public const int DescriptionLength = 200;
    public const int TextLength = 1000;
    public const int ConditionsLength = 2000;
    public const int ViewerNameLength = 120;
    public const int ViewerHowLength = 200;
    public const int MaxViewers = 10;

    /// <summary>Authorisations are case by case and short: at most a year at a time, then reviewed and renewed.</summary>
    public const int LongestMonths = 12;

    /// <summary>How long before the review date the person and the requester are reminded.</summary>
    public const int ReviewNoticeDays = 14;

    /// <summary>How far ahead the register looks for authorisations ending (<c>?expiring=30</c>) unless a link says otherwise.</summary>
    public const int ExpiringSoonDays = 30;

    /// <summary>An "ending within N days" window from a link: 1 to 366 days, anything else none.</summary>
    public static int? ExpiringWindow(int? days) => days is >= 1 and <= 366 ? days : null;

    /// <summary>Where an authorisation stands on <paramref name="today"/> (UK date).</summary>
    public static DeviceAuthorisationState StateOn(DeviceDecision decision, DateOnly? validUntil, DateOnly? reviewOn, DateTimeOffset? reviewedAtUtc, DateOnly today) => decision switch
    {
        DeviceDecision.Requested => DeviceAuthorisationState.Requested,
        DeviceDecision.Declined => DeviceAuthorisationState.Declined,
        DeviceDecision.Revoked => DeviceAuthorisationState.Revoked,
        _ when validUntil is { } until && until < today => DeviceAuthorisationState.Expired,
        _ when reviewOn is { } review && review <= today && reviewedAtUtc is null => DeviceAuthorisationState.ReviewDue,
        _ => DeviceAuthorisationState.Approved,
    };

    public static DeviceAuthorisationState StateOn(DeviceAuthorisation a, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(a);
        return StateOn(a.Decision, a.ValidUntil, a.ReviewOn, a.ReviewedAtUtc, today);
    }

    /// <summary>The same as <see cref="StateOn(DeviceDecision, DateOnly?, DateOnly?, DateTimeOffset?, DateOnly)"/>, as a database filter.</summary>
    public static IQueryable<DeviceAuthorisation> WhereState(this IQueryable<DeviceAuthorisation> query, DeviceAuthorisationState state, DateOnly today) => state switch
    {
        DeviceAuthorisationState.Requested => query.Where(a => a.Decision == DeviceDecision.Requested),
        DeviceAuthorisationState.Declined => query.Where(a => a.Decision == DeviceDecision.Declined),
        DeviceAuthorisationState.Revoked => query.Where(a => a.Decision == DeviceDecision.Revoked),
        DeviceAuthorisationState.Expired => query.Where(a => a.Decision == DeviceDecision.Approved && a.ValidUntil < today),
        DeviceAuthorisationState.ReviewDue => query.Where(a => a.Decision == DeviceDecision.Approved && a.ValidUntil >= today && a.ReviewOn <= today && a.ReviewedAtUtc == null),
        _ => query.Where(a => a.Decision == DeviceDecision.Approved && a.ValidUntil >= today && (a.ReviewOn == null || a.ReviewOn > today || a.ReviewedAtUtc != null)),
    };

    /// <summary>In force on <paramref name="today"/>: approved, not revoked, within its dates.</summary>
    public static bool InForceOn(DeviceAuthorisation a, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(a);
        return a.Decision == DeviceDecision.Approved && a.ValidFrom <= today && a.ValidUntil >= today;
    }

    public static string Describe(DeviceAuthorisationState state) => state switch
    {
        DeviceAuthorisationState.Requested => "Requested",
        DeviceAuthorisationState.Approved => "Approved",
        DeviceAuthorisationState.ReviewDue => "Review due",
        DeviceAuthorisationState.Expired => "Expired",
        DeviceAuthorisationState.Declined => "Declined",
        DeviceAuthorisationState.Revoked => "Revoked",
        _ => state.ToString(),
    };

    public static string Describe(DeviceKind kind) => kind switch
    {
        DeviceKind.Phone => "Phone",
        DeviceKind.Tablet => "Tablet",
        DeviceKind.Laptop => "Laptop",
        _ => kind.ToString(),
    };

    /// <summary>
    /// Why this user may not decide the request, or null when they may. Nobody decides a request for
    /// themselves (by their account, or by their e-mail address matching the person's work address,
    /// which also covers Entra ID sign-ins and staff records linked to another account), one they
    /// made, or one whose wording they changed, whatever roles they hold.
    /// </summary>
    public static string? CannotDecide(DeviceDecision decision, string requestedByUserId, string? personUserId, string? userKey, bool deciderIsThePerson = false, bool deciderChangedIt = false) =>
        userKey is null ? "Sign in as a senior manager to decide requests."
        : decision != DeviceDecision.Requested ? $"This request has already been {decision.ToString().ToLowerInvariant()}."
        : personUserId == userKey || deciderIsThePerson ? "This request is for you, so another senior manager must decide it."
        : requestedByUserId == userKey ? "You made this request, so another senior manager must decide it."
        : deciderChangedIt ? "You changed this request, so another senior manager must decide it."
        : null;

    /// <summary>Whether one of the decider's e-mail addresses is the person's work address (case and spaces ignored).</summary>
    public static bool SameAddress(string? personWorkEmail, IEnumerable<string?> deciderAddresses) =>
        !string.IsNullOrWhiteSpace(personWorkEmail)
        && deciderAddresses.Any(a => string.Equals(a?.Trim(), personWorkEmail.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// A run of 8 or more letters and digits with at least 3 digits looks like a serial number, and 8
    /// or more digits written in groups ("3569 3803 5643 809", "35-693803-564380-9") like an IMEI.
    /// Model names and sizes ("Galaxy S23 128GB") do not.
    /// </summary>
    public static bool LooksLikeSerialNumber(string text) =>
        SerialLike().Matches(text ?? "").Any(m => m.Value.Count(char.IsAsciiDigit) >= 3) || GroupedDigits().IsMatch(text ?? "");

    /// <summary>Plain-English problems with a request, keyed by field; empty when it may be saved.</summary>
    public static Dictionary<string, string> Validate(DeviceRequestModel model, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(model);
        var errors = new Dictionary<string, string>();
        if (model.StaffMemberId is null)
        {
            errors[nameof(model.StaffMemberId)] = "Choose the member of staff or volunteer who would use the device.";
        }

        if (model.DeviceKind is null || !Enum.IsDefined(model.DeviceKind.Value))
        {
            errors[nameof(model.DeviceKind)] = "Choose the kind of device: phone, tablet or laptop.";
        }

        if (string.IsNullOrWhiteSpace(model.DeviceDescription))
        {
            errors[nameof(model.DeviceDescription)] = "Describe the device so it can be recognised, e.g. “black iPhone 13 in a blue case”.";
        }
        else if (LooksLikeSerialNumber(model.DeviceDescription))
        {
            errors[nameof(model.DeviceDescription)] = "Leave out serial numbers and IMEI numbers: describe the device by its make, model and colour instead (the last four characters are enough if you need them).";
        }

        PeopleRules.MaxLength(errors, nameof(model.DeviceDescription), model.DeviceDescription, DescriptionLength, "description of the device");
        Required(errors, nameof(model.WhyNoOrganisationalDevice), model.WhyNoOrganisationalDevice, "Say why an organisational device cannot be used.", "reason");
        Required(errors, nameof(model.Purpose), model.Purpose, "Say what the device will be used for.", "purpose");
        Required(errors, nameof(model.CommunicatesWith), model.CommunicatesWith, "Say which children, groups or activities it will be used to communicate with.", "list of children, groups or activities");
        Required(errors, nameof(model.AppsAndAccounts), model.AppsAndAccounts, "Name the apps or platforms, and the organisation's authorised accounts, that will be used.", "list of apps and accounts");
        ValidateViewers(errors, model.Viewers);

        if (model.RequestedFrom is not { } from)
        {
            errors[nameof(model.RequestedFrom)] = "Enter the first day the device would be used.";
        }
        else if (model.Id == 0 && from < today)
        {
            errors[nameof(model.RequestedFrom)] = "The period cannot start in the past.";
        }

        if (model.RequestedUntil is not { } until)
        {
            errors[nameof(model.RequestedUntil)] = "Enter the last day the device would be used.";
        }
        else if (model.RequestedFrom is { } start && until < start)
        {
            errors[nameof(model.RequestedUntil)] = "The last day must be on or after the first day.";
        }
        else if (model.RequestedFrom is { } first && until > first.AddMonths(LongestMonths).AddDays(-1))
        {
            errors[nameof(model.RequestedUntil)] = $"Ask for {LongestMonths} months at most: an authorisation is reviewed and renewed if it is still needed.";
        }

        return errors;
    }

    /// <summary>Plain-English problems with a decision, keyed by field; <paramref name="viewers"/> is how many named people can see the communication.</summary>
    public static Dictionary<string, string> Validate(DeviceDecisionModel model, int viewers, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(model);
        var errors = new Dictionary<string, string>();
        if (model.Approve is null)
        {
            errors[nameof(model.Approve)] = "Choose whether to approve or decline the request.";
            return errors;
        }

        if (model.Approve == false)
        {
            Required(errors, nameof(model.DeclineReason), model.DeclineReason, "Say why the request is declined: the requester is told.", "reason");
            return errors;
        }

        if (viewers == 0)
        {
            errors[""] = "A request cannot be approved until it names at least one person who can see the communication. Ask the requester to add them.";
        }

        PeopleRules.MaxLength(errors, nameof(model.Conditions), model.Conditions, ConditionsLength, "conditions");
        if (model.ValidFrom is not { } from)
        {
            errors[nameof(model.ValidFrom)] = "Enter the first day the authorisation is valid.";
        }
        else if (from < today)
        {
            errors[nameof(model.ValidFrom)] = "The first day cannot be in the past: an authorisation cannot cover use that has already happened.";
        }

        if (model.ValidUntil is not { } until)
        {
            errors[nameof(model.ValidUntil)] = "Enter the last day the authorisation is valid.";
        }
        else if (until < today)
        {
            errors[nameof(model.ValidUntil)] = "The last day cannot be in the past.";
        }
        else if (model.ValidFrom is { } start && until < start)
        {
            errors[nameof(model.ValidUntil)] = "The last day must be on or after the first day.";
        }
        else if (model.ValidFrom is { } first && until > first.AddMonths(LongestMonths).AddDays(-1))
        {
            errors[nameof(model.ValidUntil)] = $"Authorise for {LongestMonths} months at most; it can be renewed at its review.";
        }

        if (model.ReviewOn is not { } review)
        {
            errors[nameof(model.ReviewOn)] = "Enter the date it will be reviewed (before it ends).";
        }
        else if (review < today)
        {
            errors[nameof(model.ReviewOn)] = "The review date cannot be in the past.";
        }
        else if ((model.ValidFrom is { } f && review < f) || (model.ValidUntil is { } u && (review > u || (review == u && model.ValidFrom != u))))
        {
            errors[nameof(model.ReviewOn)] = "The review date must fall within the period authorised, before its last day.";
        }

        return errors;
    }

    /// <summary>The conditions as the manager wrote them, one per line, without empty lines or bullets.</summary>
    public static IReadOnlyList<string> SplitConditions(string? conditions) =>
        [.. (conditions ?? "").Split('\n').Select(c => c.Trim().TrimStart('•', '-', '*').Trim()).Where(c => c.Length > 0)];

    /// <summary>The review date a manager is offered: a month before the end, or halfway through a shorter period.</summary>
    public static DateOnly SuggestedReview(DateOnly from, DateOnly until)
    {
        var monthBefore = until.AddMonths(-1);
        var halfway = until.AddDays(-((until.DayNumber - from.DayNumber) / 2));
        var suggested = monthBefore > halfway ? monthBefore : halfway;

        // Before the last day, unless the period is that one day.
        return suggested >= until && until > from ? until.AddDays(-1) : suggested;
    }

    private static void ValidateViewers(Dictionary<string, string> errors, List<DeviceViewerModel> viewers)
    {
        if (viewers.Count > MaxViewers)
        {
            errors[nameof(DeviceRequestModel.Viewers)] = $"Name at most {MaxViewers} people who can see the communication.";
            return;
        }

        for (var i = 0; i < viewers.Count; i++)
        {
            var v = viewers[i];
            if (string.IsNullOrWhiteSpace(v.Name) && string.IsNullOrWhiteSpace(v.HowTheySee))
            {
                continue;
            }

            if (string.IsNullOrWhiteSpace(v.Name))
            {
                errors[$"Viewers[{i}].Name"] = "Enter the person's name.";
            }
            else if (v.Name.Trim().Length > ViewerNameLength)
            {
                errors[$"Viewers[{i}].Name"] = $"The name must be {ViewerNameLength} characters or fewer.";
            }

            if (string.IsNullOrWhiteSpace(v.HowTheySee))
            {
                errors[$"Viewers[{i}].HowTheySee"] = "Say how they see the communication, e.g. “copied into every message”.";
            }
            else if (v.HowTheySee.Trim().Length > ViewerHowLength)
            {
                errors[$"Viewers[{i}].HowTheySee"] = $"Keep this to {ViewerHowLength} characters or fewer.";
            }
        }

        var names = viewers.Where(v => !string.IsNullOrWhiteSpace(v.Name)).Select(v => v.Name.Trim()).ToList();
        if (names.Count != names.Distinct(StringComparer.OrdinalIgnoreCase).Count())
        {
            errors[nameof(DeviceRequestModel.Viewers)] = "Each person who can see the communication is named once.";
        }
    }

    private static void Required(Dictionary<string, string> errors, string field, string? value, string message, string label)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors[field] = message;
        }
        else
        {
            PeopleRules.MaxLength(errors, field, value, TextLength, label);
        }
    }

    [GeneratedRegex(@"[A-Za-z0-9]{8,}")]
    private static partial Regex SerialLike();

    // Eight or more digits, each group separated by at most one space, dash, dot or slash.
    [GeneratedRegex(@"[0-9](?:[\s\-./]?[0-9]){7,}")]
    private static partial Regex GroupedDigits();
}
