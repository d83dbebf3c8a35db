using Microsoft.EntityFrameworkCore;
using SafeguardingPortal.Infrastructure.Data;
using SafeguardingPortal.Infrastructure.Identity;
using SafeguardingPortal.Infrastructure.Jobs;
using SafeguardingPortal.Infrastructure.Validation;

namespace SafeguardingPortal.Features.Jobs;

public sealed record JobRow(string Name, string Title, string Description, TimeSpan Interval, JobRun? LastRun);

/// <summary>The background jobs for the jobs page: what each does, its last run, and "run now". Needs <see cref="PortalPolicies.CanRunJobs"/>.</summary>
public sealed class JobsService(IEnumerable<IPortalJob> jobs, PortalJobRunner runner, IDbContextFactory<PortalDbContext> dbFactory, CurrentUser currentUser)
{
    public async Task<IReadOnlyList<JobRow>> ListAsync(CancellationToken ct = default)
    {
        await currentUser.DemandAsync(PortalPolicies.CanRunJobs, "see the background jobs");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = new List<JobRow>();
        foreach (var job in jobs.OrderBy(j => j.Title, StringComparer.Ordinal))
        {
            var last = await db.JobRuns.AsNoTracking().Where(r => r.JobName == job.Name).OrderByDescending(r => r.StartedAtUtc).ThenByDescending(r => r.Id).FirstOrDefaultAsync(ct);
            rows.Add(new JobRow(job.Name, job.Title, job.Description, job.Interval, last));
        }

        return rows;
    }

    public async Task<JobOutcome> RunNowAsync(string name, CancellationToken ct = default)
    {
        var principal = await currentUser.DemandAsync(PortalPolicies.CanRunJobs, "run background jobs");
        var job = jobs.FirstOrDefault(j => j.Name == name) ?? throw new PortalValidationException("", "There is no such job.");
        return await runner.RunAsync(job, principal.Identity?.Name ?? "someone", ct);
    }
}
