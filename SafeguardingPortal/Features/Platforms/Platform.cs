using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace SafeguardingPortal.Features.Platforms;

/// <summary>An online platform the organisation uses, with the youngest age its terms allow.</summary>
public sealed class Platform
{
    public int Id { get; set; }

    public string Name { get; set; } = "";

    /// <summary>The platform's own minimum user age (0 when it sets none, e.g. a video-call tool run by the organisation).</summary>
    public int MinimumAge { get; set; }

    public string Notes { get; set; } = "";

    public Guid Version { get; set; }
}

internal sealed class PlatformConfiguration : IEntityTypeConfiguration<Platform>
{
    public void Configure(EntityTypeBuilder<Platform> builder)
    {
        builder.Property(p => p.Name).HasMaxLength(100);
        builder.Property(p => p.Notes).HasMaxLength(500);
        builder.Property(p => p.Version).IsConcurrencyToken();
        builder.HasIndex(p => p.Name).IsUnique();
    }
}
