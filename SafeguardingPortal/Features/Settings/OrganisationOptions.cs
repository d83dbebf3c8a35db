namespace SafeguardingPortal.Features.Settings;

/// <summary>The "Organisation" section of appsettings.json: the defaults until an administrator saves the settings page.</summary>
public sealed class OrganisationOptions
{
    public const string Section = "Organisation";

    public string Name { get; set; } = "Our Organisation";

    public string SafeguardingLeadName { get; set; } = "";

    public string SafeguardingLeadEmail { get; set; } = "";

    public string SafeguardingLeadPhone { get; set; } = "";
}
