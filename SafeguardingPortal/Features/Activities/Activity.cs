using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SafeguardingPortal.Features.Children;
using SafeguardingPortal.Features.Platforms;
using SafeguardingPortal.Features.Staff;

namespace SafeguardingPortal.Features.Activities;

public enum ActivityKind
{
    OnlineSessions = 0,
    Livestream = 1,
    OnlineCommunity = 2,
    Other = 3,
}

/// <summary>
/// An online activity. Its descriptions (what it is, why online, benefits, risks) are what parents
/// and carers are shown when asked for consent.
/// </summary>
public sealed class Activity
{
    public int Id { get; set; }

    public ActivityKind Kind { get; set; }

    public string Title { get; set; } = "";

    public int PlatformId { get; set; }

    public Platform? Platform { get; set; }

    public string Description { get; set; } = "";

    public string WhyOnline { get; set; } = "";

    public string Benefits { get; set; } = "";

    public string Risks { get; set; } = "";

    public int MinimumAge { get; set; }

    public int MaximumAge { get; set; }

    public DateOnly StartDate { get; set; }

    public DateOnly? EndDate { get; set; }

    public int LeadStaffMemberId { get; set; }

    public StaffMember? LeadStaffMember { get; set; }

    public DateTimeOffset CreatedAtUtc { get; set; }

    public Guid Version { get; set; }

    public List<Enrolment> Enrolments { get; set; } = [];

    public List<ActivitySession> Sessions { get; set; } = [];
}

/// <summary>A child taking part in an activity.</summary>
public sealed class Enrolment
{
    public int ActivityId { get; set; }

    public Activity? Activity { get; set; }

    public int ChildId { get; set; }

    public Child? Child { get; set; }

    public DateTimeOffset EnrolledAtUtc { get; set; }
}

/// <summary>One occasion of an activity.</summary>
public sealed class ActivitySession
{
    public int Id { get; set; }

    public int ActivityId { get; set; }

    public Activity? Activity { get; set; }

    /// <summary>Start in UTC (entered and shown in UK time).</summary>
    public DateTimeOffset StartsAtUtc { get; set; }

    public int DurationMinutes { get; set; }

    public int HostStaffMemberId { get; set; }

    public StaffMember? HostStaffMember { get; set; }

    public bool WillBeRecorded { get; set; }

    public Guid Version { get; set; }
}

internal sealed class ActivityConfiguration : IEntityTypeConfiguration<Activity>
{
    public void Configure(EntityTypeBuilder<Activity> builder)
    {
        builder.Property(a => a.Kind).HasConversion<string>().HasMaxLength(24);
        builder.Property(a => a.Title).HasMaxLength(200);
        builder.Property(a => a.Description).HasMaxLength(4000);
        builder.Property(a => a.WhyOnline).HasMaxLength(4000);
        builder.Property(a => a.Benefits).HasMaxLength(4000);
        builder.Property(a => a.Risks).HasMaxLength(4000);
        builder.Property(a => a.Version).IsConcurrencyToken();
        builder.HasIndex(a => a.Title);
        builder.HasOne(a => a.Platform).WithMany().HasForeignKey(a => a.PlatformId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(a => a.LeadStaffMember).WithMany().HasForeignKey(a => a.LeadStaffMemberId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class EnrolmentConfiguration : IEntityTypeConfiguration<Enrolment>
{
    public void Configure(EntityTypeBuilder<Enrolment> builder)
    {
        builder.HasKey(e => new { e.ActivityId, e.ChildId });
        builder.HasIndex(e => e.ChildId);
        builder.HasOne(e => e.Activity).WithMany(a => a.Enrolments).HasForeignKey(e => e.ActivityId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(e => e.Child).WithMany(c => c.Enrolments).HasForeignKey(e => e.ChildId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ActivitySessionConfiguration : IEntityTypeConfiguration<ActivitySession>
{
    public void Configure(EntityTypeBuilder<ActivitySession> builder)
    {
        builder.ToTable("ActivitySessions");
        builder.Property(s => s.Version).IsConcurrencyToken();
        builder.HasIndex(s => new { s.ActivityId, s.StartsAtUtc });
        builder.HasOne(s => s.Activity).WithMany(a => a.Sessions).HasForeignKey(s => s.ActivityId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(s => s.HostStaffMember).WithMany().HasForeignKey(s => s.HostStaffMemberId).OnDelete(DeleteBehavior.Restrict);
    }
}
