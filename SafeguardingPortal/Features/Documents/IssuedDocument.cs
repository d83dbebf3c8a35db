using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SafeguardingPortal.Infrastructure.Audit;

namespace SafeguardingPortal.Features.Documents;

public enum DocumentKind
{
    /// <summary>The record of one consent signature, with its evidence page.</summary>
    ConsentRecord = 0,

    /// <summary>The receipt for a withdrawal of consent.</summary>
    WithdrawalReceipt = 1,

    /// <summary>The record of a personal device authorised for an activity.</summary>
    DeviceAuthorisation = 2,
}

/// <summary>
/// A PDF exactly as the portal issued it. The bytes are the record: they are generated once, kept
/// here (so every instance serves the same file) and never regenerated or changed; the database
/// refuses updates and deletes.
/// </summary>
public sealed class IssuedDocument
{
    public int Id { get; set; }

    /// <summary>The document's reference (the signature's or withdrawal's own), also inside the PDF's metadata.</summary>
    public string Reference { get; set; } = "";

    public DocumentKind Kind { get; set; }

    /// <summary>The record the document is about: a signature, a withdrawal or a device authorisation, by <see cref="Kind"/>.</summary>
    public int RelatedId { get; set; }

    public string FileName { get; set; } = "";

    public byte[] Bytes { get; set; } = [];

    /// <summary>SHA-256 of <see cref="Bytes"/>, lower-case hex.</summary>
    public string Sha256 { get; set; } = "";

    public long Length { get; set; }

    public DateTimeOffset IssuedAtUtc { get; set; }

    /// <summary>Whether the PDF carries the organisation's digital seal.</summary>
    public bool Sealed { get; set; }

    /// <summary>The SHA-256 fingerprint of the sealing certificate (hex), when sealed.</summary>
    public string? SealThumbprint { get; set; }
}

internal sealed class IssuedDocumentConfiguration : IEntityTypeConfiguration<IssuedDocument>
{
    public void Configure(EntityTypeBuilder<IssuedDocument> builder)
    {
        builder.ToTable("IssuedDocuments");
        builder.Property(d => d.Reference).HasMaxLength(40);
        builder.Property(d => d.Kind).HasConversion<string>().HasMaxLength(24);
        builder.Property(d => d.FileName).HasMaxLength(120);

        // The issuing is audited (reference, kind, hash, seal); the file itself is not copied into the trail.
        builder.Property(d => d.Bytes).IsIgnoredByAudit();
        builder.Property(d => d.Sha256).HasMaxLength(64);
        builder.Property(d => d.SealThumbprint).HasMaxLength(64);
        builder.HasIndex(d => d.Reference).IsUnique();
        builder.HasIndex(d => d.Sha256);
        builder.HasIndex(d => new { d.Kind, d.RelatedId });
    }
}

/// <summary>Finding issued documents to serve them exactly as issued.</summary>
public static class IssuedDocumentQueries
{
    /// <summary>The document issued for a record (a signature, a withdrawal), or null if none was.</summary>
    public static Task<IssuedDocument?> ForAsync(this IQueryable<IssuedDocument> documents, DocumentKind kind, int relatedId, CancellationToken ct = default) =>
        documents.AsNoTracking().Where(d => d.Kind == kind && d.RelatedId == relatedId).OrderBy(d => d.Id).FirstOrDefaultAsync(ct);

    public static Task<IssuedDocument?> ByReferenceAsync(this IQueryable<IssuedDocument> documents, string reference, CancellationToken ct = default) =>
        documents.AsNoTracking().FirstOrDefaultAsync(d => d.Reference == reference, ct);
}
