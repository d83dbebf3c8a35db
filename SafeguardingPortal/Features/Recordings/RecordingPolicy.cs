using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SafeguardingPortal.Features.Staff;

namespace SafeguardingPortal.Features.Recordings;

/// <summary>Where a version of the recording policy stands. Exactly one version is active at a time.</summary>
public enum RecordingPolicyStatus
{
    Draft = 0,
    Active = 1,
    Superseded = 2,
}

/// <summary>
/// One version of the organisation's written recording policy: why sessions are recorded, how the
/// recordings are kept, for how long, how they are disposed of, who may see them and who is
/// responsible. Drafted by safeguarding leads, approved by a manager who did not write it.
/// </summary>
public sealed class RecordingPolicy
{
    public int Id { get; set; }

    /// <summary>1, 2, 3…: the order versions were started in.</summary>
    public int Number { get; set; }

    public RecordingPolicyStatus Status { get; set; }

    /// <summary>Why sessions are recorded: a specified, explicit and legitimate purpose.</summary>
    public string Purpose { get; set; } = "";

    /// <summary>What the recordings are used for, and what they are never used for.</summary>
    public string Uses { get; set; } = "";

    /// <summary>Where and how recordings are stored securely.</summary>
    public string Storage { get; set; } = "";

    /// <summary>How many days a recording is kept after the session before it must be disposed of.</summary>
    public int RetentionDays { get; set; }

    /// <summary>How a recording is disposed of securely.</summary>
    public string DisposalMethod { get; set; } = "";

    /// <summary>The roles whose members may see recordings, comma separated (e.g. "SafeguardingLead,Administrator").</summary>
    public string AccessRoles { get; set; } = "";

    /// <summary>How those allowed see a recording (e.g. a view-only link, never a download).</summary>
    public string AccessMethod { get; set; } = "";

    public string ResponsibleForMaking { get; set; } = "";

    public string ResponsibleForStoring { get; set; } = "";

    public string ResponsibleForDisposing { get; set; } = "";

    /// <summary>Named members of staff who may see recordings whatever their role.</summary>
    public List<RecordingPolicyAccessPerson> AccessPeople { get; set; } = [];

    /// <summary>Everyone who wrote or changed this version: none of them may approve it.</summary>
    public List<RecordingPolicyAuthor> Authors { get; set; } = [];

    public DateTimeOffset CreatedAtUtc { get; set; }

    public DateTimeOffset? LastChangedAtUtc { get; set; }

    public string ApprovedByUserId { get; set; } = "";

    public string ApprovedByName { get; set; } = "";

    public DateTimeOffset? ApprovedAtUtc { get; set; }

    /// <summary>When a later version became active in this one's place.</summary>
    public DateTimeOffset? SupersededAtUtc { get; set; }

    public Guid Version { get; set; }
}

/// <summary>A named member of staff who may see recordings under a policy version.</summary>
public sealed class RecordingPolicyAccessPerson
{
    public int Id { get; set; }

    public int PolicyId { get; set; }

    public RecordingPolicy? Policy { get; set; }

    public int StaffMemberId { get; set; }

    public StaffMember? StaffMember { get; set; }
}

/// <summary>Someone who wrote or changed a policy version.</summary>
public sealed class RecordingPolicyAuthor
{
    public int Id { get; set; }

    public int PolicyId { get; set; }

    public RecordingPolicy? Policy { get; set; }

    public string UserId { get; set; } = "";

    public string Name { get; set; } = "";
}

internal sealed class RecordingPolicyConfiguration : IEntityTypeConfiguration<RecordingPolicy>
{
    public void Configure(EntityTypeBuilder<RecordingPolicy> builder)
    {
        builder.ToTable("RecordingPolicies");
        builder.HasIndex(p => p.Number).IsUnique();
        builder.Property(p => p.Status).HasConversion<string>().HasMaxLength(16);

        // The database refuses a second active version, or a second draft, whatever the service does.
        builder.HasIndex(p => p.Status).IsUnique().HasFilter("\"Status\" IN ('Active', 'Draft')");
        builder.Property(p => p.Purpose).HasMaxLength(RecordingPolicyRules.SectionLength);
        builder.Property(p => p.Uses).HasMaxLength(RecordingPolicyRules.SectionLength);
        builder.Property(p => p.Storage).HasMaxLength(RecordingPolicyRules.SectionLength);
        builder.Property(p => p.DisposalMethod).HasMaxLength(RecordingPolicyRules.SectionLength);
        builder.Property(p => p.AccessRoles).HasMaxLength(200);
        builder.Property(p => p.AccessMethod).HasMaxLength(RecordingPolicyRules.SectionLength);
        builder.Property(p => p.ResponsibleForMaking).HasMaxLength(RecordingPolicyRules.ResponsibleLength);
        builder.Property(p => p.ResponsibleForStoring).HasMaxLength(RecordingPolicyRules.ResponsibleLength);
        builder.Property(p => p.ResponsibleForDisposing).HasMaxLength(RecordingPolicyRules.ResponsibleLength);
        builder.Property(p => p.ApprovedByUserId).HasMaxLength(450);
        builder.Property(p => p.ApprovedByName).HasMaxLength(200);
        builder.Property(p => p.Version).IsConcurrencyToken();
    }
}

internal sealed class RecordingPolicyAccessPersonConfiguration : IEntityTypeConfiguration<RecordingPolicyAccessPerson>
{
    public void Configure(EntityTypeBuilder<RecordingPolicyAccessPerson> builder)
    {
        builder.ToTable("RecordingPolicyAccessPeople");
        builder.HasIndex(p => new { p.PolicyId, p.StaffMemberId }).IsUnique();
        builder.HasOne(p => p.Policy).WithMany(p => p.AccessPeople).HasForeignKey(p => p.PolicyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(p => p.StaffMember).WithMany().HasForeignKey(p => p.StaffMemberId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class RecordingPolicyAuthorConfiguration : IEntityTypeConfiguration<RecordingPolicyAuthor>
{
    public void Configure(EntityTypeBuilder<RecordingPolicyAuthor> builder)
    {
        builder.ToTable("RecordingPolicyAuthors");
        builder.Property(a => a.UserId).HasMaxLength(450);
        builder.Property(a => a.Name).HasMaxLength(200);
        builder.HasIndex(a => new { a.PolicyId, a.UserId }).IsUnique();
        builder.HasOne(a => a.Policy).WithMany(p => p.Authors).HasForeignKey(a => a.PolicyId).OnDelete(DeleteBehavior.Restrict);
    }
}
