namespace SafeguardingPortal.Features.Devices;

/// <summary>The request form: who, which device, why, for what, with whom, through which apps, who can see it, and for how long.</summary>
public sealed class DeviceRequestModel
{
    public int Id { get; set; }

    public int? StaffMemberId { get; set; }

    public DeviceKind? DeviceKind { get; set; }

    public string DeviceDescription { get; set; } = "";

    public string WhyNoOrganisationalDevice { get; set; } = "";

    public string Purpose { get; set; } = "";

    public string CommunicatesWith { get; set; } = "";

    public string AppsAndAccounts { get; set; } = "";

    public List<DeviceViewerModel> Viewers { get; set; } = [];

    public DateOnly? RequestedFrom { get; set; }

    public DateOnly? RequestedUntil { get; set; }

    public Guid? Version { get; set; }
}

public sealed class DeviceViewerModel
{
    public string Name { get; set; } = "";

    public string HowTheySee { get; set; } = "";
}

/// <summary>A senior manager's decision: approve with conditions and dates, or decline with a reason.</summary>
public sealed class DeviceDecisionModel
{
    /// <summary>True to approve, false to decline; null until the manager chooses.</summary>
    public bool? Approve { get; set; }

    /// <summary>One condition per line, e.g. "Messages only in the group chat with a second adult".</summary>
    public string Conditions { get; set; } = "";

    public DateOnly? ValidFrom { get; set; }

    public DateOnly? ValidUntil { get; set; }

    public DateOnly? ReviewOn { get; set; }

    public string DeclineReason { get; set; } = "";
}

public sealed record DeviceAuthorisationQuery
{
    public string? Search { get; init; }

    public int? StaffMemberId { get; init; }

    public DeviceAuthorisationState? State { get; init; }

    /// <summary>Only requests and authorisations whose period includes this day.</summary>
    public DateOnly? On { get; init; }

    /// <summary>Only live authorisations (approved, in force or with their review due) whose last day falls within this many days.</summary>
    public int? ExpiringWithinDays { get; init; }

    /// <summary>Only requests the signed-in senior manager may decide: not for them, not made or changed by them.</summary>
    public bool ForMyDecision { get; init; }

    public string? SortBy { get; init; }

    public bool Descending { get; init; }

    public int Page { get; init; }

    public int PageSize { get; init; } = 25;
}

/// <summary>For the home page: requests waiting for a decision, and live authorisations ending soon.</summary>
/// <summary>For the home page. <paramref name="AwaitingMyDecision"/> is those of the awaiting requests the signed-in manager may decide (0 for others).</summary>
public sealed record DeviceAuthorisationCounts(int AwaitingDecision, int AwaitingMyDecision, int Expiring);

/// <summary>A line of the register. From and Until are the approved period, or the period asked for while undecided or declined.</summary>
public sealed record DeviceAuthorisationRow(
    int Id,
    string Reference,
    int StaffMemberId,
    string Person,
    DeviceKind DeviceKind,
    string Device,
    DateOnly From,
    DateOnly Until,
    DateOnly? ReviewOn,
    DeviceAuthorisationState State,
    string RequestedBy,
    DateTimeOffset RequestedAtUtc,
    int Viewers);

public sealed record DeviceViewerRow(string Name, string HowTheySee);

public sealed record DeviceAuthorisationDetails(
    int Id,
    string Reference,
    DeviceRequestModel Request,
    string Person,
    DeviceAuthorisationState State,
    string RequestedBy,
    DateTimeOffset RequestedAtUtc,
    string DecidedBy,
    DateTimeOffset? DecidedAtUtc,
    IReadOnlyList<string> Conditions,
    string DeclineReason,
    DateOnly? ValidFrom,
    DateOnly? ValidUntil,
    DateOnly? ReviewOn,
    string RevokedBy,
    DateTimeOffset? RevokedAtUtc,
    string RevocationReason,
    (int Id, string Reference)? RenewalOf,
    (int Id, string Reference, DeviceAuthorisationState State)? Renewal,
    bool HasRecord,
    bool CanEdit,
    bool CanDecide,
    string? CannotDecideBecause,
    bool CanRevoke,
    bool CanRenew);
