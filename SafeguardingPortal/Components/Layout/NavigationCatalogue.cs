using MudBlazor;
using SafeguardingPortal.Infrastructure.Identity;

namespace SafeguardingPortal.Components.Layout;

/// <summary>
/// One entry of the navigation drawer, shown only to users who satisfy its policy; some only with local
/// accounts, or only while e-mail goes to the outbox folder (no SMTP server configured).
/// </summary>
public sealed record NavigationEntry(string Group, string Title, string Href, string Icon, string? Policy, bool LocalAccountsOnly = false, bool OutboxOnly = false);

/// <summary>
/// Every page the drawer can lead to, grouped by feature. A feature adds its entries here when it
/// lands; nothing is listed before it exists.
/// </summary>
public static class NavigationCatalogue
{
    public const string HomeGroup = "";
    public const string PeopleGroup = "People";
    public const string ActivitiesGroup = "Activities";
    public const string SocialMediaGroup = "Social media";
    public const string DevicesGroup = "Personal devices";
    public const string RecordingsGroup = "Recordings";
    public const string OversightGroup = "Oversight";
    public const string AdministrationGroup = "Administration";

    public static IReadOnlyList<NavigationEntry> Entries { get; } =
    [
        new(HomeGroup, "Home", "/", Icons.Material.Outlined.Home, Policy: null),
        new(PeopleGroup, "Children", "/children", Icons.Material.Outlined.ChildCare, PortalPolicies.CanViewChildren),
        new(PeopleGroup, "Parents and carers", "/families", Icons.Material.Outlined.FamilyRestroom, PortalPolicies.CanViewPeople),
        new(PeopleGroup, "Staff and volunteers", "/staff", Icons.Material.Outlined.Badge, PortalPolicies.CanViewPeople),
        new(ActivitiesGroup, "Online activities", "/activities", Icons.Material.Outlined.Devices, PortalPolicies.CanViewActivities),
        new(ActivitiesGroup, "Consent forms", "/consent/templates", Icons.Material.Outlined.Assignment, PortalPolicies.CanManageConsent),
        new(ActivitiesGroup, "Awaiting an answer", "/consent/awaiting", Icons.Material.Outlined.HourglassTop, PortalPolicies.CanManageConsent),
        new(ActivitiesGroup, "Withdrawals", "/consent/withdrawals", Icons.Material.Outlined.AssignmentReturn, PortalPolicies.CanManageConsent),
        new(SocialMediaGroup, "Authorised accounts", "/social-accounts", Icons.Material.Outlined.Forum, PortalPolicies.CanViewSocialAccounts),
        new(SocialMediaGroup, "Yearly declarations", "/social-accounts/declarations", Icons.Material.Outlined.AssignmentTurnedIn, PortalPolicies.CanViewSocialAccounts),
        new(DevicesGroup, "Device authorisations", "/devices", Icons.Material.Outlined.PhoneAndroid, PortalPolicies.CanViewDeviceAuthorisations),
        new(RecordingsGroup, "Recordings", "/recordings", Icons.Material.Outlined.VideoLibrary, PortalPolicies.CanViewRecordings),
        new(RecordingsGroup, "Disposal tasks", "/recordings/disposals", Icons.Material.Outlined.DeleteSweep, PortalPolicies.CanViewDisposalTasks),
        new(RecordingsGroup, "Family recordings", "/recordings/agreements", Icons.Material.Outlined.FamilyRestroom, PortalPolicies.CanViewRecordings),
        new(RecordingsGroup, "Recording policy", "/recordings/policy", Icons.Material.Outlined.Policy, PortalPolicies.CanViewRecordingPolicy),
        new(OversightGroup, "Audit trail", "/audit", Icons.Material.Outlined.History, PortalPolicies.CanViewAudit),
        new(AdministrationGroup, "Background jobs", "/admin/jobs", Icons.Material.Outlined.Schedule, PortalPolicies.CanRunJobs),
        new(AdministrationGroup, "Users and roles", "/admin/users", Icons.Material.Outlined.ManageAccounts, PortalPolicies.CanManageUsers, LocalAccountsOnly: true),
        new(AdministrationGroup, "Platforms", "/admin/platforms", Icons.Material.Outlined.Apps, PortalPolicies.CanManagePlatforms),
        new(AdministrationGroup, "Organisation settings", "/admin/settings", Icons.Material.Outlined.Settings, PortalPolicies.CanManageOrganisationSettings),
        new(AdministrationGroup, "Outbox", "/admin/outbox", Icons.Material.Outlined.Outbox, PortalPolicies.CanReadOutbox, OutboxOnly: true),
    ];
}
