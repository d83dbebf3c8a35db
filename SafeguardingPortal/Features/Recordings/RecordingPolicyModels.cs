namespace SafeguardingPortal.Features.Recordings;

/// <summary>What a safeguarding lead writes in a draft version of the policy.</summary>
public sealed class RecordingPolicyModel
{
    public string Purpose { get; set; } = "";

    public string Uses { get; set; } = "";

    public string Storage { get; set; } = "";

    public int? RetentionDays { get; set; }

    public string DisposalMethod { get; set; } = "";

    public List<string> AccessRoles { get; set; } = [];

    /// <summary>Staff-register ids of the people named as able to see recordings.</summary>
    public List<int> AccessPeople { get; set; } = [];

    public string AccessMethod { get; set; } = "";

    public string ResponsibleForMaking { get; set; } = "";

    public string ResponsibleForStoring { get; set; } = "";

    public string ResponsibleForDisposing { get; set; } = "";

    public Guid Version { get; set; }
}

/// <summary>One line of the list of versions.</summary>
public sealed record RecordingPolicyRow(int Id, int Number, RecordingPolicyStatus Status, string Authors, DateTimeOffset CreatedAtUtc, string ApprovedByName, DateTimeOffset? ApprovedAtUtc, DateTimeOffset? SupersededAtUtc);

/// <summary>One version, as the policy page shows it, with what the signed-in user may do with it.</summary>
public sealed record RecordingPolicyDetails(
    int Id,
    int Number,
    RecordingPolicyStatus Status,
    RecordingPolicyModel Content,
    IReadOnlyList<string> AccessPeopleNames,
    IReadOnlyList<string> Authors,
    DateTimeOffset CreatedAtUtc,
    DateTimeOffset? LastChangedAtUtc,
    string ApprovedByName,
    DateTimeOffset? ApprovedAtUtc,
    DateTimeOffset? SupersededAtUtc,
    bool CanEdit,
    bool CanApprove,
    string? CannotApproveBecause);
