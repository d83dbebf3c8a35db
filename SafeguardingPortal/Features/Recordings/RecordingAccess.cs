using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SafeguardingPortal.Features.Activities;
using SafeguardingPortal.Features.Children;
using SafeguardingPortal.Features.Families;

namespace SafeguardingPortal.Features.Recordings;

/// <summary>
/// One time someone opened or watched a recording: who, when and why. Kept after the recording is
/// disposed of, since it names staff, not the people recorded.
/// </summary>
public sealed class RecordingAccess
{
    public long Id { get; set; }

    public int RecordingId { get; set; }

    public Recording? Recording { get; set; }

    public string AccessedByUserId { get; set; } = "";

    public string AccessedByName { get; set; } = "";

    public DateTimeOffset AccessedAtUtc { get; set; }

    public string Reason { get; set; } = "";
}

/// <summary>
/// A written agreement with a family who records a session themselves (a parent filming their child's
/// performance, a child recording a tutorial to revise from): what they will use it for and how long
/// they will keep it, tied to the session and the child.
/// </summary>
public sealed class FamilyRecordingAgreement
{
    public int Id { get; set; }

    /// <summary>A reference people can read out, e.g. "A-7K3M-9QXD".</summary>
    public string Reference { get; set; } = "";

    public int ActivitySessionId { get; set; }

    public ActivitySession? ActivitySession { get; set; }

    public int ChildId { get; set; }

    public Child? Child { get; set; }

    /// <summary>The parent or carer who agreed; null when the child agreed for themselves.</summary>
    public int? ParentCarerId { get; set; }

    public ParentCarer? ParentCarer { get; set; }

    /// <summary>The name of whoever agreed, as it was when they agreed.</summary>
    public string AgreedByName { get; set; } = "";

    /// <summary>What they will use the recording for.</summary>
    public string UsedFor { get; set; } = "";

    /// <summary>The last day they will keep it.</summary>
    public DateOnly KeepUntil { get; set; }

    /// <summary>Whether they also agreed not to share it beyond their own family.</summary>
    public bool NotShared { get; set; }

    public DateOnly AgreedOn { get; set; }

    public string RecordedByUserId { get; set; } = "";

    public string RecordedByName { get; set; } = "";

    public DateTimeOffset RecordedAtUtc { get; set; }
}

internal sealed class RecordingAccessConfiguration : IEntityTypeConfiguration<RecordingAccess>
{
    public void Configure(EntityTypeBuilder<RecordingAccess> builder)
    {
        builder.ToTable("RecordingAccesses");
        builder.Property(a => a.AccessedByUserId).HasMaxLength(450);
        builder.Property(a => a.AccessedByName).HasMaxLength(200);
        builder.Property(a => a.Reason).HasMaxLength(RecordingRules.TextLength);
        builder.HasIndex(a => new { a.RecordingId, a.AccessedAtUtc });
        builder.HasOne(a => a.Recording).WithMany().HasForeignKey(a => a.RecordingId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class FamilyRecordingAgreementConfiguration : IEntityTypeConfiguration<FamilyRecordingAgreement>
{
    public void Configure(EntityTypeBuilder<FamilyRecordingAgreement> builder)
    {
        builder.ToTable("FamilyRecordingAgreements");
        builder.Property(a => a.Reference).HasMaxLength(16);
        builder.HasIndex(a => a.Reference).IsUnique();
        builder.Property(a => a.AgreedByName).HasMaxLength(200);
        builder.Property(a => a.UsedFor).HasMaxLength(RecordingRules.TextLength);
        builder.Property(a => a.RecordedByUserId).HasMaxLength(450);
        builder.Property(a => a.RecordedByName).HasMaxLength(200);
        builder.HasIndex(a => a.ActivitySessionId);
        builder.HasIndex(a => a.ChildId);
        builder.HasOne(a => a.ActivitySession).WithMany().HasForeignKey(a => a.ActivitySessionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(a => a.Child).WithMany().HasForeignKey(a => a.ChildId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(a => a.ParentCarer).WithMany().HasForeignKey(a => a.ParentCarerId).OnDelete(DeleteBehavior.Restrict);
    }
}
