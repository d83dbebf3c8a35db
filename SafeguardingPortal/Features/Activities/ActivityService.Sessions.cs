using Microsoft.EntityFrameworkCore;
using SafeguardingPortal.Features.People;
using SafeguardingPortal.Infrastructure.Data;
using SafeguardingPortal.Infrastructure.Identity;
using SafeguardingPortal.Infrastructure.Validation;

namespace SafeguardingPortal.Features.Activities;

/// <summary>Sessions of an activity: managed by administrators, safeguarding leads, and the member of staff who leads it.</summary>
public sealed partial class ActivityService
{
    /// <summary>Adds or changes a session: safeguarding leads and administrators, or the member of staff who leads the activity.</summary>
    public async Task<int> SaveSessionAsync(SessionModel model, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await DemandSessionsAsync(db, model.ActivityId, ct);
        var errors = new Dictionary<string, string>();
        if (model.Date is null || model.StartTime is null)
        {
            errors[nameof(model.Date)] = "Enter the session's date and start time (UK time).";
        }

        if (model.DurationMinutes is not (>= 5 and <= 720))
        {
            errors[nameof(model.DurationMinutes)] = "Enter how long the session lasts, between 5 and 720 minutes.";
        }

        if (model.HostStaffMemberId is not { } host || !await db.StaffMembers.AnyAsync(s => s.Id == host, ct))
        {
            errors[nameof(model.HostStaffMemberId)] = "Choose who hosts the session.";
        }

        if (errors.Count > 0)
        {
            throw new PortalValidationException(errors);
        }

        ActivitySession? session;
        if (model.Id == 0)
        {
            session = new ActivitySession { ActivityId = model.ActivityId };
            db.ActivitySessions.Add(session);
        }
        else
        {
            session = await db.ActivitySessions.FirstOrDefaultAsync(s => s.Id == model.Id && s.ActivityId == model.ActivityId, ct)
                ?? throw new PortalValidationException("", "This session no longer exists.");
            if (session.Version != model.Version)
            {
                throw new PortalConcurrencyException("Someone else changed this session while you were editing it. Your changes are still in the form: check them, then save again.", session.Version);
            }
        }

        session.StartsAtUtc = UkCalendar.UkLocalToUtc(model.Date!.Value, model.StartTime!.Value);
        session.DurationMinutes = model.DurationMinutes!.Value;
        session.HostStaffMemberId = model.HostStaffMemberId!.Value;
        session.WillBeRecorded = model.WillBeRecorded;
        session.Version = Guid.NewGuid();
        await db.SaveOrConflictAsync<ActivitySession>(
            now => new PortalConcurrencyException("Someone else changed this session at the same moment. Your changes are still in the form: check them, then save again.", now.Version),
            ct);

        return session.Id;
    }

    public async Task DeleteSessionAsync(int activityId, int sessionId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await DemandSessionsAsync(db, activityId, ct);
        var session = await db.ActivitySessions.FirstOrDefaultAsync(s => s.Id == sessionId && s.ActivityId == activityId, ct);
        if (session is not null)
        {
            db.ActivitySessions.Remove(session);
            await db.SaveChangesAsync(ct);
        }
    }

    private async Task DemandSessionsAsync(PortalDbContext db, int activityId, CancellationToken ct)
    {
        await currentUser.DemandAsync(PortalPolicies.CanViewActivities, "manage sessions");
        if (!await currentUser.IsAllowedAsync(PortalPolicies.CanManagePeople) && !await LeadsAsync(db, activityId, ct))
        {
            // Same refusal, recorded, as any other service refusal.
            await currentUser.DemandAsync(PortalPolicies.CanManagePeople, "manage the sessions of an activity you do not lead");
        }
    }
}
