using Microsoft.Extensions.Options;
using SafeguardingPortal.Features.Consent;
using SafeguardingPortal.Features.Documents.Public;
using SafeguardingPortal.Infrastructure.Data;
using SafeguardingPortal.Infrastructure.Pdf;

namespace SafeguardingPortal.Features.Documents;

/// <summary>
/// Issues documents: renders, seals (when a certificate is configured), hashes, and adds the
/// <see cref="IssuedDocument"/> to the caller's context. The caller saves, so the document is issued
/// in the same transaction as the signature or withdrawal it records, or not at all.
/// </summary>
public sealed class DocumentIssuer(DocumentSealer sealer, IOptions<PortalOptions> portal)
{
    /// <summary>The public page where anyone can check a document.</summary>
    public string VerifyAddress => portal.Value.LinkTo(DocumentVerificationEndpoints.VerifyPath);

    public bool SealsDocuments => sealer.IsConfigured;

    /// <summary>Renders and adds the document to <paramref name="db"/> (not saved). The reference must be new.</summary>
    public IssuedDocument Issue(PortalDbContext db, DocumentKind kind, int relatedId, ComposedDocument document, DateTimeOffset issuedAt)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(document);
        var rendered = Render(document with { Info = document.Info with { CreatedAtUtc = issuedAt } });
        var issued = new IssuedDocument
        {
            Reference = document.Info.Reference,
            Kind = kind,
            RelatedId = relatedId,
            FileName = document.FileName,
            Bytes = rendered.Bytes,
            Sha256 = rendered.Sha256,
            Length = rendered.Bytes.LongLength,
            IssuedAtUtc = issuedAt,
            Sealed = rendered.Sealed,
            SealThumbprint = rendered.SealThumbprint,
        };
        db.IssuedDocuments.Add(issued);
        return issued;
    }

    /// <summary>The consent record for the signature <paramref name="signatureId"/>, under the signature's reference.</summary>
    public IssuedDocument IssueConsentRecord(PortalDbContext db, int signatureId, ConsentRecordModel model, DateTimeOffset issuedAt) =>
        Issue(db, DocumentKind.ConsentRecord, signatureId, ConsentRecordDocument.Compose(model), issuedAt);

    /// <summary>The receipt for the withdrawal <paramref name="withdrawalId"/>, under the withdrawal's reference.</summary>
    public IssuedDocument IssueWithdrawalReceipt(PortalDbContext db, int withdrawalId, WithdrawalReceiptModel model, DateTimeOffset issuedAt) =>
        Issue(db, DocumentKind.WithdrawalReceipt, withdrawalId, WithdrawalReceiptDocument.Compose(model), issuedAt);

    /// <summary>Renders without issuing (previews, measurements): nothing is stored.</summary>
    public RenderedDocument Render(ComposedDocument document) => PortalDocumentRenderer.Render(document, sealer, VerifyAddress);
}
