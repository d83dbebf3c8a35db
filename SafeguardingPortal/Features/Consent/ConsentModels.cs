namespace SafeguardingPortal.Features.Consent;

/// <summary>What a lead chose when sending: a published version, and children (or adults) of one activity.</summary>
public sealed class SendConsentRequestModel
{
    public int ActivityId { get; set; }

    public int TemplateVersionId { get; set; }

    /// <summary>For a children's form: the enrolled children chosen; empty means every enrolled child.</summary>
    public List<int> ChildIds { get; set; } = [];

    /// <summary>For an adults' form: the staff, volunteers and contract workers chosen.</summary>
    public List<int> StaffMemberIds { get; set; } = [];
}

/// <summary>Who a request would reach, before it is sent.</summary>
public sealed record RequestPreview(int Invitations, int ChildInvitations, int AlreadyAwaiting, IReadOnlyList<string> Unreachable);

public sealed record SendResult(int RequestId, int Invitations, int AlreadyAwaiting, IReadOnlyList<string> Unreachable);

public sealed record RequestProgress(int Total, int Sent, int Failed, int Queued)
{
    public bool IsFinished => Queued == 0;
}

public enum EmailState
{
    Queued,
    Sent,
    Failed,
    NotSent,
}

/// <summary>One invitation in the staff lists; never carries a token.</summary>
public sealed record InvitationRow(
    int Id,
    int RequestId,
    string TemplateName,
    int TemplateVersion,
    SignerKind SignerKind,
    int? ChildId,
    int? StaffMemberId,
    string SubjectName,
    string RecipientName,
    string RecipientEmail,
    string Status,
    DateTimeOffset CreatedAtUtc,
    DateTimeOffset ExpiresAtUtc,
    DateTimeOffset? OpenedAtUtc,
    DateTimeOffset? SignedAtUtc,
    int RemindersSent,
    EmailState EmailState,
    string EmailError,
    long? LastEmailId,
    Guid Version,
    int? SignatureId = null,
    bool RecordIssued = false);

/// <summary>One row of the consent grid: a child (or an adult) and a cell per item kind.</summary>
public sealed record ConsentGridRow(int PersonId, string Name, string Detail, IReadOnlyDictionary<ConsentItemKind, ConsentCell> Cells);

public sealed record ConsentGrid(ConsentAudience Audience, IReadOnlyList<ConsentItemKind> Kinds, IReadOnlyList<ConsentGridRow> Rows);

/// <summary>One event in a person's consent history, newest first.</summary>
/// <param name="DocumentIssued">Whether the PDF of this entry (the signed record, or the withdrawal's receipt) was issued.</param>
public sealed record ConsentHistoryEntry(DateTimeOffset AtUtc, string ActivityTitle, string What, string Who, string Detail, int? SignatureId, int? WithdrawalId, bool DocumentIssued = false);

/// <summary>A withdrawal as staff see it, with what it affects.</summary>
public sealed record WithdrawalRow(
    int Id,
    string Reference,
    int SignatureId,
    string SignatureReference,
    int ActivityId,
    string ActivityTitle,
    int? ChildId,
    string SubjectName,
    string WithdrawnByName,
    WithdrawalMethod Method,
    DateTimeOffset WithdrawnAtUtc,
    string Items,
    string Reason,
    string RecordedBy,
    DateTimeOffset? AcknowledgedAtUtc,
    string AcknowledgedBy,
    string AcknowledgementNote,
    Guid Version,
    bool RecordIssued = false,
    bool ReceiptIssued = false);

/// <summary>A signature's answers for the withdrawal dialogs.</summary>
public sealed record SignatureSummary(int Id, string Reference, string ActivityTitle, string SubjectName, string SignerName, DateTimeOffset SignedAtUtc, IReadOnlyList<AnswerSummary> Answers);

public sealed record AnswerSummary(int AnswerId, ConsentItemKind Kind, string Label, bool Given, bool Withdrawn);

/// <summary>Staff recording a withdrawal received by phone, letter, e-mail or in person.</summary>
public sealed class RecordWithdrawalModel
{
    public int SignatureId { get; set; }

    /// <summary>The answers withdrawn; empty means every given answer not yet withdrawn.</summary>
    public List<int> AnswerIds { get; set; } = [];

    public WithdrawalMethod Method { get; set; } = WithdrawalMethod.Phone;

    public string WithdrawnByName { get; set; } = "";

    public DateTime? ReceivedOn { get; set; }

    public string Reason { get; set; } = "";
}

/// <summary>Staff recording a paper consent form.</summary>
public sealed class PaperConsentModel
{
    public int ActivityId { get; set; }

    public int TemplateVersionId { get; set; }

    public int? ChildId { get; set; }

    /// <summary>The parent or carer who signed; null when the child (or, for adults, the adult) signed.</summary>
    public int? ParentCarerId { get; set; }

    public int? StaffMemberId { get; set; }

    public bool SignedByChild { get; set; }

    public string SignerName { get; set; } = "";

    public string Relationship { get; set; } = "";

    public DateTime? SignedOn { get; set; }

    /// <summary>Template item id → given (true) or refused (false).</summary>
    public Dictionary<int, bool> Answers { get; set; } = [];

    public byte[] ScanContent { get; set; } = [];

    public string ScanFileName { get; set; } = "";
}

public static class ConsentEmailKinds
{
    public const string Invitation = "ConsentInvitation";
    public const string Reminder = "ConsentReminder";
    public const string Confirmation = "ConsentConfirmation";
    public const string WithdrawalConfirmation = "WithdrawalConfirmation";
    public const string WithdrawalNotice = "WithdrawalNotice";

    public static IReadOnlyList<string> All { get; } = [Invitation, Reminder, Confirmation, WithdrawalConfirmation, WithdrawalNotice];
}

/// <summary>The cross-activity list of invitations still waiting for an answer.</summary>
public sealed record AwaitingInvitationsQuery
{
    public string? Search { get; init; }

    /// <summary>Only those that have had at least one reminder since they were first sent.</summary>
    public bool RemindedOnly { get; init; }

    /// <summary>One of "Activity", "Recipient", "FirstSent", "Expires"; anything else sorts by expiry, soonest first.</summary>
    public string? SortBy { get; init; }

    public bool Descending { get; init; }

    public int Page { get; init; }

    public int PageSize { get; init; } = 25;
}

/// <summary>One invitation awaiting an answer; never carries a token or an e-mail address.</summary>
public sealed record AwaitingInvitationRow(
    int Id, int ActivityId, string ActivityTitle, SignerKind SignerKind, int? ChildId, string SubjectName, string RecipientName,
    DateTimeOffset? FirstSentAtUtc, int RemindersSent, DateTimeOffset ExpiresAtUtc);

/// <summary>How many invitations await an answer, and how many of them have already been reminded.</summary>
public sealed record AwaitingInvitationCounts(int Awaiting, int PastFirstReminder);
