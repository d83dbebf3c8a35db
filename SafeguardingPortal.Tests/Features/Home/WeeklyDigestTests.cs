using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using SafeguardingPortal.Features.Home;
using SafeguardingPortal.Features.Preferences;
using SafeguardingPortal.Features.Staff;
using SafeguardingPortal.Infrastructure.Audit;
using SafeguardingPortal.Infrastructure.Data;
using SafeguardingPortal.Infrastructure.Email.Queue;
using SafeguardingPortal.Infrastructure.Identity;
using SafeguardingPortal.Infrastructure.Jobs;
using SafeguardingPortal.Tests.Infrastructure;
using SafeguardingPortal.Tests.Infrastructure.Audit;

namespace SafeguardingPortal.Tests.Features.Home;

/// <summary>
/// The weekly digest on a real database and the portal's own clock: who gets it, once per week however
/// often (or however concurrently) the job runs, what it says for each role, and turning it off.
/// </summary>
public sealed class WeeklyDigestTests : IAsyncLifetime
{
    // Monday 7 December 2026, 08:00 in London (GMT): the digest for that week is due.
    private static readonly DateTimeOffset MondayMorning = new(2026, 12, 7, 8, 0, 0, TimeSpan.Zero);

    private readonly PortalAppFactory factory = new(new Dictionary<string, string?> { ["Email:DeliverInBackground"] = "false" });
    private PortalUser lead = default!;
    private PortalUser manager = default!;
    private PortalUser staffUser = default!;
    private PortalUser disabledLead = default!;

    public async ValueTask InitializeAsync()
    {
        lead = await factory.CreateUserAsync("lead@example.org", "Lee Lead", PortalRoles.SafeguardingLead);
        manager = await factory.CreateUserAsync("manager@example.org", "Mo Manager", PortalRoles.Manager);
        staffUser = await factory.CreateUserAsync("staff@example.org", "Sam Staff", PortalRoles.Staff);
        disabledLead = await factory.CreateUserAsync("gone@example.org", "Gail Gone", PortalRoles.SafeguardingLead);
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
            var gone = (await users.FindByIdAsync(disabledLead.Id))!;
            gone.IsDisabled = true;
            Assert.True((await users.UpdateAsync(gone)).Succeeded);
        }

        // Someone with no safer-recruitment check: a card with something to do for leads and managers alike.
        await using (var scope = await factory.ScopeForAsync(lead))
        {
            await scope.ServiceProvider.GetRequiredService<StaffService>().SaveAsync(new StaffModel { FirstName = "Una", LastName = "Checked", WorkEmail = "una@example.org" });
        }

        factory.PortalTime.SetUtcNow(MondayMorning);
    }

    public async ValueTask DisposeAsync() => await factory.DisposeAsync();

    private IPortalJob Job => factory.Services.GetServices<IPortalJob>().OfType<WeeklyDigestJob>().Single();

    private Task<JobOutcome> RunAsync() => factory.Services.GetRequiredService<PortalJobRunner>().RunAsync(Job, "test");

    private async Task<List<OutgoingEmail>> DigestEmailsAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PortalDbContext>().Set<OutgoingEmail>().AsNoTracking()
            .Where(e => e.Kind == WeeklyDigestComposer.Kind).OrderBy(e => e.Id).ToListAsync();
    }

    private async Task<List<MimeMessage>> DeliverAsync()
    {
        await factory.Services.GetRequiredService<EmailDispatcher>().DispatchAsync();
        var outbox = Path.Combine(factory.DataDirectory, "outbox");
        return Directory.Exists(outbox)
            ? [.. Directory.GetFiles(outbox, "*.eml").Select(f => MimeMessage.Load(f)).Where(m => m.Subject?.StartsWith("Safeguarding portal:", StringComparison.Ordinal) == true)]
            : [];
    }

    private static MimeMessage To(IEnumerable<MimeMessage> messages, PortalUser user) =>
        messages.Single(m => m.To.Mailboxes.Single().Address == user.Email);

    [Fact]
    public async Task Each_lead_and_manager_is_sent_one_digest_a_week_however_often_the_job_runs()
    {
        var first = await RunAsync();
        var again = await RunAsync();

        Assert.True(first.Succeeded, first.Summary);
        Assert.Equal("Queued the digest for the week of 7 Dec 2026 for 2 people.", first.Summary);
        Assert.Equal("Every digest for the week of 7 Dec 2026 has already been queued.", again.Summary);
        var queued = await DigestEmailsAsync();
        Assert.Equal(["lead@example.org", "manager@example.org"], queued.Select(e => e.ToAddress).Order(StringComparer.Ordinal));

        // Later the same week (Sunday night) nothing more; the next Monday, one more each.
        factory.PortalTime.SetUtcNow(MondayMorning.AddDays(6).AddHours(15));
        Assert.Equal("Every digest for the week of 7 Dec 2026 has already been queued.", (await RunAsync()).Summary);
        factory.PortalTime.SetUtcNow(MondayMorning.AddDays(7));
        Assert.Equal("Queued the digest for the week of 14 Dec 2026 for 2 people.", (await RunAsync()).Summary);
        Assert.Equal(4, (await DigestEmailsAsync()).Count);

        var audit = await factory.EventsAsync();
        Assert.Equal(2, audit.Count(e => e.ActorKind == AuditActorKind.System && e.Summary.StartsWith("Weekly digest for the week of", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Two_instances_running_the_job_at_the_same_moment_queue_each_digest_once()
    {
        // A second runner has its own instance id, as another instance sharing the database would.
        var other = new PortalJobRunner(
            factory.Services.GetRequiredService<IServiceScopeFactory>(),
            factory.Services.GetRequiredService<SafeguardingPortal.Infrastructure.PortalClock>(),
            Microsoft.Extensions.Logging.Abstractions.NullLogger<PortalJobRunner>.Instance);
        var runner = factory.Services.GetRequiredService<PortalJobRunner>();

        await Task.WhenAll(
            Task.Run(() => runner.RunDueJobsAsync([Job])),
            Task.Run(() => other.RunDueJobsAsync([Job])),
            Task.Run(() => other.RunAsync(Job, "test")),
            Task.Run(() => runner.RunAsync(Job, "test")));

        var queued = await DigestEmailsAsync();
        Assert.Equal(2, queued.Count);
        Assert.Equal(2, queued.Select(e => e.ToAddress).Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }

    [Fact]
    public async Task Nothing_is_queued_before_seven_on_monday_morning_uk_time()
    {
        factory.PortalTime.SetUtcNow(MondayMorning.AddDays(7).AddHours(-1.5)); // Monday 14 Dec, 06:30 GMT

        var early = await RunAsync();

        Assert.Equal("Not due yet: this week's digest goes from Monday 07:00.", early.Summary);
        Assert.Empty(await DigestEmailsAsync());
    }

    [Fact]
    public async Task A_digest_holds_the_home_page_cards_of_the_person_it_is_for_and_no_names()
    {
        await RunAsync();
        var messages = await DeliverAsync();

        var leads = To(messages, lead);
        var managers = To(messages, manager);
        Assert.Equal("Safeguarding portal: 1 thing needs your action (week of 7 Dec 2026)", leads.Subject);
        Assert.Contains("• Safer-recruitment checks: 1 person with a check missing or overdue (1 with no check recorded): http://localhost:5080/staff?check=", leads.TextBody, StringComparison.Ordinal);
        Assert.Contains("No invitations are waiting for an answer.", leads.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("personal-device requests", leads.TextBody, StringComparison.OrdinalIgnoreCase);

        Assert.Contains("No personal-device requests are waiting for your decision.", managers.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("invitations", managers.TextBody, StringComparison.Ordinal);
        Assert.Contains("http://localhost:5080/preferences", managers.TextBody, StringComparison.Ordinal);

        // Counts and links only: the person without a check is not named.
        Assert.All(messages, m => Assert.DoesNotContain("Una", m.TextBody, StringComparison.Ordinal));
        Assert.All(messages, m => Assert.DoesNotContain("Una", m.HtmlBody, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Turning_the_digest_off_stops_it_even_when_one_is_already_queued_and_is_audited()
    {
        await RunAsync();
        await using (var scope = await factory.ScopeForAsync(manager))
        {
            var preferences = scope.ServiceProvider.GetRequiredService<UserPreferencesService>();
            Assert.True(await preferences.GetWeeklyDigestAsync());
            await preferences.SetWeeklyDigestAsync(false);
            Assert.False(await preferences.GetWeeklyDigestAsync());
        }

        var messages = await DeliverAsync();

        Assert.Equal([lead.Email], messages.Select(m => m.To.Mailboxes.Single().Address));
        Assert.Equal(OutgoingEmailStatus.Cancelled, (await DigestEmailsAsync()).Single(e => e.ToAddress == manager.Email).Status);
        factory.PortalTime.SetUtcNow(MondayMorning.AddDays(7));
        Assert.Equal("Queued the digest for the week of 14 Dec 2026 for 1 person.", (await RunAsync()).Summary);
        Assert.Contains(await factory.EventsAsync(), e => e.Action == "WeeklyDigestOff" && e.ActorKey == manager.Id);

        // Turned on again, it comes back from the next week it is owed.
        await using (var scope = await factory.ScopeForAsync(manager))
        {
            await scope.ServiceProvider.GetRequiredService<UserPreferencesService>().SetWeeklyDigestAsync(true);
        }

        Assert.Equal("Queued the digest for the week of 14 Dec 2026 for 1 person.", (await RunAsync()).Summary);
        Assert.Contains(await factory.EventsAsync(), e => e.Action == "WeeklyDigestOn" && e.ActorKey == manager.Id);
    }

    [Fact]
    public async Task Someone_whose_roles_get_no_digest_cannot_set_one_and_nothing_is_saved()
    {
        await using var scope = await factory.ScopeForAsync(staffUser);
        var preferences = scope.ServiceProvider.GetRequiredService<UserPreferencesService>();

        Assert.Null(await preferences.GetWeeklyDigestAsync());
        var refused = await Assert.ThrowsAsync<PortalAccessDeniedException>(() => preferences.SetWeeklyDigestAsync(false));

        Assert.Equal("The weekly digest is for safeguarding leads and managers.", refused.Message);
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        Assert.False(await db.UserPreferences.AnyAsync(p => p.UserKey == staffUser.Id));
    }

    [Theory]
    [InlineData("2026-12-07", "2026-12-07")] // a Monday
    [InlineData("2026-12-13", "2026-12-07")] // the Sunday after
    [InlineData("2026-12-09", "2026-12-07")]
    [InlineData("2027-01-01", "2026-12-28")] // across the new year
    public void The_week_starts_on_its_monday(string day, string monday) =>
        Assert.Equal(DateOnly.Parse(monday, System.Globalization.CultureInfo.InvariantCulture), WeeklyDigestRules.WeekStarting(DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture)));

    [Theory]
    [InlineData("2026-12-07T06:59:00Z", null)] // GMT: 06:59 in London
    [InlineData("2026-12-07T07:00:00Z", "2026-12-07")]
    [InlineData("2026-12-13T23:59:00Z", "2026-12-07")] // the Sunday night after
    [InlineData("2026-06-01T05:59:00Z", null)] // BST: 06:59 in London
    [InlineData("2026-06-01T06:00:00Z", "2026-06-01")] // BST: 07:00 in London
    [InlineData("2026-06-07T23:30:00Z", null)] // BST: already Monday 8 June, 00:30 in London, before 07:00
    public void The_digest_is_due_from_monday_seven_in_the_morning_uk_time(string utc, string? week)
    {
        var due = WeeklyDigestRules.DueWeek(DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(week is null ? null : DateOnly.Parse(week, System.Globalization.CultureInfo.InvariantCulture), due);
    }
}
