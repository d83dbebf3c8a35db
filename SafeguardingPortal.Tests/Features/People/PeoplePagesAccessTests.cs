using System.Net;
using Microsoft.Extensions.DependencyInjection;
using SafeguardingPortal.Features.Children;
using SafeguardingPortal.Infrastructure.Audit;
using SafeguardingPortal.Infrastructure.Identity;
using SafeguardingPortal.Tests.Infrastructure;
using SafeguardingPortal.Tests.Infrastructure.Audit;

namespace SafeguardingPortal.Tests.Features.People;

/// <summary>The registers' pages and exports through the real pipeline, per role.</summary>
[Collection(SharedPortalCollection.Name)]
public sealed class PeoplePagesAccessTests(SharedPortal portal)
{
    public static TheoryData<string, string, bool> PageAccess()
    {
        var data = new TheoryData<string, string, bool>();
        foreach (var role in PortalRoles.All)
        {
            data.Add("/children", role, true);
            data.Add("/activities", role, true);
            data.Add("/families", role, role != PortalRoles.Staff);
            data.Add("/staff", role, role != PortalRoles.Staff);
            data.Add("/admin/platforms", role, role == PortalRoles.Administrator);
            data.Add("/families/export.csv", role, role != PortalRoles.Staff);
            data.Add("/social-accounts", role, true);
            data.Add("/social-accounts/declarations", role, true);
            data.Add("/social-accounts/export.csv", role, role != PortalRoles.Staff);
            data.Add("/admin/jobs", role, role is PortalRoles.Administrator or PortalRoles.SafeguardingLead);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(PageAccess))]
    public async Task Each_register_admits_only_the_roles_it_should(string path, string role, bool allowed)
    {
        var client = portal.Factory.CreateBrowserlessClient();
        await client.SignInAsync(SharedPortal.EmailFor(role));

        var response = await client.GetAsync(path);

        if (allowed)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        else
        {
            Assert.StartsWith("/Account/AccessDenied", response.RedirectTarget(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_children_export_lists_what_the_list_shows_and_is_audited()
    {
        await using (var scope = await portal.Factory.ScopeForAsync(portal.UserByRole[PortalRoles.SafeguardingLead]))
        {
            var children = scope.ServiceProvider.GetRequiredService<ChildService>();
            await children.SaveAsync(new ChildModel { FirstName = "Export", LastName = "=Formula", DateOfBirth = new DateOnly(2015, 1, 2), Group = "Export group" });
        }

        var client = portal.Factory.CreateBrowserlessClient();
        await client.SignInAsync(SharedPortal.EmailFor(PortalRoles.Auditor));
        var csv = await client.GetStringAsync("/children/export.csv?filter=Export%20group");

        var lines = csv.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("\"First name\",\"Last name\"", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("\"Export\",\"'=Formula\",\"\",\"2015-01-02\"", lines[1], StringComparison.Ordinal);
        Assert.Contains(await portal.Factory.EventsAsync(), e => e.Action == AuditActions.Exported && e.Summary == "Exported 1 row of children as CSV"
            && e.ActorKey == portal.UserByRole[PortalRoles.Auditor].Id);
    }
}
