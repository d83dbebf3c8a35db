using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace SafeguardingPortal.Features.Settings;

/// <summary>The organisation's details, one row. Until an administrator saves them, configuration supplies them.</summary>
public sealed class OrganisationSettings
{
    public const int SingletonId = 1;

    public int Id { get; set; } = SingletonId;

    public string Name { get; set; } = "";

    public string SafeguardingLeadName { get; set; } = "";

    public string SafeguardingLeadEmail { get; set; } = "";

    public string SafeguardingLeadPhone { get; set; } = "";

    public DateTimeOffset UpdatedAtUtc { get; set; }

    public string UpdatedBy { get; set; } = "";

    /// <summary>Changes on every save; a save based on an older version is refused.</summary>
    public Guid Version { get; set; }
}

internal sealed class OrganisationSettingsConfiguration : IEntityTypeConfiguration<OrganisationSettings>
{
    public void Configure(EntityTypeBuilder<OrganisationSettings> builder)
    {
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.Name).HasMaxLength(OrganisationSettingsValidator.NameMaxLength);
        builder.Property(s => s.SafeguardingLeadName).HasMaxLength(200);
        builder.Property(s => s.SafeguardingLeadEmail).HasMaxLength(254);
        builder.Property(s => s.SafeguardingLeadPhone).HasMaxLength(40);
        builder.Property(s => s.UpdatedBy).HasMaxLength(256);
        builder.Property(s => s.Version).IsConcurrencyToken();
    }
}
