using SafeguardingPortal.Features.Consent;
using SafeguardingPortal.Features.Documents;
using SafeguardingPortal.Tests.Infrastructure.Pdf;

namespace SafeguardingPortal.Tests.Features.Documents;

/// <summary>Plain models for the document tests, with values that are easy to find in the output.</summary>
public static class SampleDocuments
{
    /// <summary>14 July 2026, 13:05:09 UTC: 14:05 in UK summer time.</summary>
    public static readonly DateTimeOffset SignedAt = new(2026, 7, 14, 13, 5, 9, TimeSpan.Zero);

    public static ConsentRecordModel Consent(string reference = "C-TEST-0001", string risks = "Strangers could join; the call is locked and two adults are present.", byte[]? signature = null) => new()
    {
        OrganisationName = "Hilltop Swimming Club",
        Title = "Consent for online coaching",
        Reference = reference,
        SubjectName = "Łukasz Żółć",
        SubjectKind = ConsentSubjectKind.Child,
        Activity = new ConsentActivityText(
            "Saturday video coaching",
            "Weekly technique sessions on a video call.",
            "Members live far apart and the pool is closed for repairs.",
            "Coaching continues through the closure.",
            risks,
            "Microsoft Teams"),
        TemplateName = "Online activity consent",
        TemplateVersion = 3,
        Items =
        [
            new ConsentRecordItem("Taking part online", "Joining the weekly video sessions from home.", ConsentItemKind.TakePartOnline, true, true),
            new ConsentRecordItem("Photos shared", "Photos from sessions may appear in the club newsletter.", ConsentItemKind.PhotosShared, false, false),
        ],
        SignerName = "Zoë Ó Súilleabháin",
        Relationship = "Mother",
        SignerKind = SignerKind.ParentCarer,
        SignatureImage = signature,
        SignedAtUtc = SignedAt,
        Source = SignatureSource.Online,
        Declaration = "I have parental responsibility and I have read the information above.",
        Events =
        [
            new EvidenceEvent(InvitationEventKinds.Created, SignedAt.AddDays(-2), "", "", ""),
            new EvidenceEvent(InvitationEventKinds.Sent, SignedAt.AddDays(-2).AddMinutes(1), "", "", "", "zoe.parent@example.org"),
            new EvidenceEvent(InvitationEventKinds.ReminderSent, SignedAt.AddDays(-1), "", "", "", "zoe.parent@example.org"),
            new EvidenceEvent(InvitationEventKinds.Opened, SignedAt.AddMinutes(-4), "", "203.0.113.7", "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1"),
            new EvidenceEvent(InvitationEventKinds.Answered, SignedAt, "", "203.0.113.7", "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X)"),
        ],
        PresentedSha256 = "5f2b8e0c9d4a7b1e3c6f8a0d2b4e6c8a1f3d5b7e9c0a2d4f6b8e0c2a4d6f8b0e",
        AnswersSha256 = "a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90",
    };

    public static WithdrawalReceiptModel Withdrawal(string reference = "W-TEST-0001") => new()
    {
        OrganisationName = "Hilltop Swimming Club",
        Reference = reference,
        ConsentReference = "C-TEST-0001",
        SubjectName = "Łukasz Żółć",
        ActivityTitle = "Saturday video coaching",
        ItemsWithdrawn = ["Photos shared", "Videos shared"],
        WithdrawnByName = "Zoë Ó Súilleabháin",
        Method = WithdrawalMethod.Phone,
        RecordedBy = "Lee Lead",
        WithdrawnAtUtc = new DateTimeOffset(2026, 12, 1, 9, 30, 0, TimeSpan.Zero),
        Reason = "We have moved away.",
    };

    public static byte[] Signature() => PdfTestKit.SignaturePng();
}
