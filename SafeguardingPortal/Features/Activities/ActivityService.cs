using Microsoft.EntityFrameworkCore;
using SafeguardingPortal.Features.People;
using SafeguardingPortal.Infrastructure;
using SafeguardingPortal.Infrastructure.Data;
using SafeguardingPortal.Infrastructure.Identity;
using SafeguardingPortal.Infrastructure.Validation;

namespace SafeguardingPortal.Features.Activities;

/// <summary>
/// Online activities, who takes part and their sessions. Administrators and safeguarding leads
/// change activities and enrolments; staff see the activities they lead and manage their sessions;
/// managers and auditors read.
/// </summary>
public sealed partial class ActivityService(IDbContextFactory<PortalDbContext> dbFactory, CurrentUser currentUser, PortalClock clock)
{
    public async Task<ListPage<ActivityRow>> ListAsync(ListQuery query, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var activities = await VisibleActivitiesAsync(db);
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            activities = activities.WhereContains(db.Database, query.Search, a => a.Title, a => a.Platform!.Name);
        }

        if (Enum.TryParse<ActivityKind>(query.Filter, out var kind))
        {
            activities = activities.Where(a => a.Kind == kind);
        }

        activities = (query.SortBy, query.Descending) switch
        {
            ("Title", false) => activities.OrderBy(a => a.Title).ThenBy(a => a.Id),
            ("Title", true) => activities.OrderByDescending(a => a.Title).ThenBy(a => a.Id),
            ("Platform", false) => activities.OrderBy(a => a.Platform!.Name).ThenBy(a => a.Id),
            ("Platform", true) => activities.OrderByDescending(a => a.Platform!.Name).ThenBy(a => a.Id),
            ("StartDate", false) => activities.OrderBy(a => a.StartDate).ThenBy(a => a.Id),
            (_, _) => activities.OrderByDescending(a => a.StartDate).ThenBy(a => a.Id),
        };
        return await activities.ToPageAsync(query, a => new ActivityRow(
            a.Id, a.Title, a.Kind, a.Platform!.Name, a.MinimumAge, a.MaximumAge, a.StartDate, a.EndDate,
            a.LeadStaffMember!.FirstName + " " + a.LeadStaffMember.LastName, a.Enrolments.Count), ct);
    }

    public async Task<ActivityDetails?> GetAsync(int id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var activities = await VisibleActivitiesAsync(db);
        var a = await activities.AsNoTracking().Include(x => x.Platform).Include(x => x.LeadStaffMember).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (a is null)
        {
            return null;
        }

        var today = clock.Today();
        var children = await db.Enrolments.AsNoTracking().Where(e => e.ActivityId == id)
            .OrderBy(e => e.Child!.LastName).ThenBy(e => e.Child!.FirstName)
            .Select(e => new { e.ChildId, Name = e.Child!.FirstName + " " + e.Child.LastName, e.Child.DateOfBirth })
            .ToListAsync(ct);
        var sessions = await db.ActivitySessions.AsNoTracking().Where(s => s.ActivityId == id).OrderBy(s => s.StartsAtUtc)
            .Select(s => new SessionRow(s.Id, s.StartsAtUtc, s.DurationMinutes, s.HostStaffMemberId, s.HostStaffMember!.FirstName + " " + s.HostStaffMember.LastName, s.WillBeRecorded, s.Version))
            .ToListAsync(ct);
        var model = new ActivityModel
        {
            Id = a.Id,
            Kind = a.Kind,
            Title = a.Title,
            PlatformId = a.PlatformId,
            Description = a.Description,
            WhyOnline = a.WhyOnline,
            Benefits = a.Benefits,
            Risks = a.Risks,
            MinimumAge = a.MinimumAge,
            MaximumAge = a.MaximumAge,
            StartDate = a.StartDate,
            EndDate = a.EndDate,
            LeadStaffMemberId = a.LeadStaffMemberId,
            Version = a.Version,
        };
        var enrolled = children.Select(c =>
        {
            var age = UkCalendar.AgeOn(c.DateOfBirth, today);
            return new EnrolledChild(c.ChildId, c.Name, c.DateOfBirth, age, WarningsFor(age, a.MinimumAge, a.MaximumAge, a.Platform!.Name, a.Platform.MinimumAge));
        }).ToList();
        var canEdit = await currentUser.IsAllowedAsync(PortalPolicies.CanManagePeople);
        return new ActivityDetails(model, a.Platform!.Name, a.Platform.MinimumAge, a.LeadStaffMember!.DisplayName, enrolled, sessions, canEdit, canEdit || await LeadsAsync(db, id, ct));
    }

    /// <summary>Why a child of <paramref name="age"/> may not fit: outside the activity's age range, or below the platform's minimum age.</summary>
    public static IReadOnlyList<string> WarningsFor(int age, int minimumAge, int maximumAge, string platform, int platformMinimumAge)
    {
        var warnings = new List<string>();
        if (age < minimumAge || age > maximumAge)
        {
            warnings.Add($"Aged {age}: outside the activity's age range of {minimumAge} to {maximumAge}.");
        }

        if (age < platformMinimumAge)
        {
            warnings.Add($"Aged {age}: below {platform}'s minimum age of {platformMinimumAge}.");
        }

        return warnings;
    }

    public async Task<int> SaveAsync(ActivityModel model, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        await currentUser.DemandAsync(PortalPolicies.CanManagePeople, "add or change activities");
        var errors = Validate(model);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (model.PlatformId is { } platformId && !await db.Platforms.AnyAsync(p => p.Id == platformId, ct))
        {
            errors[nameof(model.PlatformId)] = "Choose a platform from the list.";
        }

        if (model.LeadStaffMemberId is { } leadId && !await db.StaffMembers.AnyAsync(s => s.Id == leadId, ct))
        {
            errors[nameof(model.LeadStaffMemberId)] = "Choose the member of staff who leads the activity.";
        }

        if (errors.Count > 0)
        {
            throw new PortalValidationException(errors);
        }

        Activity? a;
        if (model.Id == 0)
        {
            a = new Activity { CreatedAtUtc = clock.UtcNow };
            db.Activities.Add(a);
        }
        else
        {
            a = await db.Activities.FirstOrDefaultAsync(x => x.Id == model.Id, ct)
                ?? throw new PortalValidationException("", "This activity no longer exists: someone may have deleted it.");
            if (a.Version != model.Version)
            {
                throw Conflict(a, model);
            }
        }

        a.Kind = model.Kind;
        a.Title = model.Title.Trim();
        a.PlatformId = model.PlatformId!.Value;
        a.Description = model.Description.Trim();
        a.WhyOnline = model.WhyOnline.Trim();
        a.Benefits = model.Benefits.Trim();
        a.Risks = model.Risks.Trim();
        a.MinimumAge = model.MinimumAge!.Value;
        a.MaximumAge = model.MaximumAge!.Value;
        a.StartDate = model.StartDate!.Value;
        a.EndDate = model.EndDate;
        a.LeadStaffMemberId = model.LeadStaffMemberId!.Value;
        a.Version = Guid.NewGuid();
        await db.SaveOrConflictAsync<Activity>(now => Conflict(now, model), ct);

        return a.Id;
    }

    public static Dictionary<string, string> Validate(ActivityModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var errors = new Dictionary<string, string>();
        if (string.IsNullOrWhiteSpace(model.Title))
        {
            errors[nameof(model.Title)] = "Enter the activity's title.";
        }

        PeopleRules.MaxLength(errors, nameof(model.Title), model.Title, 200, "title");
        if (model.PlatformId is null)
        {
            errors[nameof(model.PlatformId)] = "Choose the platform the activity uses.";
        }

        foreach (var (field, value, label) in new[]
        {
            (nameof(model.Description), model.Description, "what the activity is"),
            (nameof(model.WhyOnline), model.WhyOnline, "why it needs to happen online"),
            (nameof(model.Benefits), model.Benefits, "its benefits"),
            (nameof(model.Risks), model.Risks, "its risks and how they are managed"),
        })
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                errors[field] = $"Describe {label}: parents and carers read this before they consent.";
            }
            else
            {
                PeopleRules.MaxLength(errors, field, value, 4000, "text");
            }
        }

        if (model.MinimumAge is not { } min || model.MaximumAge is not { } max)
        {
            errors[nameof(model.MinimumAge)] = "Enter the youngest and oldest ages the activity is for.";
        }
        else if (min < 0 || max > PeopleRules.OldestChildAge)
        {
            errors[nameof(model.MinimumAge)] = $"Ages must be between 0 and {PeopleRules.OldestChildAge}.";
        }
        else if (min > max)
        {
            errors[nameof(model.MaximumAge)] = "The oldest age must be the same as or above the youngest.";
        }

        if (model.StartDate is null)
        {
            errors[nameof(model.StartDate)] = "Enter the date the activity starts.";
        }
        else if (model.EndDate is { } end && end < model.StartDate)
        {
            errors[nameof(model.EndDate)] = "The end date must be on or after the start date.";
        }

        if (model.LeadStaffMemberId is null)
        {
            errors[nameof(model.LeadStaffMemberId)] = "Choose the member of staff who leads the activity.";
        }

        return errors;
    }

    /// <summary>Children who could be added: not yet taking part, matching the search.</summary>
    public async Task<IReadOnlyList<EnrolmentCandidate>> CandidatesAsync(int activityId, string? search, CancellationToken ct = default)
    {
        await currentUser.DemandAsync(PortalPolicies.CanManagePeople, "add children to activities");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var children = db.Children.AsNoTracking().Where(c => !c.Enrolments.Any(e => e.ActivityId == activityId));
        if (!string.IsNullOrWhiteSpace(search))
        {
            children = children.WhereContains(db.Database, search, c => c.FirstName + " " + c.LastName, c => c.PreferredName + " " + c.LastName);
        }

        var today = clock.Today();
        var rows = await children.OrderBy(c => c.LastName).ThenBy(c => c.FirstName).Take(20)
            .Select(c => new { c.Id, Name = c.FirstName + " " + c.LastName, c.DateOfBirth }).ToListAsync(ct);
        return rows.Select(r => new EnrolmentCandidate(r.Id, r.Name, r.DateOfBirth, UkCalendar.AgeOn(r.DateOfBirth, today))).ToList();
    }

    public async Task EnrolAsync(int activityId, int childId, CancellationToken ct = default)
    {
        await currentUser.DemandAsync(PortalPolicies.CanManagePeople, "add children to activities");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await db.Activities.AnyAsync(a => a.Id == activityId, ct) || !await db.Children.AnyAsync(c => c.Id == childId, ct))
        {
            throw new PortalValidationException("", "The activity or the child is no longer on the register.");
        }

        if (await db.Enrolments.AnyAsync(e => e.ActivityId == activityId && e.ChildId == childId, ct))
        {
            return;
        }

        db.Enrolments.Add(new Enrolment { ActivityId = activityId, ChildId = childId, EnrolledAtUtc = clock.UtcNow });
        await db.SaveChangesAsync(ct);
    }

    public async Task UnenrolAsync(int activityId, int childId, CancellationToken ct = default)
    {
        await currentUser.DemandAsync(PortalPolicies.CanManagePeople, "remove children from activities");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var enrolment = await db.Enrolments.FindAsync([activityId, childId], ct);
        if (enrolment is not null)
        {
            db.Enrolments.Remove(enrolment);

            // A child who no longer takes part is not chased for consent: open invitations stop, links included.
            var now = clock.UtcNow;
            var open = await db.Set<Consent.ConsentInvitation>()
                .Where(i => i.ChildId == childId && i.Request!.ActivityId == activityId && i.Status == Consent.InvitationStatus.Awaiting)
                .ToListAsync(ct);
            foreach (var invitation in open)
            {
                invitation.Status = Consent.InvitationStatus.Revoked;
                invitation.RevokedAtUtc = now;
                invitation.RevokedReason = "The child no longer takes part in the activity";
                invitation.Version = Guid.NewGuid();
                db.Add(new Consent.ConsentInvitationEvent { InvitationId = invitation.Id, AtUtc = now, Kind = Consent.InvitationEventKinds.Revoked, Detail = invitation.RevokedReason });
                await Consent.ConsentRequestService.InvalidateTokensAsync(db, invitation.Id, Consent.TokenPurpose.Sign, now, ct);
                await Consent.ConsentRequestService.CancelQueuedAsync(db, invitation.Id, ct);
            }

            await db.SaveChangesAsync(ct);
        }
    }

    /// <summary>Deletes an activity; refused while children take part or sessions are planned.</summary>
    public async Task DeleteAsync(int id, CancellationToken ct = default)
    {
        await currentUser.DemandAsync(PortalPolicies.CanManagePeople, "delete activities");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var a = await db.Activities.FirstOrDefaultAsync(x => x.Id == id, ct);
        if (a is null)
        {
            return;
        }

        var children = await db.Enrolments.CountAsync(e => e.ActivityId == id, ct);
        var sessions = await db.ActivitySessions.CountAsync(s => s.ActivityId == id, ct);
        if (children + sessions > 0)
        {
            throw new PortalValidationException("", $"“{a.Title}” has {children} child{(children == 1 ? "" : "ren")} taking part and {sessions} session{(sessions == 1 ? "" : "s")}. Remove them first.");
        }

        // Consent records are evidence: an activity people were asked about is kept.
        if (await db.Set<Consent.ConsentRequest>().AnyAsync(r => r.ActivityId == id, ct))
        {
            throw new PortalValidationException("", $"Consent has been requested for “{a.Title}”, and those records must be kept. Give it an end date instead of deleting it.");
        }

        db.Activities.Remove(a);
        await db.SaveChangesAsync(ct);
    }

    private async Task<IQueryable<Activity>> VisibleActivitiesAsync(PortalDbContext db)
    {
        await currentUser.DemandAsync(PortalPolicies.CanViewActivities, "see activities");
        if (await currentUser.IsAllowedAsync(PortalPolicies.CanViewPeople))
        {
            return db.Activities;
        }

        var key = await currentUser.GetUserKeyAsync();
        return key is null ? db.Activities.Where(_ => false) : db.Activities.Where(a => a.LeadStaffMember!.UserId == key);
    }

    private async Task<bool> LeadsAsync(PortalDbContext db, int activityId, CancellationToken ct)
    {
        var key = await currentUser.GetUserKeyAsync();
        return key is not null && await db.Activities.AnyAsync(a => a.Id == activityId && a.LeadStaffMember!.UserId == key, ct);
    }

    private static PortalConcurrencyException Conflict(Activity now, ActivityModel yours) => PortalConcurrencyException.Describe(
    [
        ("Title", now.Title, yours.Title),
        ("Kind", now.Kind.ToString(), yours.Kind.ToString()),
        ("Platform", now.PlatformId.ToString(System.Globalization.CultureInfo.InvariantCulture), yours.PlatformId?.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ("Starts", now.StartDate.ToString("d MMM yyyy", System.Globalization.CultureInfo.GetCultureInfo("en-GB")), yours.StartDate?.ToString("d MMM yyyy", System.Globalization.CultureInfo.GetCultureInfo("en-GB"))),
        ("Ends", now.EndDate?.ToString("d MMM yyyy", System.Globalization.CultureInfo.GetCultureInfo("en-GB")), yours.EndDate?.ToString("d MMM yyyy", System.Globalization.CultureInfo.GetCultureInfo("en-GB"))),
        ("Lead", now.LeadStaffMemberId.ToString(System.Globalization.CultureInfo.InvariantCulture), yours.LeadStaffMemberId?.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ("What it is", now.Description, yours.Description),
        ("Why online", now.WhyOnline, yours.WhyOnline),
        ("Benefits", now.Benefits, yours.Benefits),
        ("Risks", now.Risks, yours.Risks),
        ("Ages", $"{now.MinimumAge}–{now.MaximumAge}", $"{yours.MinimumAge}–{yours.MaximumAge}"),
    ], now.Version);
}
