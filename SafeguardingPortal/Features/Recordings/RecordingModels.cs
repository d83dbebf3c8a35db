namespace SafeguardingPortal.Features.Recordings;

/// <summary>A participant left out of the recording, and why.</summary>
public sealed class ExclusionModel
{
    public int? ChildId { get; set; }

    public int? StaffMemberId { get; set; }

    public string Note { get; set; } = "";
}

/// <summary>What the host enters to put a session's recording on the register.</summary>
public sealed class RegisterRecordingModel
{
    public int SessionId { get; set; }

    public List<int> ChildIds { get; set; } = [];

    public List<int> StaffMemberIds { get; set; } = [];

    public List<ExclusionModel> Excluded { get; set; } = [];

    public string Purpose { get; set; } = "";

    public string StorageReference { get; set; } = "";
}

/// <summary>A session that can be recorded, for the host's choice.</summary>
public sealed record RecordableSession(int Id, int ActivityId, string ActivityTitle, DateTimeOffset StartsAtUtc, string Host, int HostStaffMemberId, bool ComfortChecked);

/// <summary>One line of the register.</summary>
public sealed record RecordingRow(int Id, string Reference, string ActivityTitle, DateTimeOffset SessionStartsAtUtc, int PolicyNumber, string MadeBy, int ParticipantCount, DateOnly DeleteBy, RecordingStatus Status, DateTimeOffset? DisposedAtUtc, bool HasOpenTask, bool Overdue);

/// <summary>One recording with its participants (none once disposed) and what the signed-in user may see and do.</summary>
public sealed record RecordingDetails(
    int Id,
    string Reference,
    int ActivityId,
    string ActivityTitle,
    DateTimeOffset SessionStartsAtUtc,
    int PolicyId,
    int PolicyNumber,
    string Purpose,
    string? StorageReference,
    string MadeBy,
    string RegisteredBy,
    DateTimeOffset RegisteredAtUtc,
    DateOnly DeleteBy,
    RecordingStatus Status,
    IReadOnlyList<(string Name, string Kind, bool Excluded, string Note)> Participants,
    int ParticipantCount,
    IReadOnlyList<DisposalTaskRow> Tasks);

/// <summary>One disposal task.</summary>
public sealed record DisposalTaskRow(int Id, int RecordingId, string RecordingReference, string ActivityTitle, DisposalReason Reason, string WithdrawalReference, DateTimeOffset RaisedAtUtc, DateOnly DueBy, bool Overdue,
    DateTimeOffset? CompletedAtUtc, string CompletedByName, string Method, string Confirmation, string PolicyMethod, Guid Version);
