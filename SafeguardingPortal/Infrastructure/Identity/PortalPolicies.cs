using Microsoft.AspNetCore.Authorization;

namespace SafeguardingPortal.Infrastructure.Identity;

/// <summary>
/// Authorisation policies, named after what they allow. Pages use them in [Authorize] and the
/// navigation; services check them again before every read of personal data and every change.
/// </summary>
public static class PortalPolicies
{
    public const string CanManageUsers = nameof(CanManageUsers);
    public const string CanManageOrganisationSettings = nameof(CanManageOrganisationSettings);
    public const string CanViewAudit = nameof(CanViewAudit);
    public const string CanRunJobs = nameof(CanRunJobs);
    public const string CanReadOutbox = nameof(CanReadOutbox);
    public const string CanViewPeople = nameof(CanViewPeople);
    public const string CanViewChildren = nameof(CanViewChildren);
    public const string CanViewActivities = nameof(CanViewActivities);
    public const string CanManagePlatforms = nameof(CanManagePlatforms);
    public const string CanManagePeople = nameof(CanManagePeople);
    public const string CanManageConsent = nameof(CanManageConsent);
    public const string CanRequestDeviceAuthorisation = nameof(CanRequestDeviceAuthorisation);
    public const string CanDecideDeviceRequests = nameof(CanDecideDeviceRequests);
    public const string CanRequestDeviceAuthorisationForOthers = nameof(CanRequestDeviceAuthorisationForOthers);
    public const string CanRevokeDeviceAuthorisations = nameof(CanRevokeDeviceAuthorisations);
    public const string CanViewDeviceAuthorisations = nameof(CanViewDeviceAuthorisations);
    public const string CanReadAllDeviceAuthorisations = nameof(CanReadAllDeviceAuthorisations);
    public const string CanProposeSocialAccounts = nameof(CanProposeSocialAccounts);
    public const string CanAuthoriseSocialAccounts = nameof(CanAuthoriseSocialAccounts);
    public const string CanViewSocialAccounts = nameof(CanViewSocialAccounts);
    public const string CanReadAllSocialAccounts = nameof(CanReadAllSocialAccounts);
    public const string CanDraftRecordingPolicy = nameof(CanDraftRecordingPolicy);
    public const string CanApproveRecordingPolicy = nameof(CanApproveRecordingPolicy);
    public const string CanManageRecordings = nameof(CanManageRecordings);
    public const string CanManageDisposals = nameof(CanManageDisposals);
    public const string CanViewRecordingPolicy = nameof(CanViewRecordingPolicy);
    public const string CanReadAllRecordingPolicies = nameof(CanReadAllRecordingPolicies);
    public const string CanViewRecordings = nameof(CanViewRecordings);
    public const string CanReadAllRecordings = nameof(CanReadAllRecordings);
    public const string CanRegisterRecordings = nameof(CanRegisterRecordings);
    public const string CanViewDisposalTasks = nameof(CanViewDisposalTasks);
    public const string CanSeeGettingStarted = nameof(CanSeeGettingStarted);

    /// <summary>Which roles each policy admits: the single place this is decided.</summary>
    public static IReadOnlyDictionary<string, string[]> RolesByPolicy { get; } = new Dictionary<string, string[]>
    {
        [CanManageUsers] = [PortalRoles.Administrator],
        [CanManageOrganisationSettings] = [PortalRoles.Administrator],
        [CanViewAudit] = [PortalRoles.Administrator, PortalRoles.SafeguardingLead, PortalRoles.Auditor],
        [CanRunJobs] = [PortalRoles.Administrator, PortalRoles.SafeguardingLead],
        // Without an SMTP server the outbox holds every e-mail, live signing links included.
        [CanReadOutbox] = [PortalRoles.Administrator],
        [CanViewPeople] = [PortalRoles.Administrator, PortalRoles.SafeguardingLead, PortalRoles.Manager, PortalRoles.Auditor],
        [CanManagePeople] = [PortalRoles.Administrator, PortalRoles.SafeguardingLead],
        // Staff open these too, but services show them only the children and activities they lead.
        [CanViewChildren] = [PortalRoles.Administrator, PortalRoles.SafeguardingLead, PortalRoles.Manager, PortalRoles.Auditor, PortalRoles.Staff],
        [CanViewActivities] = [PortalRoles.Administrator, PortalRoles.SafeguardingLead, PortalRoles.Manager, PortalRoles.Auditor, PortalRoles.Staff],
        [CanManagePlatforms] = [PortalRoles.Administrator],
        [CanManageConsent] = [PortalRoles.Administrator, PortalRoles.SafeguardingLead],
        [CanRequestDeviceAuthorisation] = [PortalRoles.Administrator, PortalRoles.SafeguardingLead, PortalRoles.Manager, PortalRoles.Staff],
        [CanDecideDeviceRequests] = [PortalRoles.Manager],
        [CanRequestDeviceAuthorisationForOthers] = [PortalRoles.Administrator, PortalRoles.SafeguardingLead],
        [CanRevokeDeviceAuthorisations] = [PortalRoles.SafeguardingLead, PortalRoles.Manager],
        // Staff open the register too, but see only their own requests and authorisations.
        [CanViewDeviceAuthorisations] = [PortalRoles.Administrator, PortalRoles.SafeguardingLead, PortalRoles.Manager, PortalRoles.Auditor, PortalRoles.Staff],
        [CanReadAllDeviceAuthorisations] = [PortalRoles.Administrator, PortalRoles.SafeguardingLead, PortalRoles.Manager, PortalRoles.Auditor],
        [CanProposeSocialAccounts] = [PortalRoles.Administrator, PortalRoles.SafeguardingLead, PortalRoles.Manager],
        [CanAuthoriseSocialAccounts] = [PortalRoles.Manager],
        // Staff open the register too, but see only the accounts they currently have access to.
        [CanViewSocialAccounts] = [PortalRoles.Administrator, PortalRoles.SafeguardingLead, PortalRoles.Manager, PortalRoles.Auditor, PortalRoles.Staff],
        [CanReadAllSocialAccounts] = [PortalRoles.Administrator, PortalRoles.SafeguardingLead, PortalRoles.Manager, PortalRoles.Auditor],
        [CanDraftRecordingPolicy] = [PortalRoles.SafeguardingLead],
        [CanApproveRecordingPolicy] = [PortalRoles.Manager],
        [CanManageRecordings] = [PortalRoles.Administrator, PortalRoles.SafeguardingLead],
        [CanManageDisposals] = [PortalRoles.SafeguardingLead],
        // Every member of staff reads the active policy; earlier versions and drafts are for those who oversee it.
        [CanViewRecordingPolicy] = [PortalRoles.Administrator, PortalRoles.SafeguardingLead, PortalRoles.Manager, PortalRoles.Auditor, PortalRoles.Staff],
        [CanReadAllRecordingPolicies] = [PortalRoles.Administrator, PortalRoles.SafeguardingLead, PortalRoles.Manager, PortalRoles.Auditor],
        // Staff open the register too, but see and register only the recordings of sessions they host.
        [CanViewRecordings] = [PortalRoles.Administrator, PortalRoles.SafeguardingLead, PortalRoles.Auditor, PortalRoles.Staff],
        [CanReadAllRecordings] = [PortalRoles.Administrator, PortalRoles.SafeguardingLead, PortalRoles.Auditor],
        [CanRegisterRecordings] = [PortalRoles.Administrator, PortalRoles.SafeguardingLead, PortalRoles.Staff],
        [CanViewDisposalTasks] = [PortalRoles.SafeguardingLead, PortalRoles.Auditor],
        // The home page's checklist for a new organisation: those who set the portal up.
        [CanSeeGettingStarted] = [PortalRoles.Administrator, PortalRoles.SafeguardingLead],
    };

    public static void Configure(AuthorizationOptions options)
    {
        foreach (var (policy, roles) in RolesByPolicy)
        {
            options.AddPolicy(policy, p => p.RequireAuthenticatedUser().RequireRole(roles));
        }
    }
}
