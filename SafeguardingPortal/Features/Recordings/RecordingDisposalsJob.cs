using Microsoft.EntityFrameworkCore;
using SafeguardingPortal.Features.People;
using SafeguardingPortal.Infrastructure;
using SafeguardingPortal.Infrastructure.Data;
using SafeguardingPortal.Infrastructure.Jobs;

namespace SafeguardingPortal.Features.Recordings;

/// <summary>
/// Once a day, raises a disposal task for every recording that has reached its delete-by date. A
/// recording with an open task gets no second one, so running twice raises nothing twice.
/// </summary>
public sealed class RecordingDisposalsJob : IPortalJob
{
    public string Name => "recording-disposals";

    public string Title => "Recordings due for disposal";

    public string Description => "Raises a disposal task for each recording whose retention period under the recording policy has ended.";

    public TimeSpan Interval => TimeSpan.FromDays(1);

    public async Task<string> RunAsync(IServiceProvider services, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(services);
        var clock = services.GetRequiredService<PortalClock>();
        await using var db = await services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync(ct);
        var raised = await RecordingService.RaiseRetentionTasksAsync(db, clock.Today(), clock.UtcNow, ct);
        return $"{raised} disposal task{(raised == 1 ? "" : "s")} raised.";
    }
}
