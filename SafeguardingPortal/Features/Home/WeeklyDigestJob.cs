using System.Globalization;
using Microsoft.EntityFrameworkCore;
using SafeguardingPortal.Infrastructure;
using SafeguardingPortal.Infrastructure.Data;
using SafeguardingPortal.Infrastructure.Email.Queue;
using SafeguardingPortal.Infrastructure.Identity;
using SafeguardingPortal.Infrastructure.Jobs;

namespace SafeguardingPortal.Features.Home;

/// <summary>
/// Queues each safeguarding lead's and manager's weekly digest of what needs their action, from
/// Monday 07:00 UK time, once per person per week. The digest row and its e-mail are saved together,
/// and the row is unique per person and week, so a second run (or a second instance) queues nothing
/// more. What the e-mail says is worked out when it is sent (<see cref="WeeklyDigestComposer"/>).
/// </summary>
public sealed class WeeklyDigestJob : IPortalJob
{
    /// <summary>The roles whose holders get the digest, unless they turn it off in their preferences.</summary>
    public static readonly IReadOnlyList<string> Roles = [PortalRoles.SafeguardingLead, PortalRoles.Manager];

    public string Name => "weekly-digest";

    public string Title => "Weekly digest e-mail";

    public string Description => "Each Monday from 07:00, e-mails every safeguarding lead and manager what needs their action (unless they have turned it off).";

    public TimeSpan Interval => TimeSpan.FromHours(1);

    public async Task<string> RunAsync(IServiceProvider services, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(services);
        var now = services.GetRequiredService<PortalClock>().UtcNow;
        if (WeeklyDigestRules.DueWeek(now) is not { } week)
        {
            return "Not due yet: this week's digest goes from Monday 07:00.";
        }

        await using var db = await services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync(ct);
        // Who is still owed this week's digest is read under the write lock, so two runs cannot both queue it.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var recipients = await RecipientsAsync(db, week, ct);
        if (recipients.Count > 0)
        {
            // The digests first (their ids are the e-mails' related ids), then the e-mails.
            var digests = recipients.Select(u => new WeeklyDigest { UserKey = u.Id, WeekStarting = week, QueuedAtUtc = now }).ToList();
            db.AddRange(digests);
            db.AuditBulkDescription = $"Weekly digest for the week of {week.ToString("d MMM yyyy", CultureInfo.InvariantCulture)}: queued for {recipients.Count} {(recipients.Count == 1 ? "person" : "people")}";
            await db.SaveChangesAsync(ct);
            for (var i = 0; i < recipients.Count; i++)
            {
                EmailDispatcher.Enqueue(db, WeeklyDigestComposer.Kind, digests[i].Id, recipients[i].Email!, recipients[i].DisplayName, now);
            }

            await db.SaveChangesAsync(ct);
        }

        await transaction.CommitAsync(ct);
        if (recipients.Count > 0)
        {
            services.GetRequiredService<EmailDeliverySignal>().Notify();
        }

        return recipients.Count == 0
            ? $"Every digest for the week of {week.ToString("d MMM yyyy", CultureInfo.InvariantCulture)} has already been queued."
            : $"Queued the digest for the week of {week.ToString("d MMM yyyy", CultureInfo.InvariantCulture)} for {recipients.Count} {(recipients.Count == 1 ? "person" : "people")}.";
    }

    /// <summary>Enabled local accounts with an address, in a digest role, who have not turned it off and have no digest this week.</summary>
    internal static Task<List<PortalUser>> RecipientsAsync(PortalDbContext db, DateOnly week, CancellationToken ct)
    {
        var queued = db.Set<WeeklyDigest>().Where(d => d.WeekStarting == week).Select(d => d.UserKey);
        return EligibleUsers(db).Where(u => !queued.Contains(u.Id)).OrderBy(u => u.Id).ToListAsync(ct);
    }

    /// <summary>Who gets the digest at all: enabled local accounts with an address, in a digest role, who have not turned it off.</summary>
    internal static IQueryable<PortalUser> EligibleUsers(PortalDbContext db)
    {
        var roleIds = db.Roles.Where(r => Roles.Contains(r.Name!)).Select(r => r.Id);
        var inRole = db.UserRoles.Where(ur => roleIds.Contains(ur.RoleId)).Select(ur => ur.UserId);
        var optedOut = db.UserPreferences.Where(p => p.WeeklyDigestOff).Select(p => p.UserKey);
        return db.Users.AsNoTracking()
            .Where(u => !u.IsDisabled && u.Email != null && u.Email != "" && inRole.Contains(u.Id) && !optedOut.Contains(u.Id));
    }
}
