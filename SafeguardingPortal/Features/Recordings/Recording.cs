using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SafeguardingPortal.Features.Activities;
using SafeguardingPortal.Features.Children;
using SafeguardingPortal.Features.Staff;

namespace SafeguardingPortal.Features.Recordings;

/// <summary>Whether a recording still exists. A disposed recording stays on the register as a tombstone.</summary>
public enum RecordingStatus
{
    Held = 0,
    Disposed = 1,
}

/// <summary>Why a recording must be disposed of.</summary>
public enum DisposalReason
{
    RetentionEnded = 0,
    ConsentWithdrawn = 1,

    /// <summary>A later consent form refused recording for someone already recorded.</summary>
    ConsentRefused = 2,
}

/// <summary>
/// A recording of one activity session, made under one version of the recording policy. The portal does
/// not hold the video: it records where it is kept, who made it, who is in it, and when it must go.
/// </summary>
public sealed class Recording
{
    public int Id { get; set; }

    /// <summary>A reference people can read out, e.g. "R-7K3M-9QXD".</summary>
    public string Reference { get; set; } = "";

    public int ActivitySessionId { get; set; }

    public ActivitySession? ActivitySession { get; set; }

    /// <summary>The policy version in force when it was made: its retention, access and disposal rules apply.</summary>
    public int PolicyId { get; set; }

    public RecordingPolicy? Policy { get; set; }

    public string Purpose { get; set; } = "";

    /// <summary>Where the video is kept (a folder path or link); shown only to those the policy names. Cleared at disposal.</summary>
    public string StorageReference { get; set; } = "";

    public int MadeByStaffMemberId { get; set; }

    public StaffMember? MadeByStaffMember { get; set; }

    public string RegisteredByUserId { get; set; } = "";

    public string RegisteredByName { get; set; } = "";

    public DateTimeOffset RegisteredAtUtc { get; set; }

    /// <summary>The last day it may be kept: the session's UK date plus the policy's retention period.</summary>
    public DateOnly DeleteBy { get; set; }

    /// <summary>Those who were recorded, and those excluded from it by a recorded decision.</summary>
    public List<RecordingParticipant> Participants { get; set; } = [];

    /// <summary>How many people were recorded; kept after disposal, when the participants are removed.</summary>
    public int ParticipantCount { get; set; }

    public RecordingStatus Status { get; set; }

    public DateTimeOffset? DisposedAtUtc { get; set; }

    public Guid Version { get; set; }
}

/// <summary>A child or adult who took part in a recorded session.</summary>
public sealed class RecordingParticipant
{
    public int Id { get; set; }

    public int RecordingId { get; set; }

    public Recording? Recording { get; set; }

    public int? ChildId { get; set; }

    public Child? Child { get; set; }

    public int? StaffMemberId { get; set; }

    public StaffMember? StaffMember { get; set; }

    /// <summary>Left out of the recording (camera and microphone off, or not in the room) because their consent was not in place.</summary>
    public bool Excluded { get; set; }

    public string ExclusionNote { get; set; } = "";
}

/// <summary>"The children were asked and are comfortable being recorded", recorded once per session.</summary>
public sealed class SessionComfortCheck
{
    public int Id { get; set; }

    public int ActivitySessionId { get; set; }

    public ActivitySession? ActivitySession { get; set; }

    public string CheckedByUserId { get; set; } = "";

    public string CheckedByName { get; set; } = "";

    public DateTimeOffset CheckedAtUtc { get; set; }

    public string Note { get; set; } = "";
}

/// <summary>A recording that must be disposed of, and, once it is, who did it, when, how and their confirmation.</summary>
public sealed class DisposalTask
{
    public int Id { get; set; }

    public int RecordingId { get; set; }

    public Recording? Recording { get; set; }

    public DisposalReason Reason { get; set; }

    /// <summary>For a withdrawal, the withdrawal's reference; for a refusal, the reference of the consent record that refused.</summary>
    public string WithdrawalReference { get; set; } = "";

    public DateTimeOffset RaisedAtUtc { get; set; }

    public DateOnly DueBy { get; set; }

    public DateTimeOffset? CompletedAtUtc { get; set; }

    public string CompletedByUserId { get; set; } = "";

    public string CompletedByName { get; set; } = "";

    /// <summary>The disposal method of the recording's policy version, as it was carried out.</summary>
    public string Method { get; set; } = "";

    public string Confirmation { get; set; } = "";

    public Guid Version { get; set; }
}

internal sealed class RecordingConfiguration : IEntityTypeConfiguration<Recording>
{
    public void Configure(EntityTypeBuilder<Recording> builder)
    {
        builder.ToTable("Recordings");
        builder.Property(r => r.Reference).HasMaxLength(16);
        builder.HasIndex(r => r.Reference).IsUnique();
        builder.Property(r => r.Purpose).HasMaxLength(RecordingRules.TextLength);
        builder.Property(r => r.StorageReference).HasMaxLength(RecordingRules.StorageLength);
        builder.Property(r => r.RegisteredByUserId).HasMaxLength(450);
        builder.Property(r => r.RegisteredByName).HasMaxLength(200);
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(r => r.Version).IsConcurrencyToken();
        builder.HasIndex(r => new { r.Status, r.DeleteBy });
        builder.HasOne(r => r.ActivitySession).WithMany().HasForeignKey(r => r.ActivitySessionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(r => r.Policy).WithMany().HasForeignKey(r => r.PolicyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(r => r.MadeByStaffMember).WithMany().HasForeignKey(r => r.MadeByStaffMemberId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class RecordingParticipantConfiguration : IEntityTypeConfiguration<RecordingParticipant>
{
    public void Configure(EntityTypeBuilder<RecordingParticipant> builder)
    {
        builder.ToTable("RecordingParticipants");
        builder.Property(p => p.ExclusionNote).HasMaxLength(RecordingRules.TextLength);
        builder.HasIndex(p => p.ChildId);
        builder.HasIndex(p => p.StaffMemberId);
        builder.HasOne(p => p.Recording).WithMany(r => r.Participants).HasForeignKey(p => p.RecordingId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(p => p.Child).WithMany().HasForeignKey(p => p.ChildId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(p => p.StaffMember).WithMany().HasForeignKey(p => p.StaffMemberId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class SessionComfortCheckConfiguration : IEntityTypeConfiguration<SessionComfortCheck>
{
    public void Configure(EntityTypeBuilder<SessionComfortCheck> builder)
    {
        builder.ToTable("SessionComfortChecks");
        builder.HasIndex(c => c.ActivitySessionId).IsUnique();
        builder.Property(c => c.CheckedByUserId).HasMaxLength(450);
        builder.Property(c => c.CheckedByName).HasMaxLength(200);
        builder.Property(c => c.Note).HasMaxLength(RecordingRules.TextLength);
        builder.HasOne(c => c.ActivitySession).WithMany().HasForeignKey(c => c.ActivitySessionId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class DisposalTaskConfiguration : IEntityTypeConfiguration<DisposalTask>
{
    public void Configure(EntityTypeBuilder<DisposalTask> builder)
    {
        builder.ToTable("DisposalTasks");
        builder.Property(t => t.Reason).HasConversion<string>().HasMaxLength(24);
        builder.Property(t => t.WithdrawalReference).HasMaxLength(16);
        builder.Property(t => t.CompletedByUserId).HasMaxLength(450);
        builder.Property(t => t.CompletedByName).HasMaxLength(200);
        builder.Property(t => t.Method).HasMaxLength(RecordingPolicyRules.SectionLength);
        builder.Property(t => t.Confirmation).HasMaxLength(RecordingRules.TextLength);
        builder.Property(t => t.Version).IsConcurrencyToken();

        // One open task per recording: a withdrawal upgrades a retention task rather than adding a second.
        builder.HasIndex(t => t.RecordingId).IsUnique().HasFilter("\"CompletedAtUtc\" IS NULL");
        builder.HasIndex(t => new { t.CompletedAtUtc, t.DueBy });
        builder.HasOne(t => t.Recording).WithMany().HasForeignKey(t => t.RecordingId).OnDelete(DeleteBehavior.Restrict);
    }
}
