using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace SafeguardingPortal.Features.Home;

/// <summary>
/// One user's weekly digest for one week: written in the same save that queues its e-mail, and unique
/// per user and week, so running the job twice (or on two instances at once) queues it once.
/// </summary>
public sealed class WeeklyDigest
{
    public int Id { get; set; }

    /// <summary>The local account the digest is for.</summary>
    public string UserKey { get; set; } = "";

    /// <summary>The Monday (UK date) of the week the digest covers.</summary>
    public DateOnly WeekStarting { get; set; }

    public DateTimeOffset QueuedAtUtc { get; set; }
}

internal sealed class WeeklyDigestConfiguration : IEntityTypeConfiguration<WeeklyDigest>
{
    public void Configure(EntityTypeBuilder<WeeklyDigest> builder)
    {
        builder.ToTable("WeeklyDigests");
        builder.Property(d => d.UserKey).HasMaxLength(450);
        builder.HasIndex(d => new { d.UserKey, d.WeekStarting }).IsUnique();
        builder.HasIndex(d => d.WeekStarting);
    }
}
