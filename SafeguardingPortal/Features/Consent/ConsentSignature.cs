using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SafeguardingPortal.Infrastructure.Audit;

namespace SafeguardingPortal.Features.Consent;

public enum SignatureSource
{
    /// <summary>Signed on the public page through an e-mailed link.</summary>
    Online = 0,

    /// <summary>A paper form recorded by staff, with its scan attached.</summary>
    Paper = 1,
}

/// <summary>
/// One person's answers to one consent form for one activity, with the evidence of how they gave
/// them. Never changed: a withdrawal is recorded beside it (<see cref="ConsentWithdrawal"/>).
/// </summary>
public sealed class ConsentSignature
{
    public int Id { get; set; }

    /// <summary>A reference people can quote, e.g. "C-2026-000123".</summary>
    public string Reference { get; set; } = "";

    /// <summary>The invitation answered (one signature per invitation at most); null for paper forms recorded without one.</summary>
    public int? InvitationId { get; set; }

    public int ActivityId { get; set; }

    public int TemplateVersionId { get; set; }

    public ConsentTemplateVersion? TemplateVersion { get; set; }

    public SignatureSource Source { get; set; }

    public SignerKind SignerKind { get; set; }

    public int? ChildId { get; set; }

    public int? ParentCarerId { get; set; }

    public int? StaffMemberId { get; set; }

    /// <summary>Whose consent this is: the child's or the adult's name when signed.</summary>
    public string SubjectName { get; set; } = "";

    /// <summary>The signer's full name as they typed it.</summary>
    public string SignerName { get; set; } = "";

    /// <summary>As the signer stated it, e.g. "Mother", "Myself".</summary>
    public string Relationship { get; set; } = "";

    public string SignerEmail { get; set; } = "";

    /// <summary>A drawn signature (PNG), when one was given.</summary>
    public byte[]? SignatureImage { get; set; }

    public DateTimeOffset SignedAtUtc { get; set; }

    public string IpAddress { get; set; } = "";

    public string UserAgent { get; set; } = "";

    /// <summary>SHA-256 of exactly what the signer was shown.</summary>
    public string PresentedSha256 { get; set; } = "";

    /// <summary>SHA-256 of the answers in canonical form (see <see cref="ConsentPresentation.AnswersSha256"/>).</summary>
    public string AnswersSha256 { get; set; } = "";

    /// <summary>For paper forms: who recorded it.</summary>
    public string RecordedBy { get; set; } = "";

    public List<ConsentAnswer> Answers { get; set; } = [];

    public List<ConsentWithdrawal> Withdrawals { get; set; } = [];
}

/// <summary>The answer to one item: given or refused.</summary>
public sealed class ConsentAnswer
{
    public int Id { get; set; }

    public int SignatureId { get; set; }

    public int TemplateItemId { get; set; }

    public ConsentItemKind Kind { get; set; }

    public string Label { get; set; } = "";

    public bool Given { get; set; }
}

/// <summary>One answer a withdrawal withdrew; an answer can be withdrawn once.</summary>
public sealed class ConsentWithdrawalItem
{
    public int Id { get; set; }

    public int WithdrawalId { get; set; }

    public int AnswerId { get; set; }
}

public enum WithdrawalMethod
{
    /// <summary>Through the link in the confirmation e-mail.</summary>
    Link = 0,
    Phone = 1,
    Letter = 2,
    Email = 3,
    InPerson = 4,
}

/// <summary>
/// Consent withdrawn for some or all given items of a signature. It takes effect at once and waits
/// for a safeguarding lead to acknowledge it (until then it is "not yet acted on").
/// </summary>
public sealed class ConsentWithdrawal
{
    public int Id { get; set; }

    public string Reference { get; set; } = "";

    public int SignatureId { get; set; }

    public ConsentSignature? Signature { get; set; }

    public WithdrawalMethod Method { get; set; }

    /// <summary>Who withdrew, as they gave their name.</summary>
    public string WithdrawnByName { get; set; } = "";

    public DateTimeOffset WithdrawnAtUtc { get; set; }

    public string Reason { get; set; } = "";

    /// <summary>The staff member who recorded a withdrawal received by phone, letter or in person.</summary>
    public string RecordedBy { get; set; } = "";

    public string IpAddress { get; set; } = "";

    public string UserAgent { get; set; } = "";

    /// <summary>Which item kinds were withdrawn, comma-separated in form order (for lists and e-mails).</summary>
    public string Items { get; set; } = "";

    public DateTimeOffset? AcknowledgedAtUtc { get; set; }

    public string AcknowledgedBy { get; set; } = "";

    public string AcknowledgementNote { get; set; } = "";

    public Guid Version { get; set; }

    public List<ConsentWithdrawalItem> Answers { get; set; } = [];
}

/// <summary>The scan of a paper consent form, kept in the database under a generated name.</summary>
public sealed class ConsentScan
{
    public int Id { get; set; }

    public int SignatureId { get; set; }

    public string StoredName { get; set; } = "";

    public string ContentType { get; set; } = "";

    public byte[] Content { get; set; } = [];

    public string Sha256 { get; set; } = "";

    public long Length { get; set; }
}

internal sealed class ConsentSignatureConfiguration : IEntityTypeConfiguration<ConsentSignature>
{
    public void Configure(EntityTypeBuilder<ConsentSignature> builder)
    {
        builder.ToTable("ConsentSignatures");
        builder.Property(s => s.Reference).HasMaxLength(20);
        builder.Property(s => s.Source).HasConversion<string>().HasMaxLength(16);
        builder.Property(s => s.SignerKind).HasConversion<string>().HasMaxLength(16);
        builder.Property(s => s.SubjectName).HasMaxLength(220);
        builder.Property(s => s.SignerName).HasMaxLength(200);
        builder.Property(s => s.Relationship).HasMaxLength(60);
        builder.Property(s => s.SignerEmail).HasMaxLength(254);
        builder.Property(s => s.SignatureImage).IsIgnoredByAudit();
        builder.Property(s => s.IpAddress).HasMaxLength(64);
        builder.Property(s => s.UserAgent).HasMaxLength(512);
        builder.Property(s => s.PresentedSha256).HasMaxLength(64);
        builder.Property(s => s.AnswersSha256).HasMaxLength(64);
        builder.Property(s => s.RecordedBy).HasMaxLength(256);
        builder.HasIndex(s => s.Reference).IsUnique();
        builder.HasIndex(s => s.InvitationId).IsUnique();
        builder.HasIndex(s => new { s.ActivityId, s.ChildId });
        builder.HasIndex(s => s.ChildId);
        builder.HasIndex(s => s.StaffMemberId);
        builder.HasOne<ConsentInvitation>().WithMany().HasForeignKey(s => s.InvitationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(s => s.TemplateVersion).WithMany().HasForeignKey(s => s.TemplateVersionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(s => s.Answers).WithOne().HasForeignKey(a => a.SignatureId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(s => s.Withdrawals).WithOne(w => w.Signature).HasForeignKey(w => w.SignatureId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ConsentAnswerConfiguration : IEntityTypeConfiguration<ConsentAnswer>
{
    public void Configure(EntityTypeBuilder<ConsentAnswer> builder)
    {
        builder.ToTable("ConsentAnswers");
        builder.Property(a => a.Kind).HasConversion<string>().HasMaxLength(24);
        builder.Property(a => a.Label).HasMaxLength(ConsentTemplateValidator.LabelMaxLength);
        builder.HasIndex(a => new { a.SignatureId, a.TemplateItemId }).IsUnique();
    }
}

internal sealed class ConsentWithdrawalItemConfiguration : IEntityTypeConfiguration<ConsentWithdrawalItem>
{
    public void Configure(EntityTypeBuilder<ConsentWithdrawalItem> builder)
    {
        builder.ToTable("ConsentWithdrawalItems");
        builder.HasIndex(i => i.AnswerId).IsUnique();
        builder.HasOne<ConsentWithdrawal>().WithMany(w => w.Answers).HasForeignKey(i => i.WithdrawalId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<ConsentAnswer>().WithMany().HasForeignKey(i => i.AnswerId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ConsentWithdrawalConfiguration : IEntityTypeConfiguration<ConsentWithdrawal>
{
    public void Configure(EntityTypeBuilder<ConsentWithdrawal> builder)
    {
        builder.ToTable("ConsentWithdrawals");
        builder.Property(w => w.Reference).HasMaxLength(20);
        builder.Property(w => w.Method).HasConversion<string>().HasMaxLength(16);
        builder.Property(w => w.WithdrawnByName).HasMaxLength(200);
        builder.Property(w => w.Reason).HasMaxLength(1000);
        builder.Property(w => w.RecordedBy).HasMaxLength(256);
        builder.Property(w => w.IpAddress).HasMaxLength(64);
        builder.Property(w => w.UserAgent).HasMaxLength(512);
        builder.Property(w => w.Items).HasMaxLength(400);
        builder.Property(w => w.AcknowledgedBy).HasMaxLength(256);
        builder.Property(w => w.AcknowledgementNote).HasMaxLength(2000);
        builder.Property(w => w.Version).IsConcurrencyToken();
        builder.HasIndex(w => w.Reference).IsUnique();
        builder.HasIndex(w => w.AcknowledgedAtUtc);
    }
}

internal sealed class ConsentScanConfiguration : IEntityTypeConfiguration<ConsentScan>
{
    public void Configure(EntityTypeBuilder<ConsentScan> builder)
    {
        builder.ToTable("ConsentScans");
        builder.Property(s => s.StoredName).HasMaxLength(64);
        builder.Property(s => s.ContentType).HasMaxLength(40);
        builder.Property(s => s.Content).IsIgnoredByAudit();
        builder.Property(s => s.Sha256).HasMaxLength(64);
        builder.HasIndex(s => s.SignatureId).IsUnique();
        builder.HasOne<ConsentSignature>().WithMany().HasForeignKey(s => s.SignatureId).OnDelete(DeleteBehavior.Restrict);
    }
}
