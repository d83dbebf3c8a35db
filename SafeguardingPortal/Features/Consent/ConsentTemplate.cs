using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace SafeguardingPortal.Features.Consent;

/// <summary>
/// What a consent item is about. Rules elsewhere (recording coverage, disposal on withdrawal) key on
/// the kind, never on the wording of the label.
/// </summary>
public enum ConsentItemKind
{
    TakePartOnline = 0,
    PhotosShared = 1,
    VideosShared = 2,
    SessionRecorded = 3,
    Livestream = 4,
    Other = 5,
}

/// <summary>Who a template asks.</summary>
public enum ConsentAudience
{
    /// <summary>Parents and carers with parental responsibility and, from the configured age, the child.</summary>
    Children = 0,

    /// <summary>Staff, volunteers and contract workers, each for themselves.</summary>
    Adults = 1,
}

/// <summary>
/// A consent form as it is being edited. Publishing copies it into an immutable
/// <see cref="ConsentTemplateVersion"/>; requests are always sent from a published version.
/// </summary>
public sealed class ConsentTemplate
{
    public int Id { get; set; }

    public string Name { get; set; } = "";

    public ConsentAudience Audience { get; set; }

    public string Title { get; set; } = "";

    /// <summary>Addressed to the parent or carer (or, for adults, to the adult).</summary>
    public string Introduction { get; set; } = "";

    /// <summary>Addressed to the child, in words suited to a child.</summary>
    public string ChildIntroduction { get; set; } = "";

    public List<ConsentTemplateItem> Items { get; set; } = [];

    /// <summary>The draft differs from the latest published version (or nothing is published yet).</summary>
    public bool HasUnpublishedChanges { get; set; } = true;

    public int LatestVersionNumber { get; set; }

    public bool IsArchived { get; set; }

    public DateTimeOffset CreatedAtUtc { get; set; }

    public DateTimeOffset UpdatedAtUtc { get; set; }

    public Guid Version { get; set; }
}

/// <summary>One item of a draft template.</summary>
public sealed class ConsentTemplateItem
{
    public int Id { get; set; }

    public int TemplateId { get; set; }

    public int Position { get; set; }

    public ConsentItemKind Kind { get; set; }

    public string Label { get; set; } = "";

    public string Explanation { get; set; } = "";

    public string ChildExplanation { get; set; } = "";

    public bool Required { get; set; }
}

/// <summary>
/// A published version of a template: never changed or deleted (the database refuses), so the wording
/// a person was shown can always be recovered exactly; <see cref="ContentSha256"/> is the SHA-256 of
/// <see cref="ContentJson"/>, the canonical form of that wording.
/// </summary>
public sealed class ConsentTemplateVersion
{
    public int Id { get; set; }

    public int TemplateId { get; set; }

    public ConsentTemplate? Template { get; set; }

    public int Number { get; set; }

    public string Name { get; set; } = "";

    public ConsentAudience Audience { get; set; }

    public string Title { get; set; } = "";

    public string Introduction { get; set; } = "";

    public string ChildIntroduction { get; set; } = "";

    public List<ConsentTemplateVersionItem> Items { get; set; } = [];

    public string ContentJson { get; set; } = "";

    public string ContentSha256 { get; set; } = "";

    public DateTimeOffset PublishedAtUtc { get; set; }

    public string PublishedBy { get; set; } = "";
}

/// <summary>One item of a published version.</summary>
public sealed class ConsentTemplateVersionItem
{
    public int Id { get; set; }

    public int VersionId { get; set; }

    public int Position { get; set; }

    public ConsentItemKind Kind { get; set; }

    public string Label { get; set; } = "";

    public string Explanation { get; set; } = "";

    public string ChildExplanation { get; set; } = "";

    public bool Required { get; set; }
}

internal sealed class ConsentTemplateConfiguration : IEntityTypeConfiguration<ConsentTemplate>
{
    public void Configure(EntityTypeBuilder<ConsentTemplate> builder)
    {
        builder.Property(t => t.Name).HasMaxLength(ConsentTemplateValidator.NameMaxLength);
        builder.Property(t => t.Audience).HasConversion<string>().HasMaxLength(16);
        builder.Property(t => t.Title).HasMaxLength(ConsentTemplateValidator.TitleMaxLength);
        builder.Property(t => t.Introduction).HasMaxLength(ConsentTemplateValidator.TextMaxLength);
        builder.Property(t => t.ChildIntroduction).HasMaxLength(ConsentTemplateValidator.TextMaxLength);
        builder.Property(t => t.Version).IsConcurrencyToken();
        builder.HasIndex(t => t.Name).IsUnique();
        builder.HasMany(t => t.Items).WithOne().HasForeignKey(i => i.TemplateId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ConsentTemplateItemConfiguration : IEntityTypeConfiguration<ConsentTemplateItem>
{
    public void Configure(EntityTypeBuilder<ConsentTemplateItem> builder)
    {
        builder.ToTable("ConsentTemplateItems");
        builder.Property(i => i.Kind).HasConversion<string>().HasMaxLength(24);
        builder.Property(i => i.Label).HasMaxLength(ConsentTemplateValidator.LabelMaxLength);
        builder.Property(i => i.Explanation).HasMaxLength(ConsentTemplateValidator.TextMaxLength);
        builder.Property(i => i.ChildExplanation).HasMaxLength(ConsentTemplateValidator.TextMaxLength);
    }
}

internal sealed class ConsentTemplateVersionConfiguration : IEntityTypeConfiguration<ConsentTemplateVersion>
{
    public void Configure(EntityTypeBuilder<ConsentTemplateVersion> builder)
    {
        builder.ToTable("ConsentTemplateVersions");
        builder.Property(v => v.Name).HasMaxLength(ConsentTemplateValidator.NameMaxLength);
        builder.Property(v => v.Audience).HasConversion<string>().HasMaxLength(16);
        builder.Property(v => v.Title).HasMaxLength(ConsentTemplateValidator.TitleMaxLength);
        builder.Property(v => v.ContentSha256).HasMaxLength(64);
        builder.Property(v => v.PublishedBy).HasMaxLength(256);
        builder.HasIndex(v => new { v.TemplateId, v.Number }).IsUnique();
        builder.HasOne(v => v.Template).WithMany().HasForeignKey(v => v.TemplateId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(v => v.Items).WithOne().HasForeignKey(i => i.VersionId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ConsentTemplateVersionItemConfiguration : IEntityTypeConfiguration<ConsentTemplateVersionItem>
{
    public void Configure(EntityTypeBuilder<ConsentTemplateVersionItem> builder)
    {
        builder.ToTable("ConsentTemplateVersionItems");
        builder.Property(i => i.Kind).HasConversion<string>().HasMaxLength(24);
        builder.Property(i => i.Label).HasMaxLength(ConsentTemplateValidator.LabelMaxLength);
        builder.HasIndex(i => new { i.VersionId, i.Position }).IsUnique();
    }
}
