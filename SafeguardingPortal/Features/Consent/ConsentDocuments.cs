using Microsoft.EntityFrameworkCore;
using SafeguardingPortal.Features.Documents;
using SafeguardingPortal.Infrastructure.Data;

namespace SafeguardingPortal.Features.Consent;

/// <summary>
/// The PDFs consent produces: a record for every signature (online or on paper) and a receipt for every
/// withdrawal. Each is issued once, inside the transaction that records what it documents, from what
/// the signer was shown and what the database holds; the issued bytes are kept and never rebuilt.
/// </summary>
internal static class ConsentDocuments
{
    /// <summary>Issues the record of an online signature (saved, with its "signed" event, earlier in the same transaction).</summary>
    public static async Task<IssuedDocument> IssueOnlineRecordAsync(PortalDbContext db, DocumentIssuer issuer, ConsentSignature signature, ConsentPresentation shown, DateTimeOffset now, CancellationToken ct)
    {
        var events = signature.InvitationId is { } invitationId ? await EvidenceAsync(db, invitationId, ct) : [];
        return issuer.IssueConsentRecord(db, signature.Id, Model(signature, shown, events), now);
    }

    /// <summary>Issues the record of a paper form, from the published version that was printed and the activity as it is now.</summary>
    public static async Task<IssuedDocument> IssuePaperRecordAsync(PortalDbContext db, DocumentIssuer issuer, ConsentSignature signature, ConsentTemplateVersion version, string organisationName, DateTimeOffset now, CancellationToken ct)
    {
        var activity = await db.Activities.AsNoTracking().Include(a => a.Platform).FirstAsync(a => a.Id == signature.ActivityId, ct);
        var forChild = signature.SignerKind == SignerKind.Child;
        var shown = new ConsentPresentation(
            organisationName, version.Name, version.Number, version.ContentSha256, version.Title,
            forChild && version.ChildIntroduction.Length > 0 ? version.ChildIntroduction : version.Introduction,
            signature.SignerKind, signature.SubjectName, signature.SignerName, signature.Relationship,
            activity.Title, activity.Description, activity.WhyOnline, activity.Benefits, activity.Risks, activity.Platform?.Name ?? "",
            "", "", "", ConsentPresentation.NspccHelpline, "",
            [.. version.Items.OrderBy(i => i.Position).Select(i => new PresentedItem(i.Id, i.Kind, i.Label, forChild && i.ChildExplanation.Length > 0 ? i.ChildExplanation : i.Explanation, i.Required))]);
        return issuer.IssueConsentRecord(db, signature.Id, Model(signature, shown, []), now);
    }

    /// <summary>Issues the receipt of a withdrawal (saved earlier in the same transaction).</summary>
    public static async Task<IssuedDocument> IssueReceiptAsync(PortalDbContext db, DocumentIssuer issuer, ConsentSignature signature, ConsentWithdrawal withdrawal, string organisationName, DateTimeOffset now, CancellationToken ct)
    {
        var request = signature.InvitationId is { } invitationId
            ? await db.Set<ConsentInvitation>().AsNoTracking().Where(i => i.Id == invitationId).Select(i => i.Request).FirstOrDefaultAsync(ct)
            : null;
        var activityTitle = request?.ActivityTitle
            ?? await db.Activities.AsNoTracking().Where(a => a.Id == signature.ActivityId).Select(a => a.Title).FirstOrDefaultAsync(ct)
            ?? "";
        var withdrawnIds = withdrawal.Answers.Select(a => a.AnswerId).ToHashSet();
        var model = new WithdrawalReceiptModel
        {
            OrganisationName = request?.OrganisationName ?? organisationName,
            Reference = withdrawal.Reference,
            ConsentReference = signature.Reference,
            SubjectName = signature.SubjectName,
            ActivityTitle = activityTitle,
            ItemsWithdrawn = [.. signature.Answers.Where(a => withdrawnIds.Contains(a.Id)).OrderBy(a => a.TemplateItemId).Select(a => a.Label)],
            WithdrawnByName = withdrawal.WithdrawnByName,
            Method = withdrawal.Method,
            RecordedBy = withdrawal.RecordedBy,
            WithdrawnAtUtc = withdrawal.WithdrawnAtUtc,
            Reason = withdrawal.Reason,
        };
        return issuer.IssueWithdrawalReceipt(db, withdrawal.Id, model, now);
    }

    private static ConsentRecordModel Model(ConsentSignature signature, ConsentPresentation shown, IReadOnlyList<EvidenceEvent> events)
    {
        var answers = signature.Answers.ToDictionary(a => a.TemplateItemId);
        return new ConsentRecordModel
        {
            OrganisationName = shown.OrganisationName,
            Title = shown.Title,
            Reference = signature.Reference,
            SubjectName = signature.SubjectName,
            SubjectKind = signature.SignerKind == SignerKind.Adult ? ConsentSubjectKind.Adult : ConsentSubjectKind.Child,
            Activity = new ConsentActivityText(shown.ActivityTitle, shown.ActivityDescription, shown.WhyOnline, shown.Benefits, shown.Risks, shown.PlatformName),
            TemplateName = shown.TemplateName,
            TemplateVersion = shown.TemplateVersion,
            Items = [.. shown.Items.Where(i => answers.ContainsKey(i.ItemId)).Select(i => new ConsentRecordItem(i.Label, i.Explanation, i.Kind, i.Required, answers[i.ItemId].Given))],
            SignerName = signature.SignerName,
            Relationship = signature.Relationship,
            SignerKind = signature.SignerKind,
            SignatureImage = signature.SignatureImage,
            SignedAtUtc = signature.SignedAtUtc,
            Source = signature.Source,
            RecordedBy = signature.RecordedBy,
            Declaration = shown.Declaration,
            Recording = shown.Recording is { } r ? new ConsentRecordingText(r.Purpose, r.KeptFor, r.SeenBy) : null,
            Events = events,
            PresentedSha256 = signature.PresentedSha256,
            AnswersSha256 = signature.AnswersSha256,
        };
    }

    /// <summary>Every event of the invitation, in order, as the server recorded it.</summary>
    private static async Task<IReadOnlyList<EvidenceEvent>> EvidenceAsync(PortalDbContext db, int invitationId, CancellationToken ct) =>
        [.. (await db.Set<ConsentInvitationEvent>().AsNoTracking().Where(e => e.InvitationId == invitationId).ToListAsync(ct))
            .OrderBy(e => e.AtUtc).ThenBy(e => e.Id)
            .Select(e => new EvidenceEvent(e.Kind, e.AtUtc, e.Detail, e.IpAddress, e.UserAgent))];
}
