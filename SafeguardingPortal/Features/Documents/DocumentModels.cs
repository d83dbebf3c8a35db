using SafeguardingPortal.Features.Consent;

namespace SafeguardingPortal.Features.Documents;

/// <summary>Whose consent a record is: a child's (given by a parent or carer, or the child), or an adult's own.</summary>
public enum ConsentSubjectKind
{
    Child = 0,
    Adult = 1,
}

/// <summary>Everything the consent document shows, as plain values (the composer reads nothing else).</summary>
public sealed record ConsentRecordModel
{
    public required string OrganisationName { get; init; }

    /// <summary>The form's title as the signer saw it, e.g. "Consent for photos and videos".</summary>
    public required string Title { get; init; }

    /// <summary>The signature's reference, e.g. "C-7K3M-9QXD".</summary>
    public required string Reference { get; init; }

    public required string SubjectName { get; init; }

    public required ConsentSubjectKind SubjectKind { get; init; }

    public required ConsentActivityText Activity { get; init; }

    public required string TemplateName { get; init; }

    public required int TemplateVersion { get; init; }

    public required IReadOnlyList<ConsentRecordItem> Items { get; init; }

    public required string SignerName { get; init; }

    /// <summary>As the signer stated it, e.g. "Mother", "Myself".</summary>
    public required string Relationship { get; init; }

    public required SignerKind SignerKind { get; init; }

    /// <summary>The drawn signature (PNG), when one was given.</summary>
    public byte[]? SignatureImage { get; init; }

    public required DateTimeOffset SignedAtUtc { get; init; }

    public required SignatureSource Source { get; init; }

    /// <summary>For paper forms: the staff member who recorded it.</summary>
    public string RecordedBy { get; init; } = "";

    /// <summary>The declaration the signer confirmed, when there was one.</summary>
    public string Declaration { get; init; } = "";

    /// <summary>The recording policy's terms shown with the form, when it asked about recording under an active policy.</summary>
    public ConsentRecordingText? Recording { get; init; }

    /// <summary>The invitation's evidence, in order (empty for paper forms recorded without an invitation).</summary>
    public IReadOnlyList<EvidenceEvent> Events { get; init; } = [];

    /// <summary>SHA-256 of exactly what the signer was shown (the template version as presented).</summary>
    public required string PresentedSha256 { get; init; }

    /// <summary>SHA-256 of the answers in canonical form.</summary>
    public required string AnswersSha256 { get; init; }
}

public sealed record ConsentActivityText(string Title, string Description, string WhyOnline, string Benefits, string Risks, string Platform);

/// <summary>The recording policy's terms the signer was shown, for a form that asks about recording.</summary>
public sealed record ConsentRecordingText(string Purpose, string KeptFor, string SeenBy);

/// <summary>One item of the form with its answer.</summary>
public sealed record ConsentRecordItem(string Label, string Explanation, ConsentItemKind Kind, bool Required, bool Given);

/// <summary>
/// One event of the invitation's evidence log, as the server recorded it. <paramref name="EmailAddress"/>
/// is masked in the document whatever is passed (an already masked address stays as it is).
/// </summary>
/// <param name="Kind">One of <see cref="InvitationEventKinds"/>.</param>
public sealed record EvidenceEvent(string Kind, DateTimeOffset AtUtc, string Detail, string IpAddress, string UserAgent, string EmailAddress = "");

/// <summary>Everything the withdrawal receipt shows.</summary>
public sealed record WithdrawalReceiptModel
{
    public required string OrganisationName { get; init; }

    /// <summary>The withdrawal's own reference, e.g. "W-7K3M-9QXD".</summary>
    public required string Reference { get; init; }

    /// <summary>The reference of the consent that was withdrawn from.</summary>
    public required string ConsentReference { get; init; }

    public required string SubjectName { get; init; }

    public required string ActivityTitle { get; init; }

    /// <summary>The labels of the items withdrawn, in form order.</summary>
    public required IReadOnlyList<string> ItemsWithdrawn { get; init; }

    public required string WithdrawnByName { get; init; }

    public required WithdrawalMethod Method { get; init; }

    /// <summary>The staff member who recorded a withdrawal received by phone, letter, e-mail or in person; empty when done through the link.</summary>
    public string RecordedBy { get; init; } = "";

    public required DateTimeOffset WithdrawnAtUtc { get; init; }

    public string Reason { get; init; } = "";
}
