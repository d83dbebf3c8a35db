using Microsoft.EntityFrameworkCore;
using SafeguardingPortal.Features.People;
using SafeguardingPortal.Infrastructure;
using SafeguardingPortal.Infrastructure.Data;
using SafeguardingPortal.Infrastructure.Jobs;

namespace SafeguardingPortal.Features.SocialAccounts;

/// <summary>
/// Once a day, marks the reviews of authorised accounts that fall due within two weeks (or are past
/// due) so the register and the dashboard show them. Each review date is marked once.
/// </summary>
public sealed class SocialAccountReviewJob : IPortalJob
{
    public const int NoticeDays = 14;

    public string Name => "social-account-reviews";

    public string Title => "Social-media account reviews";

    public string Description => $"Marks account reviews that fall due within {NoticeDays} days, or are overdue.";

    public TimeSpan Interval => TimeSpan.FromDays(1);

    public async Task<string> RunAsync(IServiceProvider services, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(services);
        var today = services.GetRequiredService<PortalClock>().Today();
        var horizon = today.AddDays(NoticeDays);
        await using var db = await services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync(ct);
        var due = await db.SocialAccounts
            .Where(a => a.Status == SocialAccountStatus.Authorised && a.NextReviewDue != null && a.NextReviewDue <= horizon
                && (a.ReviewDueMarkedFor == null || a.ReviewDueMarkedFor != a.NextReviewDue))
            .ToListAsync(ct);
        foreach (var account in due)
        {
            account.ReviewDueMarkedFor = account.NextReviewDue;
        }

        await db.SaveChangesAsync(ct);
        return due.Count == 0
            ? "No account reviews newly due."
            : $"Marked {due.Count} account review{(due.Count == 1 ? "" : "s")} as due: {string.Join(", ", due.Select(a => $"{a.Handle} (by {a.NextReviewDue:d MMM yyyy})"))}.";
    }
}
