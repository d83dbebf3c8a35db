namespace SafeguardingPortal.Features.Settings;

/// <summary>What the settings form edits and the service saves.</summary>
public sealed class OrganisationSettingsModel
{
    public string Name { get; set; } = "";

    public string SafeguardingLeadName { get; set; } = "";

    public string SafeguardingLeadEmail { get; set; } = "";

    public string SafeguardingLeadPhone { get; set; } = "";

    /// <summary>The version the form was loaded from; null when the settings have never been saved.</summary>
    public Guid? Version { get; set; }

    public DateTimeOffset? UpdatedAtUtc { get; set; }

    public string? UpdatedBy { get; set; }

    public OrganisationSettingsModel Copy() => (OrganisationSettingsModel)MemberwiseClone();
}
