using System.Net;
using Microsoft.Extensions.DependencyInjection;
using SafeguardingPortal.Features.Devices;
using SafeguardingPortal.Features.People;
using SafeguardingPortal.Features.Staff;
using SafeguardingPortal.Infrastructure;
using SafeguardingPortal.Infrastructure.Audit;
using SafeguardingPortal.Infrastructure.Identity;
using SafeguardingPortal.Tests.Infrastructure;
using SafeguardingPortal.Tests.Infrastructure.Audit;

namespace SafeguardingPortal.Tests.Features.Devices;

/// <summary>The register's page, export and printed record through the real HTTP pipeline, per role.</summary>
[Collection(SharedPortalCollection.Name)]
public sealed class DeviceAuthorisationAccessTests(SharedPortal portal)
{
    public static TheoryData<string, string> PagesAndRoles()
    {
        var data = new TheoryData<string, string>();
        foreach (var role in PortalRoles.All)
        {
            data.Add("/devices", role);
            data.Add("/devices/export.csv", role);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(PagesAndRoles))]
    public async Task Every_role_opens_the_register_and_its_export(string path, string role)
    {
        var client = portal.Factory.CreateBrowserlessClient();
        await client.SignInAsync(SharedPortal.EmailFor(role));

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Nobody_signed_out_sees_the_register_or_a_record()
    {
        var client = portal.Factory.CreateBrowserlessClient();

        Assert.StartsWith("/Account/Login", (await client.GetAsync("/devices")).RedirectTarget(), StringComparison.Ordinal);
        Assert.StartsWith("/Account/Login", (await client.GetAsync("/devices/1/record.pdf")).RedirectTarget(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Staff_export_and_download_only_their_own_and_every_download_is_audited()
    {
        var staffUser = portal.UserByRole[PortalRoles.Staff];
        int own;
        int others;
        await using (var scope = await portal.Factory.ScopeForAsync(portal.UserByRole[PortalRoles.SafeguardingLead]))
        {
            var staff = scope.ServiceProvider.GetRequiredService<StaffService>();
            var linked = (await staff.ListAsync(new ListQuery { Search = "Access Staffer" })).Rows is [var found, ..] ? found.Id : (int?)null
                ?? await staff.SaveAsync(new StaffModel { FirstName = "Access", LastName = "Staffer", WorkEmail = "access.staffer@example.org", UserId = staffUser.Id });
            var someone = await staff.SaveAsync(new StaffModel { FirstName = "Someone", LastName = $"Else {Guid.NewGuid():N}"[..14], WorkEmail = "someone.else@example.org" });
            var devices = scope.ServiceProvider.GetRequiredService<DeviceAuthorisationService>();
            var today = scope.ServiceProvider.GetRequiredService<PortalClock>().Today();
            DeviceRequestModel Request(int person) => new()
            {
                StaffMemberId = person,
                DeviceKind = DeviceKind.Laptop,
                DeviceDescription = "Grey ThinkPad",
                WhyNoOrganisationalDevice = "None free.",
                Purpose = "Online tutoring",
                CommunicatesWith = "Maths group",
                AppsAndAccounts = "Teams, tutoring account",
                Viewers = [new DeviceViewerModel { Name = "Lee Lead", HowTheySee = "Joins every call" }],
                RequestedFrom = today,
                RequestedUntil = today.AddMonths(1),
            };
            own = await devices.SaveRequestAsync(Request(linked));
            others = await devices.SaveRequestAsync(Request(someone));
        }

        foreach (var id in new[] { own, others })
        {
            await using var scope = await portal.Factory.ScopeForAsync(portal.UserByRole[PortalRoles.Manager]);
            var devices = scope.ServiceProvider.GetRequiredService<DeviceAuthorisationService>();
            var details = (await devices.GetAsync(id))!;
            await devices.DecideAsync(id, new DeviceDecisionModel { Approve = true, ValidFrom = details.Request.RequestedFrom, ValidUntil = details.Request.RequestedUntil, ReviewOn = details.Request.RequestedFrom }, details.Request.Version);
        }

        var client = portal.Factory.CreateBrowserlessClient();
        await client.SignInAsync(SharedPortal.EmailFor(PortalRoles.Staff));
        var csv = (await client.GetStringAsync("/devices/export.csv")).TrimStart('\uFEFF');
        var pdf = await client.GetAsync($"/devices/{own}/record.pdf");
        var notMine = await client.GetAsync($"/devices/{others}/record.pdf");

        Assert.Contains("Access Staffer", csv, StringComparison.Ordinal);
        Assert.DoesNotContain("Someone", csv, StringComparison.Ordinal);
        Assert.StartsWith("\"Reference\",\"Person\",\"Device\"", csv, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("%PDF-", System.Text.Encoding.ASCII.GetString(await pdf.Content.ReadAsByteArrayAsync())[..5], StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, notMine.StatusCode);
        var events = await portal.Factory.EventsAsync();
        Assert.Contains(events, e => e.Action == AuditActions.Exported && e.ActorKey == staffUser.Id && e.Summary.StartsWith("Exported", StringComparison.Ordinal) && e.Summary.EndsWith("of personal-device authorisations as CSV", StringComparison.Ordinal));
        Assert.Contains(events, e => e.Action == AuditActions.Exported && e.ActorKey == staffUser.Id && e.Summary.StartsWith("Downloaded device-authorisation-", StringComparison.Ordinal));
    }
}
