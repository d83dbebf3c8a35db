using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SafeguardingPortal.Features.Jobs;
using SafeguardingPortal.Features.Platforms;
using SafeguardingPortal.Features.SocialAccounts;
using SafeguardingPortal.Features.Staff;
using SafeguardingPortal.Infrastructure.Audit;
using SafeguardingPortal.Infrastructure.Data;
using SafeguardingPortal.Infrastructure.Identity;
using SafeguardingPortal.Infrastructure.Jobs;
using SafeguardingPortal.Tests.Infrastructure.Audit;

namespace SafeguardingPortal.Tests.Infrastructure.Jobs;

/// <summary>The background-job host's runner, and the account review job, on the portal's fake clock.</summary>
public sealed class PortalJobsTests : IAsyncLifetime
{
    private readonly PortalAppFactory factory = new();
    private PortalUser lead = default!;
    private int accountId;

    public async ValueTask InitializeAsync()
    {
        lead = await factory.CreateUserAsync("lead@example.org", "Lee Lead", PortalRoles.SafeguardingLead);
        var manager = await factory.CreateUserAsync("manager@example.org", "Mo Manager", PortalRoles.Manager);
        await using (var scope = await factory.ScopeForAsync(lead))
        {
            var sp = scope.ServiceProvider;
            var staff = await sp.GetRequiredService<StaffService>().SaveAsync(new StaffModel { FirstName = "Stan", LastName = "Coach", WorkEmail = "stan@example.org" });
            var platform = (await sp.GetRequiredService<PlatformService>().ListAsync()).First(p => p.Name == "Microsoft Teams").Id;
            accountId = await sp.GetRequiredService<SocialAccountService>().SaveAsync(new SocialAccountModel
            {
                PlatformId = platform,
                Handle = "@forum",
                Purpose = "News",
                ResponsibleStaffMemberId = staff,
                RecoveryEmail = "social@riverside.example.org",
                OwnedByOrganisation = true,
            });
        }

        await using (var scope = await factory.ScopeForAsync(manager))
        {
            var accounts = scope.ServiceProvider.GetRequiredService<SocialAccountService>();
            var version = (await accounts.GetAsync(accountId))!.Account.Version;
            await accounts.AuthoriseAsync(accountId, new SafetyChecklist
            {
                OwnedByOrganisation = true,
                PrivacySettingsOn = true,
                TwoFactorOn = true,
                RecoveryEmailIsOrganisational = true,
                StrangerMessages = StrangerMessages.Restricted,
            }, version);
        }
    }

    public async ValueTask DisposeAsync() => await factory.DisposeAsync();

    private PortalJobRunner Runner => factory.Services.GetRequiredService<PortalJobRunner>();

    private IPortalJob ReviewJob => factory.Services.GetServices<IPortalJob>().OfType<SocialAccountReviewJob>().Single();

    private async Task<List<JobRun>> RunsAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PortalDbContext>().JobRuns.AsNoTracking().OrderBy(r => r.Id).ToListAsync();
    }

    [Fact]
    public async Task The_review_job_marks_a_review_due_once_and_is_audited_as_the_system()
    {
        var early = await Runner.RunAsync(ReviewJob, "test");
        Assert.Equal("No account reviews newly due.", early.Summary);

        factory.PortalTime.Advance(TimeSpan.FromDays(180 - 10));
        var first = await Runner.RunAsync(ReviewJob, "test");
        var second = await Runner.RunAsync(ReviewJob, "test");

        Assert.True(first.Succeeded);
        Assert.StartsWith("Marked 1 account review as due: @forum (by ", first.Summary, StringComparison.Ordinal);
        Assert.Equal("No account reviews newly due.", second.Summary);
        var marked = (await factory.EventsAsync()).Single(e => e.EntityType == "SocialAccount" && e.Changes.Contains("ReviewDueMarkedFor", StringComparison.Ordinal));
        Assert.Equal(AuditActorKind.System, marked.ActorKind);
        Assert.Equal(3, (await RunsAsync()).Count);
        await using var scope = await factory.ScopeForAsync(lead);
        var row = Assert.Single((await scope.ServiceProvider.GetRequiredService<SocialAccountService>().ListAsync(new SocialAccountQuery())).Rows);
        Assert.True(row.ReviewDueSoon);
        Assert.False(row.ReviewOverdue);
    }

    [Fact]
    public async Task A_job_runs_once_across_instances_and_an_abandoned_lease_expires()
    {
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            db.JobLeases.Add(new JobLease { JobName = ReviewJob.Name, Holder = "another-instance", ExpiresAtUtc = factory.PortalTime.GetUtcNow().AddMinutes(5) });
            await db.SaveChangesAsync();
        }

        var blocked = await Runner.RunAsync(ReviewJob, "test");
        Assert.False(blocked.Ran);
        Assert.Empty(await RunsAsync());

        // The other instance died mid-run: once its lease expires, this one takes over.
        factory.PortalTime.Advance(PortalJobRunner.LeaseLength);
        var after = await Runner.RunAsync(ReviewJob, "test");
        Assert.True(after.Ran);
        Assert.Single(await RunsAsync());
    }

    [Fact]
    public async Task The_schedule_runs_a_job_only_when_its_interval_has_passed()
    {
        Assert.Equal(1, await Runner.RunDueJobsAsync([ReviewJob]));
        Assert.Equal(0, await Runner.RunDueJobsAsync([ReviewJob]));

        factory.PortalTime.Advance(TimeSpan.FromDays(1));

        Assert.Equal(1, await Runner.RunDueJobsAsync([ReviewJob]));
        Assert.All(await RunsAsync(), r => Assert.Equal("schedule", r.TriggeredBy));
    }

    [Fact]
    public async Task A_failing_job_is_recorded_as_failed_and_releases_its_lease()
    {
        var failing = new FailingJob();

        var outcome = await Runner.RunAsync(failing, "test");
        var again = await Runner.RunAsync(failing, "test");

        Assert.False(outcome.Succeeded);
        Assert.Equal("Failed: the mail server was unreachable", outcome.Summary);
        Assert.True(again.Ran);
        Assert.All(await RunsAsync(), r => Assert.False(r.Succeeded));
    }

    [Fact]
    public async Task Leads_run_jobs_now_and_managers_cannot()
    {
        await using (var scope = await factory.ScopeForAsync(lead))
        {
            var outcome = await scope.ServiceProvider.GetRequiredService<JobsService>().RunNowAsync(ReviewJob.Name);
            Assert.True(outcome.Succeeded);
            var listed = Assert.Single(await scope.ServiceProvider.GetRequiredService<JobsService>().ListAsync(), j => j.Name == ReviewJob.Name);
            Assert.Equal("lead@example.org", listed.LastRun!.TriggeredBy);
        }

        var manager = await factory.CreateUserAsync("manager2@example.org", "Max Manager", PortalRoles.Manager);
        await using var managerScope = await factory.ScopeForAsync(manager);
        await Assert.ThrowsAsync<PortalAccessDeniedException>(() => managerScope.ServiceProvider.GetRequiredService<JobsService>().RunNowAsync(ReviewJob.Name));
        Assert.Single(await RunsAsync());
    }

    private sealed class FailingJob : IPortalJob
    {
        public string Name => "failing";

        public string Title => "Failing";

        public string Description => "Always fails.";

        public TimeSpan Interval => TimeSpan.FromHours(1);

        public Task<string> RunAsync(IServiceProvider services, CancellationToken ct) => throw new InvalidOperationException("the mail server was unreachable");
    }
}
