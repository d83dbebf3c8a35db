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
    string MadeBy,
    string RegisteredBy,
    DateTimeOffset RegisteredAtUtc,
    DateOnly DeleteBy,
    RecordingStatus Status,
    IReadOnlyList<(string Name, string Kind, bool Excluded, string Note)> Participants,
    int ParticipantCount,
    IReadOnlyList<DisposalTaskRow> Tasks,
    bool MaySeeStorage,
    bool MayRecordAccess,
    IReadOnlyList<RecordingAccessRow> AccessLog);

/// <summary>A recording a child is in, or was left out of, for their page.</summary>
public sealed record ChildRecordingRow(int Id, string Reference, string ActivityTitle, DateTimeOffset SessionStartsAtUtc, RecordingStatus Status, DateOnly DeleteBy, bool Excluded, bool HasOpenTask, bool Overdue);

/// <summary>One look at a recording: when, who, why.</summary>
public sealed record RecordingAccessRow(DateTimeOffset AtUtc, string By, string Reason);

/// <summary>One agreement with a family who records a session themselves.</summary>
public sealed record AgreementRow(int Id, string Reference, string ActivityTitle, DateTimeOffset SessionStartsAtUtc, int ChildId, string ChildName, string AgreedBy, string UsedFor, DateOnly KeepUntil, bool KeepUntilPassed, bool NotShared, DateOnly AgreedOn, string RecordedBy);

/// <summary>A child of the session's activity and the parents and carers linked to them, for the agreement form.</summary>
public sealed record AgreementChoice(int ChildId, string ChildName, IReadOnlyList<(int Id, string Name)> ParentsCarers);

/// <summary>What is entered to record a family's agreement for a recording they make themselves.</summary>
public sealed class FamilyAgreementModel
{
    public int SessionId { get; set; }

    public int ChildId { get; set; }

    /// <summary>The parent or carer who agreed; null when the child agreed for themselves (<see cref="ByChild"/>).</summary>
    public int? ParentCarerId { get; set; }

    /// <summary>The child agreed for themselves. One of this and <see cref="ParentCarerId"/> must be given.</summary>
    public bool ByChild { get; set; }

    public string UsedFor { get; set; } = "";

    public DateTime? KeepUntil { get; set; }

    public bool NotShared { get; set; } = true;

    public DateTime? AgreedOn { get; set; }
}

/// <summary>Open disposal tasks, and how many of them are past their due date.</summary>
public sealed record DisposalTaskCounts(int Open, int Overdue);

/// <summary>One disposal task.</summary>
public sealed record DisposalTaskRow(int Id, int RecordingId, string RecordingReference, string ActivityTitle, DisposalReason Reason, string WithdrawalReference, DateTimeOffset RaisedAtUtc, DateOnly DueBy, bool Overdue,
    DateTimeOffset? CompletedAtUtc, string CompletedByName, string Method, string Confirmation, string PolicyMethod, Guid Version);
