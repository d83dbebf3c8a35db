using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;
using SafeguardingPortal.Infrastructure.Identity;
using SafeguardingPortal.Tests.Infrastructure;

namespace SafeguardingPortal.Tests.Hosting;

/// <summary>
/// Each policy, evaluated by the portal's own authorisation service, admits exactly the roles of
/// the design's "who may do what" table (written out here independently of the code's table).
/// </summary>
[Collection(SharedPortalCollection.Name)]
public sealed class PolicyTests(SharedPortal portal)
{
    private const string A = PortalRoles.Administrator;
    private const string L = PortalRoles.SafeguardingLead;
    private const string M = PortalRoles.Manager;
    private const string S = PortalRoles.Staff;
    private const string U = PortalRoles.Auditor;

    private static readonly Dictionary<string, string[]> Design = new()
    {
        [PortalPolicies.CanManageUsers] = [A],
        [PortalPolicies.CanManageOrganisationSettings] = [A],
        [PortalPolicies.CanViewAudit] = [A, L, U],
        [PortalPolicies.CanRunJobs] = [A, L],
        [PortalPolicies.CanReadOutbox] = [A],
        [PortalPolicies.CanViewPeople] = [A, L, M, U],
        [PortalPolicies.CanManagePeople] = [A, L],
        [PortalPolicies.CanViewChildren] = [A, L, M, U, S],
        [PortalPolicies.CanViewActivities] = [A, L, M, U, S],
        [PortalPolicies.CanManagePlatforms] = [A],
        [PortalPolicies.CanManageConsent] = [A, L],
        [PortalPolicies.CanRequestDeviceAuthorisation] = [A, L, M, S],
        [PortalPolicies.CanDecideDeviceRequests] = [M],
        [PortalPolicies.CanRequestDeviceAuthorisationForOthers] = [A, L],
        [PortalPolicies.CanRevokeDeviceAuthorisations] = [L, M],
        [PortalPolicies.CanViewDeviceAuthorisations] = [A, L, M, U, S],
        [PortalPolicies.CanReadAllDeviceAuthorisations] = [A, L, M, U],
        [PortalPolicies.CanProposeSocialAccounts] = [A, L, M],
        [PortalPolicies.CanAuthoriseSocialAccounts] = [M],
        [PortalPolicies.CanViewSocialAccounts] = [A, L, M, U, S],
        [PortalPolicies.CanReadAllSocialAccounts] = [A, L, M, U],
        [PortalPolicies.CanDraftRecordingPolicy] = [L],
        [PortalPolicies.CanApproveRecordingPolicy] = [M],
        [PortalPolicies.CanManageRecordings] = [A, L],
        [PortalPolicies.CanManageDisposals] = [L],
        [PortalPolicies.CanViewRecordingPolicy] = [A, L, M, U, S],
        [PortalPolicies.CanReadAllRecordingPolicies] = [A, L, M, U],
        [PortalPolicies.CanViewRecordings] = [A, L, U, S],
        [PortalPolicies.CanReadAllRecordings] = [A, L, U],
        [PortalPolicies.CanRegisterRecordings] = [A, L, S],
        [PortalPolicies.CanViewDisposalTasks] = [L, U],
        [PortalPolicies.CanSeeGettingStarted] = [A, L],
    };

    public static TheoryData<string, string> PoliciesAndRoles()
    {
        var data = new TheoryData<string, string>();
        foreach (var policy in Design.Keys)
        {
            foreach (var role in PortalRoles.All)
            {
                data.Add(policy, role);
            }
        }

        return data;
    }

    [Fact]
    public void Every_policy_the_portal_defines_is_in_the_design_table()
    {
        Assert.Equal(Design.Keys.Order(), PortalPolicies.RolesByPolicy.Keys.Order());
    }

    [Theory]
    [MemberData(nameof(PoliciesAndRoles))]
    public async Task Each_policy_admits_exactly_the_roles_the_design_gives_it(string policy, string role)
    {
        var authorization = portal.Factory.Services.GetRequiredService<IAuthorizationService>();
        var user = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "someone"), new Claim(ClaimTypes.Role, role)], "Test"));

        var result = await authorization.AuthorizeAsync(user, policy);

        Assert.Equal(Design[policy].Contains(role), result.Succeeded);
    }

    [Fact]
    public async Task No_policy_admits_an_anonymous_user()
    {
        var authorization = portal.Factory.Services.GetRequiredService<IAuthorizationService>();
        var anonymous = new ClaimsPrincipal(new ClaimsIdentity());

        foreach (var policy in Design.Keys)
        {
            Assert.False((await authorization.AuthorizeAsync(anonymous, policy)).Succeeded, policy);
        }
    }

    [Fact]
    public async Task A_person_with_several_roles_gets_what_each_role_allows()
    {
        var authorization = portal.Factory.Services.GetRequiredService<IAuthorizationService>();
        var leadAndManager = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, "small charity"), new Claim(ClaimTypes.Role, L), new Claim(ClaimTypes.Role, M)], "Test"));

        Assert.True((await authorization.AuthorizeAsync(leadAndManager, PortalPolicies.CanDraftRecordingPolicy)).Succeeded);
        Assert.True((await authorization.AuthorizeAsync(leadAndManager, PortalPolicies.CanDecideDeviceRequests)).Succeeded);
        Assert.False((await authorization.AuthorizeAsync(leadAndManager, PortalPolicies.CanManageUsers)).Succeeded);
    }
}
