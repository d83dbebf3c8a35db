using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace SafeguardingPortal.Infrastructure.Audit;

/// <summary>
/// One link of the tamper-evident audit trail. <see cref="ContentDigest"/> is the SHA-256 of the
/// recorded values (who by name, IP, summary, field changes); <see cref="Hash"/> chains that digest
/// with the event's header and the previous event's hash. Personal values can later be erased
/// without breaking the chain, because the chain covers only their digest.
/// </summary>
public sealed class AuditEvent
{
    public long Id { get; set; }

    /// <summary>1, 2, 3, … with no gaps; unique, so concurrent appends cannot fork the chain.</summary>
    public long Sequence { get; set; }

    public DateTimeOffset OccurredAtUtc { get; set; }

    public AuditActorKind ActorKind { get; set; }

    /// <summary>The acting user's stable identifier (empty for system, anonymous and signing-link actors).</summary>
    public string ActorKey { get; set; } = "";

    public string ActorName { get; set; } = "";

    /// <summary>The client's address as the server saw it (after trusted proxies only).</summary>
    public string IpAddress { get; set; } = "";

    public string Action { get; set; } = "";

    public string EntityType { get; set; } = "";

    public string EntityKey { get; set; } = "";

    public string Summary { get; set; } = "";

    /// <summary>The changed fields as canonical JSON: [{"field":…,"old":…,"new":…}], sensitive ones without values.</summary>
    public string Changes { get; set; } = "";

    public string ContentDigest { get; set; } = "";

    public string PreviousHash { get; set; } = "";

    public string Hash { get; set; } = "";
}

internal sealed class AuditEventConfiguration : IEntityTypeConfiguration<AuditEvent>
{
    public void Configure(EntityTypeBuilder<AuditEvent> builder)
    {
        builder.ToTable("AuditEvents");
        builder.HasKey(e => e.Id);
        builder.HasIndex(e => e.Sequence).IsUnique();
        builder.HasIndex(e => e.OccurredAtUtc);
        builder.HasIndex(e => new { e.EntityType, e.EntityKey, e.Sequence });
        builder.HasIndex(e => new { e.ActorKey, e.Sequence });
        builder.HasIndex(e => new { e.Action, e.Sequence });
        builder.Property(e => e.ActorKey).HasMaxLength(450);
        builder.Property(e => e.ActorName).HasMaxLength(256);
        builder.Property(e => e.IpAddress).HasMaxLength(64);
        builder.Property(e => e.Action).HasMaxLength(64);
        builder.Property(e => e.EntityType).HasMaxLength(128);
        builder.Property(e => e.EntityKey).HasMaxLength(256);
        builder.Property(e => e.Summary).HasMaxLength(2000);
        builder.Property(e => e.ContentDigest).HasMaxLength(64);
        builder.Property(e => e.PreviousHash).HasMaxLength(64);
        builder.Property(e => e.Hash).HasMaxLength(64);
        builder.Property(e => e.ActorKind).HasConversion<string>().HasMaxLength(32);
        builder.HasAnnotation(AuditAnnotations.NotAudited, true);
    }
}
