using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SafeguardingPortal.Features.Consent;
using SafeguardingPortal.Features.SocialAccounts;
using SafeguardingPortal.Infrastructure.Audit;
using SafeguardingPortal.Infrastructure.Data;
using SafeguardingPortal.Infrastructure.Identity;
using SafeguardingPortal.Infrastructure.Jobs;
using SafeguardingPortal.Tests.Features.Consent;
using SafeguardingPortal.Tests.Infrastructure;
using SafeguardingPortal.Tests.Infrastructure.Audit;

namespace SafeguardingPortal.Tests.Hosting;

/// <summary>
/// Two portal instances on one database, as behind a load balancer (in the PostgreSQL lane, one PostgreSQL
/// database; in the SQLite lane, one file): what one does, the other sees; a cookie from one is good on the
/// other; their audited writes make one valid chain; a scheduled job runs once between them.
/// </summary>
public sealed partial class TwoInstanceTests : IAsyncLifetime
{
    private readonly ConsentPortal first = new();
    private PortalAppFactory second = default!;

    public async ValueTask InitializeAsync()
    {
        await first.InitializeAsync();
        second = new PortalAppFactory(dataDirectory: first.Factory.DataDirectory);
        _ = second.Services;
    }

    public async ValueTask DisposeAsync()
    {
        await second.DisposeAsync();
        await first.DisposeAsync();
    }

    private static HttpClient CookielessClient(PortalAppFactory factory) =>
        factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });

    [Fact]
    public async Task A_consent_opened_on_one_instance_can_be_signed_on_the_other_and_is_seen_on_both()
    {
        var (childId, _, email) = await first.AddFamilyAsync("Tomasz");
        await first.SendAsync(childId);
        await first.DeliverAsync();
        var link = ConsentPortal.LinkIn(first.LastMessageTo(email), "l");

        // The link and the signing page are served by the first instance...
        var cookies = new CookieJar();
        var opened = await cookies.SendAsync(CookielessClient(first.Factory), HttpMethod.Get, link);
        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        var signPath = opened.RedirectTarget()!;
        var page = await (await cookies.SendAsync(CookielessClient(first.Factory), HttpMethod.Get, signPath)).Content.ReadAsStringAsync();

        // ...and the answer goes to the second: its cookies and antiforgery token were made with the shared keys.
        var items = ItemNames().Matches(page).Select(m => m.Groups[1].Value).Distinct().ToList();
        var form = new Dictionary<string, string>
        {
            [items[0]] = "give",
            [items[1]] = "refuse",
            ["SignerName"] = "Pat Parent",
            ["Relationship"] = "Mother",
            ["Declaration"] = "true",
            ["_handler"] = "consent-sign",
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(AntiforgeryToken().Match(page).Groups[1].Value),
        };
        var signed = await cookies.SendAsync(CookielessClient(second), HttpMethod.Post, signPath, new FormUrlEncodedContent(form));
        Assert.True(signed.StatusCode is HttpStatusCode.OK or HttpStatusCode.Redirect, $"The second instance answered {(int)signed.StatusCode}.");

        foreach (var instance in new[] { first.Factory, second })
        {
            await using var scope = instance.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            var signature = await db.Set<ConsentSignature>().AsNoTracking().SingleAsync(s => s.ChildId == childId);
            Assert.Equal("Pat Parent", signature.SignerName);
        }
    }

    [Fact]
    public async Task A_sign_in_cookie_from_one_instance_is_accepted_by_the_other()
    {
        await first.Factory.CreateUserAsync("both@example.org", "Bo Both", PortalRoles.Staff);
        var signIn = await first.Factory.CreateBrowserlessClient().SignInAsync("both@example.org");
        var cookie = signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("SafeguardingPortal.Auth=", StringComparison.Ordinal)).Split(';')[0];

        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Add("Cookie", cookie);
        var response = await CookielessClient(second).SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Welcome, Bo Both", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Audited_writes_through_both_instances_at_once_leave_one_valid_chain()
    {
        const int writersPerInstance = 4;
        const int eventsPerWriter = 15;
        var before = (await first.Factory.EventsAsync()).Count;

        var writers = new[] { first.Factory, second }
            .SelectMany(instance => Enumerable.Range(0, writersPerInstance).Select(w => (instance, w)))
            .Select(pair => Task.Run(async () =>
            {
                for (var i = 0; i < eventsPerWriter; i++)
                {
                    await using var scope = pair.instance.Services.CreateAsyncScope();
                    await scope.ServiceProvider.GetRequiredService<AuditTrail>().RecordAsync(AuditActions.Viewed, $"writer {pair.w} event {i}", "TwoInstances", pair.w.ToString(System.Globalization.CultureInfo.InvariantCulture));
                }
            }));
        await Task.WhenAll(writers);

        var events = await second.EventsAsync();
        Assert.Equal(before + (2 * writersPerInstance * eventsPerWriter), events.Count);
        Assert.Equal(Enumerable.Range(1, events.Count).Select(i => (long)i), events.Select(e => e.Sequence));
        var verified = await first.Factory.VerifyAsync();
        Assert.True(verified.Intact, verified.Message);
        Assert.Equal(events[^1].Sequence, verified.CheckedUpTo);
    }

    [Fact]
    public async Task A_scheduled_job_started_on_both_instances_at_once_runs_once()
    {
        var jobs = new[] { first.Factory, second }.Select(instance => instance.Services.GetServices<IPortalJob>().OfType<SocialAccountReviewJob>().ToList()).ToList();

        var ran = await Task.WhenAll(
            Task.Run(() => first.Factory.Services.GetRequiredService<PortalJobRunner>().RunDueJobsAsync(jobs[0])),
            Task.Run(() => second.Services.GetRequiredService<PortalJobRunner>().RunDueJobsAsync(jobs[1])));

        Assert.Equal(1, ran.Sum());
        await using var scope = second.Services.CreateAsyncScope();
        var runs = await scope.ServiceProvider.GetRequiredService<PortalDbContext>().JobRuns.AsNoTracking().Where(r => r.JobName == jobs[0][0].Name).ToListAsync();
        Assert.Single(runs);
        Assert.Empty(await scope.ServiceProvider.GetRequiredService<PortalDbContext>().JobLeases.AsNoTracking().ToListAsync());
    }

    [Fact]
    public async Task Two_instances_starting_at_once_on_a_new_database_both_come_up_with_one_set_of_roles()
    {
        await using var a = new PortalAppFactory();
        await using var b = new PortalAppFactory(dataDirectory: a.DataDirectory);

        await Task.WhenAll(Task.Run(() => a.Services), Task.Run(() => b.Services));

        Assert.Equal(HttpStatusCode.OK, (await a.CreateBrowserlessClient().GetAsync("/healthz")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await b.CreateBrowserlessClient().GetAsync("/healthz")).StatusCode);
        await using var scope = a.Services.CreateAsyncScope();
        var roles = await scope.ServiceProvider.GetRequiredService<PortalDbContext>().Roles.AsNoTracking().Select(r => r.Name).ToListAsync();
        Assert.Equal(PortalRoles.All.Order(StringComparer.Ordinal), roles.Order(StringComparer.Ordinal));
        Assert.True((await a.VerifyAsync()).Intact);
    }

    [GeneratedRegex("name=\"(item-\\d+)\" value=\"give\"")]
    private static partial Regex ItemNames();

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();

    /// <summary>Keeps the cookies a browser would, across requests to either instance (no sticky sessions).</summary>
    private sealed class CookieJar
    {
        private readonly Dictionary<string, string> cookies = new(StringComparer.Ordinal);

        public async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string path, HttpContent? content = null)
        {
            using var request = new HttpRequestMessage(method, path) { Content = content };
            if (cookies.Count > 0)
            {
                request.Headers.Add("Cookie", string.Join("; ", cookies.Select(c => $"{c.Key}={c.Value}")));
            }

            var response = await client.SendAsync(request);
            if (response.Headers.TryGetValues("Set-Cookie", out var set))
            {
                foreach (var pair in set.Select(c => c.Split(';')[0].Split('=', 2)))
                {
                    cookies[pair[0]] = pair[1];
                }
            }

            return response;
        }
    }
}
