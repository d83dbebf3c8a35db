using System.Net;
using Microsoft.Extensions.DependencyInjection;
using SafeguardingPortal.Infrastructure.Audit;
using SafeguardingPortal.Infrastructure.Identity;
using SafeguardingPortal.Tests.Infrastructure;
using SafeguardingPortal.Tests.Infrastructure.Audit;

namespace SafeguardingPortal.Tests.Features.Audit;

/// <summary>The audit page and export through the real pipeline, and the security events sign-in writes.</summary>
public sealed class AuditAccessTests : IAsyncLifetime
{
    private readonly PortalAppFactory factory = new(realServer: true);
    private readonly Dictionary<string, PortalUser> users = [];

    public async ValueTask InitializeAsync()
    {
        foreach (var role in PortalRoles.All)
        {
            users[role] = await factory.CreateUserAsync(SharedPortal.EmailFor(role), $"Test {role}", role);
        }
    }

    public async ValueTask DisposeAsync() => await factory.DisposeAsync();

    private HttpClient Client()
    {
        var handler = new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() };
        return new HttpClient(handler) { BaseAddress = factory.ServerAddress };
    }

    [Theory]
    [InlineData(PortalRoles.Administrator, true)]
    [InlineData(PortalRoles.SafeguardingLead, true)]
    [InlineData(PortalRoles.Auditor, true)]
    [InlineData(PortalRoles.Manager, false)]
    [InlineData(PortalRoles.Staff, false)]
    public async Task Only_administrators_safeguarding_leads_and_auditors_open_the_audit_trail(string role, bool allowed)
    {
        using var client = Client();
        await client.SignInAsync(SharedPortal.EmailFor(role));

        var page = await client.GetAsync("/audit");
        var export = await client.GetAsync("/audit/export.csv");

        if (allowed)
        {
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Equal(HttpStatusCode.OK, export.StatusCode);
            Assert.Equal("text/csv", export.Content.Headers.ContentType?.MediaType);
        }
        else
        {
            Assert.StartsWith("/Account/AccessDenied", page.RedirectTarget(), StringComparison.Ordinal);
            Assert.StartsWith("/Account/AccessDenied", export.RedirectTarget(), StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(page.RedirectTarget())).StatusCode);
            var denied = (await factory.EventsAsync()).Where(e => e.Action == AuditActions.AccessDenied).ToList();
            Assert.Contains(denied, e => e.ActorKey == users[role].Id && e.Summary == "Refused the page /audit");
        }
    }

    [Fact]
    public async Task Sign_in_events_name_the_person_and_the_address_the_server_saw_ignoring_forwarded_headers()
    {
        using var client = Client();
        client.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.99");

        await client.SignInAsync(SharedPortal.EmailFor(PortalRoles.Staff), "not the right password at all");
        await client.SignInAsync("nobody@example.org", "not the right password at all");
        await client.SignInAsync(SharedPortal.EmailFor(PortalRoles.Staff));
        await client.PostFormAsync("/Account/ChangePassword", "", new Dictionary<string, string>(), actionUrl: "/Account/Logout");

        var events = await factory.EventsAsync();
        var failed = events.Where(e => e.Action == AuditActions.SignInFailed).ToList();
        Assert.Equal(2, failed.Count);
        Assert.Contains(failed, e => e.Summary == "Failed sign-in as staff@example.org: wrong password" && e.EntityKey == users[PortalRoles.Staff].Id);
        Assert.Contains(failed, e => e.Summary == "Failed sign-in as nobody@example.org: no such account");
        var signedIn = Assert.Single(events, e => e.Action == AuditActions.SignedIn);
        Assert.Equal(users[PortalRoles.Staff].Id, signedIn.ActorKey);
        var signedOut = Assert.Single(events, e => e.Action == AuditActions.SignedOut);
        Assert.Equal(users[PortalRoles.Staff].Id, signedOut.ActorKey);
        Assert.All(failed.Append(signedIn).Append(signedOut), e => Assert.Equal("127.0.0.1", e.IpAddress));
    }

    [Fact]
    public async Task Lock_out_is_recorded()
    {
        using var client = Client();
        for (var i = 0; i < 5; i++)
        {
            await client.SignInAsync(SharedPortal.EmailFor(PortalRoles.Manager), "not the right password at all");
        }

        var events = await factory.EventsAsync();
        Assert.Contains(events, e => e.Action == AuditActions.LockedOut && e.EntityKey == users[PortalRoles.Manager].Id);
    }

    [Fact]
    public async Task The_csv_export_keeps_one_line_per_event_whatever_the_text_says()
    {
        await using (var scope = await factory.ScopeForAsync(users[PortalRoles.Administrator]))
        {
            await scope.ServiceProvider.GetRequiredService<AuditTrail>().RecordAsync(
                AuditActions.Viewed, "Looked at\r\n99,2026-01-01,forged event\n=HYPERLINK(\"http://evil\")", "Test", "forged");
        }

        using var client = Client();
        await client.SignInAsync(SharedPortal.EmailFor(PortalRoles.Auditor));
        var csv = await client.GetStringAsync("/audit/export.csv?type=Test");

        var lines = csv.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries)
            .SelectMany(l => l.Split('\n', StringSplitOptions.RemoveEmptyEntries)).ToList();
        Assert.Equal(2, lines.Count);
        Assert.StartsWith("Sequence,Time (UTC)", lines[0], StringComparison.Ordinal);
        Assert.Contains("Looked at\\r\\n99,2026-01-01,forged event\\n=HYPERLINK", lines[1], StringComparison.Ordinal);
        Assert.Contains(await factory.EventsAsync(), e => e.Action == AuditActions.Exported && e.Summary == "Exported 1 audit event as CSV");
    }

    [Fact]
    public async Task The_csv_export_filters_by_record_and_date()
    {
        using var client = Client();
        await client.SignInAsync(SharedPortal.EmailFor(PortalRoles.SafeguardingLead));
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        var roles = await client.GetStringAsync($"/audit/export.csv?action=Bulk&from={today}&to={today}");
        var nothing = await client.GetStringAsync("/audit/export.csv?action=Bulk&to=2000-01-01");

        // The three bulk events of first start: the roles, the default platform list and the default consent templates.
        Assert.Equal(4, roles.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Contains("Added the default consent templates as drafts", roles, StringComparison.Ordinal);
        Assert.Contains("Created the portal's roles", roles, StringComparison.Ordinal);
        Assert.Contains("Added the default platform list", roles, StringComparison.Ordinal);
        Assert.Single(nothing.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }
}
