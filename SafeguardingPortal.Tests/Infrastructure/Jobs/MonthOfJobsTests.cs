using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SafeguardingPortal.Features.Consent;
using SafeguardingPortal.Features.Devices;
using SafeguardingPortal.Features.Home;
using SafeguardingPortal.Features.Jobs;
using SafeguardingPortal.Features.Recordings;
using SafeguardingPortal.Features.SocialAccounts;
using SafeguardingPortal.Infrastructure.Audit;
using SafeguardingPortal.Infrastructure.Email.Queue;
using SafeguardingPortal.Infrastructure.Identity;
using SafeguardingPortal.Infrastructure.Jobs;
using SafeguardingPortal.Tests.Infrastructure.Audit;
using SafeguardingPortal.Tests.Infrastructure.Email;

namespace SafeguardingPortal.Tests.Infrastructure.Jobs;

/// <summary>
/// A month of the portal's own clock, a day at a time, with every background job run by the schedule twice a
/// day and by a second instance at the same moment: exactly the expected reminders, expiries, reviews and
/// disposal tasks, each on its day and none twice; and runs interrupted by a dead instance or a stop.
/// </summary>
public sealed partial class MonthOfJobsTests : IAsyncLifetime
{
    private const int LastDay = 31;

    private readonly PortalAppFactory factory;
    private readonly SmtpTestServer smtp;
    private PortalUser lead = default!;
    private PortalUser manager = default!;
    private DateTimeOffset day0;
    private DateOnly today0;
    private int hostId;
    private int deviceUserId;
    private int platformId;
    private int activityId;
    private int photosVersionId;

    public MonthOfJobsTests()
    {
        smtp = SmtpTestServer.StartAsync().GetAwaiter().GetResult();
        factory = new PortalAppFactory(new Dictionary<string, string?>
        {
            ["Email:Smtp:Host"] = "127.0.0.1",
            ["Email:Smtp:Port"] = smtp.Port.ToString(CultureInfo.InvariantCulture),
            ["Email:Smtp:Security"] = "None",
            ["Email:DeliverInBackground"] = "false",
            ["Portal:PublicBaseUrl"] = "http://localhost",
            ["Consent:PublicRequestsPerMinute"] = "100000",
        });
    }

    public async ValueTask InitializeAsync()
    {
        lead = await factory.CreateUserAsync("lead@example.org", "Lee Lead", PortalRoles.SafeguardingLead);
        manager = await factory.CreateUserAsync("manager@example.org", "Mo Manager", PortalRoles.Manager);
        StartAtNoon();
        await ArrangePeopleAndActivityAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await factory.DisposeAsync();
        await smtp.DisposeAsync();
    }

    [Fact]
    public async Task A_month_of_twice_daily_and_concurrent_runs_does_each_reminder_expiry_review_and_disposal_once_on_its_day()
    {
        var consent = factory.Services.GetRequiredService<IOptions<ConsentOptions>>().Value;
        var (ada, _) = await AddFamilyAsync("Ada");
        var (ben, _) = await AddFamilyAsync("Ben");
        var (cai, caiParent) = await AddFamilyAsync("Cai");
        var (dan, _) = await AddFamilyAsync("Dan");
        var (reviewedThenEnds, reviewedLater, outsideTheMonth) = (await ApprovedDeviceAsync(validUntilDay: 25, reviewDay: 20), await ApprovedDeviceAsync(validUntilDay: 200, reviewDay: 30), await ApprovedDeviceAsync(validUntilDay: 90, reviewDay: 60));
        var monthly = await AuthorisedAccountAsync("@monthly", cycleMonths: 1);
        var twoMonthly = await AuthorisedAccountAsync("@two-monthly", cycleMonths: 2);
        await ApproveRecordingPolicyAsync();
        var (fifth, twentieth, beyond) = (await RecordingOfSessionOnAsync(5 - RetentionDays), await RecordingOfSessionOnAsync(20 - RetentionDays), await RecordingOfSessionOnAsync(LastDay + 8 - RetentionDays));
        var sent = (await SendAsync(ada, ben, cai)).Zip(new[] { ada, ben, cai }).ToDictionary(x => x.Second, x => (Invitation: x.First, Day: 0));

        var other = NewInstance();
        var ranPerDay = new List<int>();
        var states = new List<(DeviceAuthorisationState, DeviceAuthorisationState, DeviceAuthorisationState)>();
        for (var day = 0; day <= LastDay; day++)
        {
            if (day > 0)
            {
                factory.PortalTime.Advance(TimeSpan.FromDays(1));
            }

            if (day == 1)
            {
                await ParentSignsAsync(caiParent);
            }

            if (day == 10)
            {
                sent[dan] = ((await SendAsync(dan))[0], day);
            }

            // Two instances at the same moment on even days before the schedule's own two runs, on odd days after them.
            var ran = 0;
            if (day % 2 == 0)
            {
                ran += (await Task.WhenAll(Runner.RunDueJobsAsync(Jobs), other.RunDueJobsAsync(Jobs))).Sum();
            }

            ran += await Runner.RunDueJobsAsync(Jobs);
            ran += await Runner.RunDueJobsAsync(Jobs);
            if (day % 2 == 1)
            {
                ran += (await Task.WhenAll(other.RunDueJobsAsync(Jobs), Runner.RunDueJobsAsync(Jobs))).Sum();
            }

            ranPerDay.Add(ran);
            await DeliverAsync();
            states.Add((await DeviceStateAsync(reviewedThenEnds), await DeviceStateAsync(reviewedLater), await DeviceStateAsync(outsideTheMonth)));
        }

        // Every job ran exactly once a day, whichever instance got there first.
        Assert.All(ranPerDay, r => Assert.Equal(Jobs.Count, r));
        await using var db = await DbAsync();
        var runs = await db.JobRuns.AsNoTracking().ToListAsync();
        Assert.All(Jobs, job => Assert.Equal(Enumerable.Range(0, LastDay + 1), runs.Where(r => r.JobName == job.Name).Select(r => DayOf(r.StartedAtUtc)).Order()));
        Assert.All(runs, r => Assert.True(r.Succeeded, r.Summary));
        Assert.Empty(await db.JobLeases.AsNoTracking().ToListAsync());

        // Reminders on the configured days after each first e-mail until the links lapse; none after an answer.
        List<int> ExpectedReminders(int sentDay) => [.. consent.ReminderDays.Select(d => sentDay + d).Where(d => d < sentDay + consent.LinkLifetimeDays && d <= LastDay).Order()];
        var reminders = await QueuedDaysAsync(ConsentEmailKinds.Reminder);
        var remindersSent = await InvitationEventDaysAsync(InvitationEventKinds.ReminderSent);
        var expiries = await InvitationEventDaysAsync(InvitationEventKinds.Expired);
        Assert.Equal([3, 7], consent.ReminderDays);
        Assert.Equal([3, 7, 13, 17], new[] { ExpectedReminders(0), ExpectedReminders(10) }.SelectMany(d => d));
        foreach (var child in new[] { ada, ben, dan })
        {
            var (invitation, sentDay) = sent[child];
            Assert.Equal(ExpectedReminders(sentDay), DaysFor(reminders, invitation));
            Assert.Equal(ExpectedReminders(sentDay), DaysFor(remindersSent, invitation));
            Assert.Equal([sentDay + consent.LinkLifetimeDays], DaysFor(expiries, invitation));
        }

        Assert.Equal(3, reminders.Count);
        Assert.Empty(DaysFor(reminders, sent[cai].Invitation));
        Assert.Empty(DaysFor(expiries, sent[cai].Invitation));
        Assert.Equal(InvitationStatus.Answered, (await db.Set<ConsentInvitation>().AsNoTracking().SingleAsync(i => i.Id == sent[cai].Invitation)).Status);

        // Devices: reminded ReviewNoticeDays before the review and told once of the expiry, to the requester and the person.
        var reviewDue = await QueuedDaysAsync(DeviceEmailKinds.ReviewDue);
        var expired = await QueuedDaysAsync(DeviceEmailKinds.Expired);
        Assert.Equal([20 - DeviceAuthorisationRules.ReviewNoticeDays, 20 - DeviceAuthorisationRules.ReviewNoticeDays], DaysFor(reviewDue, reviewedThenEnds));
        Assert.Equal([26, 26], DaysFor(expired, reviewedThenEnds));
        Assert.Equal([30 - DeviceAuthorisationRules.ReviewNoticeDays, 30 - DeviceAuthorisationRules.ReviewNoticeDays], DaysFor(reviewDue, reviewedLater));
        Assert.Equal(2, reviewDue.Count);
        Assert.Single(expired);
        var devices = await db.DeviceAuthorisations.AsNoTracking().ToDictionaryAsync(a => a.Id);
        Assert.Equal(26, DayOf(devices[reviewedThenEnds].ExpiryRecordedAtUtc!.Value));
        Assert.Null(devices[reviewedLater].ExpiryRecordedAtUtc);
        Assert.Null(devices[outsideTheMonth].ExpiryRecordedAtUtc);
        Assert.Null(devices[outsideTheMonth].ReviewReminderSentFor);
        for (var day = 0; day <= LastDay; day++)
        {
            var first = day < 20 ? DeviceAuthorisationState.Approved : day <= 25 ? DeviceAuthorisationState.ReviewDue : DeviceAuthorisationState.Expired;
            var second = day < 30 ? DeviceAuthorisationState.Approved : DeviceAuthorisationState.ReviewDue;
            Assert.Equal((first, second, DeviceAuthorisationState.Approved), states[day]);
        }

        // The monthly account's review is marked due NoticeDays before it; the two-monthly one's falls after the month.
        var markDay = today0.AddMonths(1).AddDays(-SocialAccountReviewJob.NoticeDays).DayNumber - today0.DayNumber;
        var accounts = await db.SocialAccounts.AsNoTracking().ToDictionaryAsync(a => a.Id);
        Assert.Equal(today0.AddMonths(1), accounts[monthly].ReviewDueMarkedFor);
        Assert.Null(accounts[twoMonthly].ReviewDueMarkedFor);

        // One disposal task per recording whose delete-by date passed, raised on that day; none for the one kept longer.
        var tasks = await db.DisposalTasks.AsNoTracking().ToListAsync();
        Assert.Equal([(fifth, 5, today0.AddDays(5)), (twentieth, 20, today0.AddDays(20))], tasks.OrderBy(t => t.RaisedAtUtc).Select(t => (t.RecordingId, DayOf(t.RaisedAtUtc), t.DueBy)));
        Assert.All(tasks, t => Assert.Equal(DisposalReason.RetentionEnded, t.Reason));
        Assert.DoesNotContain(tasks, t => t.RecordingId == beyond);

        // The weekly digest: one to the lead and one to the manager on the first day (that week's is still
        // owed mid-week), then each Monday; never twice in a week.
        List<int> digestDays = [0, .. Enumerable.Range(1, LastDay).Where(d => today0.AddDays(d).DayOfWeek == DayOfWeek.Monday)];
        var digests = await db.Set<OutgoingEmail>().AsNoTracking().Where(e => e.Kind == WeeklyDigestComposer.Kind).ToListAsync();
        Assert.Equal(digestDays, digests.Where(e => e.ToAddress == lead.Email).Select(e => DayOf(e.CreatedAtUtc)).Order());
        Assert.Equal(digestDays, digests.Where(e => e.ToAddress == manager.Email).Select(e => DayOf(e.CreatedAtUtc)).Order());
        Assert.Equal(2 * digestDays.Count, digests.Count);

        // What the jobs changed is in the audit trail as the system, once, on the day it happened.
        var events = (await factory.EventsAsync()).Where(e => e.OccurredAtUtc >= day0).ToList();
        List<int> DaysOf(Func<AuditEvent, bool> which)
        {
            var found = events.Where(which).ToList();
            Assert.All(found, e => Assert.Equal(AuditActorKind.System, e.ActorKind));
            return [.. found.Select(e => DayOf(e.OccurredAtUtc))];
        }

        Assert.Equal([3, 7, 13, 14, 17, 24], DaysOf(e => e.Action == "Bulk" && e.Summary.StartsWith("Consent invitations:", StringComparison.Ordinal)));
        Assert.Equal([6, 16, 26], DaysOf(e => e.Action == "Bulk" && e.Summary.StartsWith("Personal-device authorisations:", StringComparison.Ordinal)));
        Assert.Equal([5, 20], DaysOf(e => e.Action == "Bulk" && e.Summary.Contains("disposal tasks for recordings past their retention", StringComparison.Ordinal)));
        Assert.Equal([markDay], DaysOf(e => e.EntityType == nameof(SocialAccount) && e.Changes.Contains(nameof(SocialAccount.ReviewDueMarkedFor), StringComparison.Ordinal)));
        Assert.Equal(digestDays, DaysOf(e => e.Action == "Bulk" && e.Summary.StartsWith("Weekly digest for the week of", StringComparison.Ordinal)));
        Assert.True((await factory.VerifyAsync()).Intact);
    }

    [Fact]
    public async Task A_lease_left_by_an_instance_that_died_mid_run_holds_the_job_back_until_it_expires_and_then_it_runs_once()
    {
        var (ada, _) = await AddFamilyAsync("Ada");
        var (ben, _) = await AddFamilyAsync("Ben");
        var invitations = await SendAsync(ada, ben);
        Assert.Equal(Jobs.Count, await Runner.RunDueJobsAsync(Jobs));
        factory.PortalTime.Advance(TimeSpan.FromDays(3));
        var consentJob = Job<ConsentInvitationsJob>();
        var crashedAt = factory.PortalTime.GetUtcNow();
        await using (var db = await DbAsync())
        {
            // Another instance took the lease at this moment and died before it could finish or let go.
            db.JobLeases.Add(new JobLease { JobName = consentJob.Name, Holder = "crashed-instance", ExpiresAtUtc = crashedAt + PortalJobRunner.LeaseLength });
            await db.SaveChangesAsync();
        }

        var other = NewInstance();
        var remindersByMinute = new List<int>();
        for (var minute = 0; minute <= PortalJobRunner.LeaseLength.TotalMinutes + 2; minute++)
        {
            if (minute > 0)
            {
                factory.PortalTime.Advance(TimeSpan.FromMinutes(1));
            }

            await Task.WhenAll(Runner.RunDueJobsAsync(Jobs), other.RunDueJobsAsync(Jobs));
            await Runner.RunDueJobsAsync(Jobs);
            var queued = await QueuedDaysAsync(ConsentEmailKinds.Reminder);
            remindersByMinute.Add(invitations.Sum(i => DaysFor(queued, i).Count));
        }

        var leaseMinutes = (int)PortalJobRunner.LeaseLength.TotalMinutes;
        Assert.Equal(Enumerable.Range(0, remindersByMinute.Count).Select(m => m < leaseMinutes ? 0 : 2), remindersByMinute);
        await using var check = await DbAsync();
        var runs = await check.JobRuns.AsNoTracking().Where(r => r.StartedAtUtc >= crashedAt).ToListAsync();
        Assert.Equal(crashedAt + PortalJobRunner.LeaseLength, Assert.Single(runs, r => r.JobName == consentJob.Name).StartedAtUtc);
        Assert.Equal("2 reminders queued; 0 invitations marked expired.", runs.Single(r => r.JobName == consentJob.Name).Summary);

        // Only that job waited: the others ran at once.
        Assert.All(Jobs.Where(j => j.Name != consentJob.Name), j => Assert.Equal(crashedAt, Assert.Single(runs, r => r.JobName == j.Name).StartedAtUtc));
        Assert.Empty(await check.JobLeases.AsNoTracking().ToListAsync());
    }

    [Fact]
    public async Task A_run_stopped_before_or_after_saving_its_work_is_finished_by_the_next_run_without_sending_anything_twice()
    {
        var (ada, _) = await AddFamilyAsync("Ada");
        var (ben, _) = await AddFamilyAsync("Ben");
        var invitations = await SendAsync(ada, ben);
        var consentJob = Job<ConsentInvitationsJob>();
        Assert.Equal(Jobs.Count, await Runner.RunDueJobsAsync(Jobs));

        // Each invitation's reminder days, e.g. "3,7 | 3,7".
        async Task<string> RemindersAsync(string kind = ConsentEmailKinds.Reminder)
        {
            var days = kind == ConsentEmailKinds.Reminder ? await QueuedDaysAsync(kind) : await InvitationEventDaysAsync(kind);
            return string.Join(" | ", invitations.Select(i => string.Join(",", DaysFor(days, i))));
        }

        async Task<List<JobRun>> RunsTodayAsync()
        {
            await using var db = await DbAsync();
            var now = factory.PortalTime.GetUtcNow();
            return await db.JobRuns.AsNoTracking().Where(r => r.JobName == consentJob.Name && r.StartedAtUtc == now).ToListAsync();
        }

        // Day 3: the portal stops while the job is starting, before anything is saved.
        factory.PortalTime.Advance(TimeSpan.FromDays(3));
        using (var stopping = new CancellationTokenSource())
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Runner.RunDueJobsAsync([new StoppingJob(consentJob, stopping, afterWork: false)], stopping.Token));
        }

        Assert.Equal(" | ", await RemindersAsync());
        Assert.Empty(await RunsTodayAsync());

        // Restarted (a new instance id): the run that did not finish is still due, and does it all.
        var restarted = NewInstance();
        Assert.Equal(Jobs.Count, await restarted.RunDueJobsAsync(Jobs));
        Assert.Equal(0, await restarted.RunDueJobsAsync(Jobs));
        Assert.Equal("3 | 3", await RemindersAsync());
        await DeliverAsync();

        // Day 7: the portal stops after the job saved its reminders but before the run was recorded.
        factory.PortalTime.Advance(TimeSpan.FromDays(4));
        using (var stopping = new CancellationTokenSource())
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => restarted.RunDueJobsAsync([new StoppingJob(consentJob, stopping, afterWork: true)], stopping.Token));
        }

        Assert.Equal("3,7 | 3,7", await RemindersAsync());
        Assert.Empty(await RunsTodayAsync());
        await using (var db = await DbAsync())
        {
            Assert.Empty(await db.JobLeases.AsNoTracking().ToListAsync());
        }

        // Restarted again: the job runs once more, finds nothing left to do, and sends nothing twice.
        var again = NewInstance();
        Assert.Equal(Jobs.Count, await again.RunDueJobsAsync(Jobs));
        Assert.Equal(0, await Runner.RunDueJobsAsync(Jobs));
        Assert.Equal("0 reminders queued; 0 invitations marked expired.", Assert.Single(await RunsTodayAsync()).Summary);
        Assert.Equal("3,7 | 3,7", await RemindersAsync());
        await DeliverAsync();
        Assert.Equal("3,7 | 3,7", await RemindersAsync(InvitationEventKinds.ReminderSent));
    }

    [Fact]
    public async Task Run_now_while_the_same_instance_is_already_running_the_job_is_refused_and_the_lease_is_kept()
    {
        var consentJob = Job<ConsentInvitationsJob>();
        var inJob = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var carryOn = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var scheduled = Runner.RunDueJobsAsync([new GatedJob(consentJob, inJob, carryOn)]);
        await inJob.Task;

        // A lead presses "Run now" on this instance while the schedule is part-way through the same job.
        var runNow = await AsAsync<JobsService, JobOutcome>(lead, s => s.RunNowAsync(consentJob.Name));
        var elsewhere = await NewInstance().RunAsync(consentJob, "test");

        carryOn.SetResult();
        Assert.Equal(1, await scheduled);
        Assert.Equal((false, "Already running on another instance."), (runNow.Ran, runNow.Summary));
        Assert.False(elsewhere.Ran);
        await using var db = await DbAsync();
        Assert.Equal("schedule", Assert.Single(await db.JobRuns.AsNoTracking().ToListAsync()).TriggeredBy);
    }

    [Fact]
    public async Task Configured_reminder_days_replace_the_default_ones_rather_than_being_added_to_them()
    {
        // Both of appsettings.json's two reminder days overridden, as an administrator would.
        await using var configured = new PortalAppFactory(new Dictionary<string, string?> { ["Consent:ReminderDays:0"] = "2", ["Consent:ReminderDays:1"] = "5" });

        Assert.Equal([2, 5], configured.Services.GetRequiredService<IOptions<ConsentOptions>>().Value.ReminderDays);
        Assert.Equal(ConsentOptions.DefaultReminderDays, factory.Services.GetRequiredService<IOptions<ConsentOptions>>().Value.ReminderDays);
    }
}
