using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SafeguardingPortal.Infrastructure.Audit;

namespace SafeguardingPortal.Infrastructure.Jobs;

/// <summary>One run of a background job: when, whether it succeeded, what it did.</summary>
public sealed class JobRun
{
    public long Id { get; set; }

    public string JobName { get; set; } = "";

    public DateTimeOffset StartedAtUtc { get; set; }

    public DateTimeOffset FinishedAtUtc { get; set; }

    public bool Succeeded { get; set; }

    public string Summary { get; set; } = "";

    /// <summary>"schedule", or the name of the person who pressed "Run now".</summary>
    public string TriggeredBy { get; set; } = "";
}

/// <summary>Who is running a job now, until when: so a job runs once even with several instances.</summary>
public sealed class JobLease
{
    public string JobName { get; set; } = "";

    public string Holder { get; set; } = "";

    public DateTimeOffset ExpiresAtUtc { get; set; }
}

internal sealed class JobRunConfiguration : IEntityTypeConfiguration<JobRun>
{
    public void Configure(EntityTypeBuilder<JobRun> builder)
    {
        builder.ToTable("JobRuns");
        builder.Property(r => r.JobName).HasMaxLength(100);
        builder.Property(r => r.Summary).HasMaxLength(2000);
        builder.Property(r => r.TriggeredBy).HasMaxLength(256);
        builder.HasIndex(r => new { r.JobName, r.StartedAtUtc });

        // The run log is operational; what a job changes is audited as the system through the usual path.
        builder.HasAnnotation(AuditAnnotations.NotAudited, true);
    }
}

internal sealed class JobLeaseConfiguration : IEntityTypeConfiguration<JobLease>
{
    public void Configure(EntityTypeBuilder<JobLease> builder)
    {
        builder.ToTable("JobLeases");
        builder.HasKey(l => l.JobName);
        builder.Property(l => l.JobName).HasMaxLength(100);
        builder.Property(l => l.Holder).HasMaxLength(200);
        builder.HasAnnotation(AuditAnnotations.NotAudited, true);
    }
}
