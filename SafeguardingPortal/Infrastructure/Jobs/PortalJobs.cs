using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using SafeguardingPortal.Infrastructure.Audit;
using SafeguardingPortal.Infrastructure.Data;

namespace SafeguardingPortal.Infrastructure.Jobs;

/// <summary>
/// A piece of background work. It must be idempotent (running it twice does nothing twice) and
/// safe to stop half-way (what it did is saved; the next run finishes the rest).
/// </summary>
public interface IPortalJob
{
    /// <summary>A stable name, e.g. "social-account-reviews".</summary>
    string Name { get; }

    string Title { get; }

    string Description { get; }

    /// <summary>How often the schedule runs it.</summary>
    TimeSpan Interval { get; }

    /// <summary>Does the work with services from a scope acting as the system; returns what it did, in words.</summary>
    Task<string> RunAsync(IServiceProvider services, CancellationToken ct);
}

public sealed record JobOutcome(bool Ran, bool Succeeded, string Summary);

/// <summary>
/// Runs jobs once across instances: a run first takes the job's lease in the database (in a transaction,
/// which is IMMEDIATE on SQLite and takes the write lock on PostgreSQL), runs in a scope whose changes are
/// audited as "system", records the run and then releases the lease. A lease whose holder died expires, so a restart mid-run only delays the job.
/// </summary>
public sealed class PortalJobRunner(IServiceScopeFactory scopeFactory, PortalClock clock, ILogger<PortalJobRunner> logger)
{
    public static readonly TimeSpan LeaseLength = TimeSpan.FromMinutes(10);

    /// <summary>Identifies this instance in leases.</summary>
    public string InstanceId { get; } = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    public Task<JobOutcome> RunAsync(IPortalJob job, string triggeredBy, CancellationToken ct = default) =>
        RunAsync(job, triggeredBy, onlyIfDue: false, ct);

    /// <summary>Runs every job whose last successful run is older than its interval (by the portal's clock).</summary>
    public async Task<int> RunDueJobsAsync(IEnumerable<IPortalJob> jobs, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        var ran = 0;
        foreach (var job in jobs)
        {
            if (await IsDueAsync(job, ct) && (await RunAsync(job, "schedule", onlyIfDue: true, ct)).Ran)
            {
                ran++;
            }
        }

        return ran;
    }

    /// <param name="onlyIfDue">
    /// Checks again, holding the lease, that the job is still due: another instance may have run it between
    /// this one's first look and taking the lease, and a scheduled job must then not run a second time.
    /// </param>
    private async Task<JobOutcome> RunAsync(IPortalJob job, string triggeredBy, bool onlyIfDue, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(job);
        if (!await TryTakeLeaseAsync(job.Name, ct))
        {
            return new JobOutcome(false, false, "Already running on another instance.");
        }

        try
        {
            if (onlyIfDue && !await IsDueAsync(job, ct))
            {
                return new JobOutcome(false, false, "Already run by another instance.");
            }

            var started = clock.UtcNow;
            var watch = Stopwatch.StartNew();
            string summary;
            var succeeded = false;
            try
            {
                await using var scope = scopeFactory.CreateScopeActingAs(AuditActor.System);
                summary = await job.RunAsync(scope.ServiceProvider, ct);
                succeeded = true;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Job {Job} failed", job.Name);
                summary = $"Failed: {ex.Message}";
            }

            // Recorded while the lease is still held, so no other instance finds the job due in between.
            await using (var scope = scopeFactory.CreateAsyncScope())
            await using (var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync(CancellationToken.None))
            {
                db.JobRuns.Add(new JobRun
                {
                    JobName = job.Name,
                    StartedAtUtc = started,
                    FinishedAtUtc = started + watch.Elapsed,
                    Succeeded = succeeded,
                    Summary = summary.Length > 2000 ? summary[..2000] : summary,
                    TriggeredBy = triggeredBy,
                });
                await db.SaveChangesAsync(CancellationToken.None);
            }

            return new JobOutcome(true, succeeded, summary);
        }
        finally
        {
            await ReleaseLeaseAsync(job.Name);
        }
    }

    private async Task<bool> IsDueAsync(IPortalJob job, CancellationToken ct)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync(ct);
        var last = await db.JobRuns.Where(r => r.JobName == job.Name && r.Succeeded).MaxAsync(r => (DateTimeOffset?)r.StartedAtUtc, ct);
        return last is null || last.Value + job.Interval <= clock.UtcNow;
    }

    private async Task<bool> TryTakeLeaseAsync(string jobName, CancellationToken ct)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var now = clock.UtcNow;
        var lease = await db.JobLeases.FirstOrDefaultAsync(l => l.JobName == jobName, ct);
        if (lease is null)
        {
            db.JobLeases.Add(new JobLease { JobName = jobName, Holder = InstanceId, ExpiresAtUtc = now + LeaseLength });
        }
        else if (lease.ExpiresAtUtc <= now)
        {
            // Only an expired lease is taken over, even this instance's own: a lease it holds means a run of
            // the job is in progress here (the schedule, or "Run now"), and its end releases the lease.
            lease.Holder = InstanceId;
            lease.ExpiresAtUtc = now + LeaseLength;
        }
        else
        {
            return false;
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return true;
    }

    private async Task ReleaseLeaseAsync(string jobName)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        var lease = await db.JobLeases.FirstOrDefaultAsync(l => l.JobName == jobName && l.Holder == InstanceId);
        if (lease is not null)
        {
            db.JobLeases.Remove(lease);
            await db.SaveChangesAsync();
        }
    }
}

/// <summary>Checks every minute which jobs are due and runs them. Off when <c>Jobs:Enabled</c> is false (the tests run jobs directly).</summary>
public sealed class PortalJobHost(PortalJobRunner runner, IEnumerable<IPortalJob> jobs, ILogger<PortalJobHost> logger) : BackgroundService
{
    public static readonly TimeSpan Tick = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Tick);
        do
        {
            try
            {
                await runner.RunDueJobsAsync(jobs, stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "The background-job host could not check its jobs; it tries again in a minute");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
