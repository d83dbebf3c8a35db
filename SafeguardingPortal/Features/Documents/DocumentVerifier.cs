using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using SafeguardingPortal.Features.Settings;
using SafeguardingPortal.Infrastructure.Audit;
using SafeguardingPortal.Infrastructure.Data;
using SafeguardingPortal.Infrastructure.Pdf;

namespace SafeguardingPortal.Features.Documents;

public enum VerificationVerdict
{
    /// <summary>Byte for byte the file the portal issued.</summary>
    Genuine,

    /// <summary>It names a document the portal issued, but its bytes are not the issued ones.</summary>
    Altered,

    /// <summary>The portal has no record of it.</summary>
    NotIssued,

    NotPdf,

    TooLarge,

    /// <summary>No file, or an empty one.</summary>
    NoFile,
}

/// <summary>What the verify page tells the person who uploaded a file.</summary>
/// <param name="Headline">The answer in one sentence.</param>
/// <param name="Details">Further plain sentences (what it means, what to do).</param>
public sealed record VerificationResult(
    VerificationVerdict Verdict,
    string Headline,
    IReadOnlyList<string> Details,
    string? Reference = null,
    DocumentKind? Kind = null,
    DateTimeOffset? IssuedAtUtc = null,
    bool IssuedSealed = false,
    SealStatus Seal = SealStatus.None,
    bool SealMatchesIssuer = false);

/// <summary>
/// Answers "is this file one the portal issued, unaltered?" for the public verify page: the upload's
/// SHA-256 against the stored ones, the reference in its metadata, and its seal checked on its own
/// (signature over the signed byte ranges, signer fingerprint against the one stored at issue).
/// Every check is audited as a security event, without the file's contents.
/// </summary>
public sealed class DocumentVerifier(IDbContextFactory<PortalDbContext> dbFactory, OrganisationSettingsService organisation, Infrastructure.PortalClock clock)
{
    public const int MaxMegabytes = 10;
    public const long MaxBytes = MaxMegabytes * 1024L * 1024L;
    public const string AuditEntityType = nameof(IssuedDocument);

    /// <param name="content">The uploaded file (read up to one byte past the limit).</param>
    /// <param name="declaredLength">The length the upload declared, when known: too large is answered without reading.</param>
    public async Task<VerificationResult> VerifyAsync(Stream? content, long? declaredLength, CancellationToken ct = default)
    {
        VerificationResult result;
        string fingerprint = "";
        if (content is null || declaredLength == 0)
        {
            result = new VerificationResult(VerificationVerdict.NoFile, "Choose a PDF file to check.", []);
        }
        else if (declaredLength > MaxBytes)
        {
            result = TooLarge();
        }
        else
        {
            var bytes = await ReadUpToAsync(content, MaxBytes + 1, ct);
            if (bytes.Length == 0)
            {
                result = new VerificationResult(VerificationVerdict.NoFile, "Choose a PDF file to check.", ["The file you chose is empty."]);
            }
            else if (bytes.Length > MaxBytes)
            {
                result = TooLarge();
            }
            else
            {
                fingerprint = Convert.ToHexStringLower(SHA256.HashData(bytes));
                result = IsPdf(bytes)
                    ? await CheckAsync(bytes, fingerprint, ct)
                    : new VerificationResult(VerificationVerdict.NotPdf, "This file is not a PDF.", ["Choose the PDF document the portal issued (its name ends in .pdf)."]);
            }
        }

        await AuditAsync(result, fingerprint, ct);
        return result;
    }

    /// <summary>A PDF starts with "%PDF-" (readers accept it within the first kilobyte).</summary>
    public static bool IsPdf(ReadOnlySpan<byte> content) => content[..Math.Min(content.Length, 1024)].IndexOf("%PDF-"u8) >= 0;

    private async Task<VerificationResult> CheckAsync(byte[] bytes, string sha256, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var byHash = await db.IssuedDocuments.AsNoTracking().Where(d => d.Sha256 == sha256)
            .Select(d => new Issued(d.Reference, d.Kind, d.IssuedAtUtc, d.Sealed, d.SealThumbprint, d.RelatedId)).FirstOrDefaultAsync(ct);
        var seal = PdfSealInspector.Inspect(bytes);
        var organisationName = (await organisation.GetAsync(ct)).Name;

        if (byHash is not null)
        {
            var sealMatches = seal.Status == SealStatus.Valid && seal.CoversWholeFile
                && string.Equals(seal.SignerThumbprint, byHash.SealThumbprint, StringComparison.OrdinalIgnoreCase);
            var when = DocumentText.UkDateTime(byHash.IssuedAtUtc);
            string[] since = await SinceIssuedAsync(db, byHash, ct) is { } later ? [later] : [];
            if (!byHash.Sealed)
            {
                return new VerificationResult(VerificationVerdict.Genuine,
                    $"Issued by {organisationName} through this portal on {when}, unaltered since. It was issued unsealed.",
                    [$"Reference {byHash.Reference}. The file is exactly the one the portal issued.",
                        "It has no digital seal because no sealing certificate was set up when it was issued, so only this check (not a PDF reader) can confirm it.", .. since],
                    byHash.Reference, byHash.Kind, byHash.IssuedAtUtc, false, seal.Status, false);
            }

            return sealMatches
                ? new VerificationResult(VerificationVerdict.Genuine,
                    $"Issued by {organisationName} through this portal on {when}, unaltered since, seal valid.",
                    [$"Reference {byHash.Reference}. The file is exactly the one the portal issued, and its digital seal ({seal.SignerName}) checks out.", .. since],
                    byHash.Reference, byHash.Kind, byHash.IssuedAtUtc, true, seal.Status, true)
                : new VerificationResult(VerificationVerdict.Genuine,
                    $"Issued by {organisationName} through this portal on {when}, unaltered since; its seal could not be confirmed.",
                    [$"Reference {byHash.Reference}. The file is exactly the one the portal issued, but its digital seal did not check out. Please tell {organisationName}.", .. since],
                    byHash.Reference, byHash.Kind, byHash.IssuedAtUtc, true, seal.Status, false);
        }

        var reference = PdfReferenceReader.TryRead(bytes);
        var claimed = reference is null ? null : await db.IssuedDocuments.AsNoTracking().Where(d => d.Reference == reference)
            .Select(d => new Issued(d.Reference, d.Kind, d.IssuedAtUtc, d.Sealed, d.SealThumbprint, d.RelatedId)).FirstOrDefaultAsync(ct);
        if (claimed is null)
        {
            return new VerificationResult(VerificationVerdict.NotIssued, "This file was not issued by this portal.",
                [$"The portal has no record of this file. If you were told it came from {organisationName}, ask them for a copy."], reference, Seal: seal.Status);
        }

        var details = new List<string>
        {
            $"It carries the reference {claimed.Reference} of a document issued on {DocumentText.UkDateTime(claimed.IssuedAtUtc)}, but it is not the same file: something in it was changed after it was issued.",
        };
        details.Add(seal.Status switch
        {
            SealStatus.Valid when !seal.CoversWholeFile => "Its digital seal covers only part of the file: more was added after it was sealed.",
            SealStatus.Valid => "It carries a valid digital seal, but not the one this portal's copy has.",
            SealStatus.Invalid => "Its digital seal no longer matches its contents.",
            SealStatus.Unreadable => "Its digital seal cannot be read.",
            _ => claimed.Sealed ? "The issued copy was digitally sealed; this file has no seal." : "The issued copy was not sealed.",
        });
        details.Add($"Do not rely on it. Ask {organisationName} for a copy of the original.");
        return new VerificationResult(VerificationVerdict.Altered, "This file has been altered after it was issued.", details,
            claimed.Reference, claimed.Kind, claimed.IssuedAtUtc, claimed.Sealed, seal.Status, false);
    }

    private async Task AuditAsync(VerificationResult result, string sha256, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var what = result.Verdict switch
        {
            VerificationVerdict.Genuine => result.SealMatchesIssuer ? "genuine, seal valid" : "genuine",
            VerificationVerdict.Altered => "altered after issue",
            VerificationVerdict.NotIssued => "not issued by this portal",
            VerificationVerdict.NotPdf => "not a PDF",
            VerificationVerdict.TooLarge => "too large",
            _ => "no file",
        };
        var summary = result.Reference is null ? $"A file was checked on the verify page: {what}" : $"Document {result.Reference} was checked on the verify page: {what}";
        if (sha256.Length > 0)
        {
            summary += $" (upload SHA-256 {sha256})";
        }

        db.AddAuditEvent(AuditActions.DocumentVerified, summary, AuditEntityType, result.Reference ?? "");
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The answer to a file over the limit.</summary>
    public static VerificationResult TooLargeResult { get; } = TooLarge();

    private static VerificationResult TooLarge() =>
        new(VerificationVerdict.TooLarge, $"This file is too large to check: the limit is {MaxMegabytes} MB.", ["Documents the portal issues are much smaller than that; check you chose the right file."]);

    private static async Task<byte[]> ReadUpToAsync(Stream content, long limit, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while (buffer.Length < limit && (read = await content.ReadAsync(chunk.AsMemory(0, (int)Math.Min(chunk.Length, limit - buffer.Length)), ct)) > 0)
        {
            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private sealed record Issued(string Reference, DocumentKind Kind, DateTimeOffset IssuedAtUtc, bool Sealed, string? SealThumbprint, int RelatedId);

    /// <summary>
    /// What has happened since a device authorisation record was issued: a genuine record of an
    /// authorisation that was revoked or has ended must not pass for one in force.
    /// </summary>
    private async Task<string?> SinceIssuedAsync(PortalDbContext db, Issued issued, CancellationToken ct)
    {
        if (issued.Kind == DocumentKind.ConsentRecord)
        {
            // A consent record stays genuine after a withdrawal, but whoever holds it must know it no longer stands in full.
            var withdrawals = await db.Set<Consent.ConsentWithdrawal>().AsNoTracking().Where(w => w.SignatureId == issued.RelatedId)
                .Select(w => new { w.Reference, w.WithdrawnAtUtc, w.Items }).ToListAsync(ct);
            return withdrawals.Count == 0
                ? "No consent on it has been withdrawn since it was issued."
                : "Since it was issued, consent was withdrawn: " + string.Join("; ", withdrawals.OrderBy(w => w.WithdrawnAtUtc)
                    .Select(w => $"{w.Items} on {DocumentText.UkDateTime(w.WithdrawnAtUtc)} (reference {w.Reference})")) + ". Those answers no longer stand.";
        }

        if (issued.Kind != DocumentKind.DeviceAuthorisation)
        {
            return null;
        }

        var now = await db.DeviceAuthorisations.AsNoTracking().Where(a => a.Id == issued.RelatedId)
            .Select(a => new { a.Decision, a.RevokedAtUtc, a.ValidUntil }).FirstOrDefaultAsync(ct);
        return now switch
        {
            null => null,
            { Decision: Devices.DeviceDecision.Revoked, RevokedAtUtc: { } at } => $"Since it was issued, this authorisation was revoked on {DocumentText.UkDateTime(at)}: it is no longer in force.",
            { ValidUntil: { } until } when until < People.UkCalendar.Today(clock) => $"This authorisation ended on {until.ToString("d MMMM yyyy", Hosting.PortalWebExtensions.UkCulture)}: it is no longer in force.",
            _ => "This authorisation is still in force today.",
        };
    }
}
