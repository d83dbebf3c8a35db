using Microsoft.EntityFrameworkCore;
using SafeguardingPortal.Features.Activities;
using SafeguardingPortal.Features.Consent;
using SafeguardingPortal.Features.People;
using SafeguardingPortal.Infrastructure;
using SafeguardingPortal.Infrastructure.Data;
using SafeguardingPortal.Infrastructure.Identity;
using SafeguardingPortal.Infrastructure.Validation;

namespace SafeguardingPortal.Features.Recordings;

/// <summary>
/// The register of recordings. Hosts (and leads and administrators for any session) check consent
/// coverage, record the comfort check and register a session's recording; safeguarding leads complete
/// disposal tasks. Staff see only the recordings of sessions they host. Every call checks the caller.
/// </summary>
public sealed partial class RecordingService(IDbContextFactory<PortalDbContext> dbFactory, CurrentUser currentUser, PortalClock clock, Infrastructure.Audit.AuditTrail audit)
{
    private const string ViewPurpose = "see the register of recordings";
    private const string RegisterPurpose = "register recordings";

    /// <summary>Sessions the user may record: those they host, or every session for leads and administrators.</summary>
    public async Task<IReadOnlyList<RecordableSession>> RecordableSessionsAsync(CancellationToken ct = default)
    {
        await currentUser.DemandAsync(PortalPolicies.CanRegisterRecordings, RegisterPurpose);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var sessions = await HostedSessionsAsync(db);
        var rows = await sessions.AsNoTracking().OrderByDescending(s => s.StartsAtUtc).Take(200)
            .Select(s => new RecordableSession(s.Id, s.ActivityId, s.Activity!.Title, s.StartsAtUtc, s.HostStaffMember!.FirstName + " " + s.HostStaffMember.LastName, s.HostStaffMemberId,
                db.Set<SessionComfortCheck>().Any(c => c.ActivitySessionId == s.Id)))
            .ToListAsync(ct);
        return rows;
    }

    /// <summary>The session's children (those enrolled) and its host, who are proposed as its participants.</summary>
    public async Task<(IReadOnlyList<(int Id, string Name)> Children, IReadOnlyList<(int Id, string Name)> Staff)> CandidatesAsync(int sessionId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var session = await SessionAsync(db, sessionId, ct);
        var children = await db.Enrolments.AsNoTracking().Where(e => e.ActivityId == session.ActivityId)
            .OrderBy(e => e.Child!.LastName).ThenBy(e => e.Child!.FirstName).Select(e => new { e.ChildId, e.Child!.FirstName, e.Child.PreferredName, e.Child.LastName }).ToListAsync(ct);
        var staff = await db.StaffMembers.AsNoTracking().OrderBy(s => s.LastName).ThenBy(s => s.FirstName).Select(s => new { s.Id, Name = s.FirstName + " " + s.LastName }).ToListAsync(ct);
        return ([.. children.Select(c => (c.ChildId, ChildName(c.FirstName, c.PreferredName, c.LastName)))], [.. staff.Select(s => (s.Id, s.Name))]);
    }

    /// <summary>
    /// Every proposed participant's effective consent for "session recorded" on the session's activity,
    /// by the consent module's own rules, with who is missing.
    /// </summary>
    public async Task<Coverage> CoverageAsync(int sessionId, IReadOnlyCollection<int> childIds, IReadOnlyCollection<int> staffIds, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(childIds);
        ArgumentNullException.ThrowIfNull(staffIds);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var session = await SessionAsync(db, sessionId, ct);
        return await CoverageAsync(db, session.ActivityId, childIds, staffIds, clock.UtcNow, ct);
    }

    /// <summary>Records that the children were asked and are comfortable being recorded, once per session.</summary>
    public async Task RecordComfortCheckAsync(int sessionId, string note, CancellationToken ct = default)
    {
        var principal = await currentUser.DemandAsync(PortalPolicies.CanRegisterRecordings, "record a comfort check");
        if ((note ?? "").Trim().Length > RecordingRules.TextLength)
        {
            throw new PortalValidationException("Note", $"The note must be {RecordingRules.TextLength} characters or fewer.");
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var session = await SessionAsync(db, sessionId, ct);
        if (await db.Set<SessionComfortCheck>().AsNoTracking().FirstOrDefaultAsync(c => c.ActivitySessionId == session.Id, ct) is { } done)
        {
            throw new PortalValidationException("", $"The comfort check for this session was already recorded by {done.CheckedByName}.");
        }

        db.Add(new SessionComfortCheck
        {
            ActivitySessionId = session.Id,
            CheckedByUserId = CurrentUser.UserKeyOf(principal) ?? "",
            CheckedByName = ConsentWithdrawals.ActorName(principal),
            CheckedAtUtc = clock.UtcNow,
            Note = (note ?? "").Trim(),
        });
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
    }

    /// <summary>
    /// Puts a session's recording on the register under the active policy. Refused unless every
    /// participant has effective consent or has been excluded by a recorded decision, and, when children
    /// took part, the comfort check has been recorded. Returns the recording's id.
    /// </summary>
    public async Task<int> RegisterAsync(RegisterRecordingModel model, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        var principal = await currentUser.DemandAsync(PortalPolicies.CanRegisterRecordings, RegisterPurpose);
        var errors = new Dictionary<string, string>();
        if (string.IsNullOrWhiteSpace(model.Purpose))
        {
            errors[nameof(model.Purpose)] = "Say what this recording is for.";
        }
        else if (model.Purpose.Trim().Length > RecordingRules.TextLength)
        {
            errors[nameof(model.Purpose)] = $"The purpose must be {RecordingRules.TextLength} characters or fewer.";
        }

        if (string.IsNullOrWhiteSpace(model.StorageReference))
        {
            errors[nameof(model.StorageReference)] = "Say where the recording is kept (a folder or link in the storage the policy names).";
        }
        else if (model.StorageReference.Trim().Length > RecordingRules.StorageLength)
        {
            errors[nameof(model.StorageReference)] = $"The storage reference must be {RecordingRules.StorageLength} characters or fewer.";
        }

        if (model.ChildIds.Count + model.StaffMemberIds.Count == 0)
        {
            errors[nameof(model.ChildIds)] = "Choose who took part in the session.";
        }

        foreach (var x in model.Excluded)
        {
            if (string.IsNullOrWhiteSpace(x.Note) || x.Note.Trim().Length > RecordingRules.TextLength)
            {
                errors[nameof(model.Excluded)] = "Say, for each person left out of the recording, how they were left out (for example camera and microphone off).";
            }
        }

        if (errors.Count > 0)
        {
            throw new PortalValidationException(errors);
        }

        var now = clock.UtcNow;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var session = await SessionAsync(db, model.SessionId, ct);
        var policy = await db.Set<RecordingPolicy>().AsNoTracking().FirstOrDefaultAsync(p => p.Status == RecordingPolicyStatus.Active, ct)
            ?? throw new PortalValidationException("", "No recording policy is active yet, so no session can be recorded. A manager must approve the policy first.");
        var childIds = model.ChildIds.Distinct().ToList();
        var staffIds = model.StaffMemberIds.Distinct().ToList();
        if (await db.Enrolments.CountAsync(e => e.ActivityId == session.ActivityId && childIds.Contains(e.ChildId), ct) != childIds.Count)
        {
            throw new PortalValidationException(nameof(model.ChildIds), "Choose children enrolled in this activity.");
        }

        if (await db.StaffMembers.CountAsync(s => staffIds.Contains(s.Id), ct) != staffIds.Count)
        {
            throw new PortalValidationException(nameof(model.StaffMemberIds), "Choose people on the staff register.");
        }

        var excluded = model.Excluded.Select(x => (x.ChildId, x.StaffMemberId)).ToList();
        if (excluded.Any(x => !(x.ChildId is { } c && childIds.Contains(c)) && !(x.StaffMemberId is { } s && staffIds.Contains(s))))
        {
            throw new PortalValidationException(nameof(model.Excluded), "Only someone who took part can be left out of the recording.");
        }

        if (childIds.Count > 0 && !await db.Set<SessionComfortCheck>().AnyAsync(c => c.ActivitySessionId == session.Id, ct))
        {
            throw new PortalValidationException("", "Record the comfort check first: ask the children whether they are comfortable being recorded.");
        }

        var coverage = await CoverageAsync(db, session.ActivityId, childIds, staffIds, now, ct);
        var uncovered = RecordingRules.Uncovered(coverage, excluded);
        if (uncovered.Count > 0)
        {
            throw new PortalValidationException("", $"Consent to recording is not in place for {string.Join(", ", uncovered.Select(u => $"{u.Name} ({ConsentRules.Describe(u.Consent.Status).ToLowerInvariant()})"))}. Leave them out of the recording and record how, or do not record.");
        }

        var recording = new Recording
        {
            Reference = ConsentWithdrawals.NewReference("R"),
            ActivitySessionId = session.Id,
            PolicyId = policy.Id,
            Purpose = model.Purpose.Trim(),
            StorageReference = model.StorageReference.Trim(),
            MadeByStaffMemberId = session.HostStaffMemberId,
            RegisteredByUserId = CurrentUser.UserKeyOf(principal) ?? "",
            RegisteredByName = ConsentWithdrawals.ActorName(principal),
            RegisteredAtUtc = now,
            DeleteBy = RecordingRules.DeleteBy(session.StartsAtUtc, policy.RetentionDays),
            Status = RecordingStatus.Held,
            Version = Guid.NewGuid(),
        };
        foreach (var c in childIds)
        {
            var x = model.Excluded.FirstOrDefault(e => e.ChildId == c);
            recording.Participants.Add(new RecordingParticipant { ChildId = c, Excluded = x is not null, ExclusionNote = x?.Note.Trim() ?? "" });
        }

        foreach (var s in staffIds)
        {
            var x = model.Excluded.FirstOrDefault(e => e.StaffMemberId == s);
            recording.Participants.Add(new RecordingParticipant { StaffMemberId = s, Excluded = x is not null, ExclusionNote = x?.Note.Trim() ?? "" });
        }

        recording.ParticipantCount = recording.Participants.Count(p => !p.Excluded);
        db.Add(recording);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return recording.Id;
    }

    public async Task<ListPage<RecordingRow>> ListAsync(ListQuery query, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var today = clock.Today();
        var rows = (await VisibleAsync(db)).AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            rows = rows.WhereContains(db.Database, query.Search, r => r.Reference, r => r.ActivitySession!.Activity!.Title);
        }

        rows = query.Filter switch
        {
            "Held" => rows.Where(r => r.Status == RecordingStatus.Held),
            "Disposed" => rows.Where(r => r.Status == RecordingStatus.Disposed),
            _ => rows,
        };
        rows = (query.SortBy, query.Descending) switch
        {
            ("DeleteBy", false) => rows.OrderBy(r => r.DeleteBy).ThenBy(r => r.Id),
            ("DeleteBy", true) => rows.OrderByDescending(r => r.DeleteBy).ThenBy(r => r.Id),
            _ => rows.OrderByDescending(r => r.RegisteredAtUtc).ThenByDescending(r => r.Id),
        };
        var page = await rows.ToPageAsync(query, r => new
        {
            r.Id,
            r.Reference,
            r.ActivitySession!.Activity!.Title,
            r.ActivitySession.StartsAtUtc,
            r.Policy!.Number,
            MadeBy = r.MadeByStaffMember!.FirstName + " " + r.MadeByStaffMember.LastName,
            r.ParticipantCount,
            r.DeleteBy,
            r.Status,
            r.DisposedAtUtc,
            Open = db.Set<DisposalTask>().Where(t => t.RecordingId == r.Id && t.CompletedAtUtc == null).Select(t => (DateOnly?)t.DueBy).FirstOrDefault(),
        }, ct);
        return new ListPage<RecordingRow>(
            [.. page.Rows.Select(r => new RecordingRow(r.Id, r.Reference, r.Title, r.StartsAtUtc, r.Number, r.MadeBy, r.ParticipantCount, r.DeleteBy, r.Status, r.DisposedAtUtc,
                r.Open is not null, r.Open is { } due && RecordingRules.Overdue(null, due, today)))],
            page.TotalCount);
    }

    public async Task<RecordingDetails?> GetAsync(int id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var r = await (await VisibleAsync(db)).AsNoTracking()
            .Include(x => x.ActivitySession!).ThenInclude(s => s.Activity)
            .Include(x => x.Policy!).ThenInclude(p => p.AccessPeople).ThenInclude(a => a.StaffMember)
            .Include(x => x.MadeByStaffMember)
            .Include(x => x.Participants).ThenInclude(p => p.Child)
            .Include(x => x.Participants).ThenInclude(p => p.StaffMember)
            .FirstOrDefaultAsync(x => x.Id == id, ct);
        if (r is null)
        {
            return null;
        }

        var tasks = await TaskRowsAsync(db.Set<DisposalTask>().Where(t => t.RecordingId == id), clock.Today(), ct);

        // The storage reference is never sent with the page: it is handed over when an access is recorded.
        return new RecordingDetails(
            r.Id, r.Reference, r.ActivitySession!.ActivityId, r.ActivitySession.Activity!.Title, r.ActivitySession.StartsAtUtc, r.PolicyId, r.Policy!.Number, r.Purpose,
            r.MadeByStaffMember!.DisplayName, r.RegisteredByName, r.RegisteredAtUtc, r.DeleteBy, r.Status,
            [.. r.Participants.OrderBy(p => p.ChildId is null).ThenBy(p => p.Id).Select(p => p.Child is { } c
                ? (ChildName(c.FirstName, c.PreferredName, c.LastName), "Child", p.Excluded, p.ExclusionNote)
                : (p.StaffMember!.DisplayName, DescribeStaff(p.StaffMember.Type), p.Excluded, p.ExclusionNote))],
            r.ParticipantCount,
            tasks,
            r.Status == RecordingStatus.Held && await MaySeeStorageAsync(r.Policy),
            await MayRecordAccessAsync(db, r, ct),
            await AccessRowsAsync(db, r.Id, ct));
    }

    /// <summary>
    /// Whether the signed-in user is one of those the recording's policy names as able to see recordings:
    /// by role, or by name on the staff register.
    /// </summary>
    private async Task<bool> MaySeeStorageAsync(RecordingPolicy policy)
    {
        var principal = await currentUser.GetPrincipalAsync();
        if (RecordingPolicyRules.SplitRoles(policy.AccessRoles).Any(principal.IsInRole))
        {
            return true;
        }

        var key = CurrentUser.UserKeyOf(principal);
        return key is not null && policy.AccessPeople.Any(a => a.StaffMember?.UserId == key);
    }

    internal static async Task<Coverage> CoverageAsync(PortalDbContext db, int activityId, IReadOnlyCollection<int> childIds, IReadOnlyCollection<int> staffIds, DateTimeOffset now, CancellationToken ct)
    {
        var (answers, pending) = await ConsentRequestService.ConsentFactsAsync(db, activityId, audience: null, now, ct);
        var children = await db.Children.AsNoTracking().Where(c => childIds.Contains(c.Id))
            .Select(c => new { c.Id, c.FirstName, c.PreferredName, c.LastName, Responsible = c.Guardians.Where(g => g.HasParentalResponsibility).Select(g => g.ParentCarerId).ToList() })
            .OrderBy(c => c.LastName).ThenBy(c => c.FirstName).ToListAsync(ct);
        var staff = await db.StaffMembers.AsNoTracking().Where(s => staffIds.Contains(s.Id)).OrderBy(s => s.LastName).ThenBy(s => s.FirstName).ToListAsync(ct);
        var lines = new List<CoverageLine>();
        lines.AddRange(children.Select(c => new CoverageLine(c.Id, null, ChildName(c.FirstName, c.PreferredName, c.LastName), "Child",
            ConsentRequestService.ChildCell(answers, pending, c.Id, ConsentItemKind.SessionRecorded, c.Responsible.ToHashSet()))));
        lines.AddRange(staff.Select(s => new CoverageLine(null, s.Id, s.DisplayName, DescribeStaff(s.Type),
            ConsentRequestService.AdultCell(answers, pending, s.Id, ConsentItemKind.SessionRecorded))));
        return new Coverage(lines);
    }

    private static string ChildName(string first, string? preferred, string last) => (string.IsNullOrWhiteSpace(preferred) ? first : preferred) + " " + last;

    private static string DescribeStaff(Staff.StaffType type) => type switch
    {
        Staff.StaffType.Volunteer => "Volunteer",
        Staff.StaffType.ContractWorker => "Contract worker",
        _ => "Staff",
    };

    /// <summary>One session, if the user may record it (they host it, or they manage recordings); otherwise "not found".</summary>
    private async Task<ActivitySession> SessionAsync(PortalDbContext db, int sessionId, CancellationToken ct) =>
        await (await HostedSessionsAsync(db)).FirstOrDefaultAsync(s => s.Id == sessionId, ct)
        ?? throw new PortalValidationException("", "This session is not one you can record: choose a session you host.");

    private async Task<IQueryable<ActivitySession>> HostedSessionsAsync(PortalDbContext db)
    {
        await currentUser.DemandAsync(PortalPolicies.CanRegisterRecordings, RegisterPurpose);
        if (await currentUser.IsAllowedAsync(PortalPolicies.CanManageRecordings))
        {
            return db.ActivitySessions;
        }

        var key = await currentUser.GetUserKeyAsync();
        return key is null ? db.ActivitySessions.Where(_ => false) : db.ActivitySessions.Where(s => s.HostStaffMember!.UserId == key);
    }

    private async Task<IQueryable<Recording>> VisibleAsync(PortalDbContext db)
    {
        await currentUser.DemandAsync(PortalPolicies.CanViewRecordings, ViewPurpose);
        if (await currentUser.IsAllowedAsync(PortalPolicies.CanReadAllRecordings))
        {
            return db.Set<Recording>();
        }

        // Staff see the recordings of sessions they host, and those of a policy that names them.
        var key = await currentUser.GetUserKeyAsync();
        return key is null ? db.Set<Recording>().Where(_ => false) : db.Set<Recording>().Where(r => r.ActivitySession!.HostStaffMember!.UserId == key
            || r.Policy!.AccessPeople.Any(a => a.StaffMember!.UserId == key));
    }

    private static async Task<IReadOnlyList<DisposalTaskRow>> TaskRowsAsync(IQueryable<DisposalTask> tasks, DateOnly today, CancellationToken ct)
    {
        var rows = await tasks.AsNoTracking().OrderBy(t => t.CompletedAtUtc != null).ThenBy(t => t.DueBy).ThenBy(t => t.Id)
            .Select(t => new { t, t.Recording!.Reference, t.Recording.ActivitySession!.Activity!.Title, PolicyMethod = t.Recording.Policy!.DisposalMethod })
            .ToListAsync(ct);
        return [.. rows.Select(r => new DisposalTaskRow(r.t.Id, r.t.RecordingId, r.Reference, r.Title, r.t.Reason, r.t.WithdrawalReference, r.t.RaisedAtUtc, r.t.DueBy,
            RecordingRules.Overdue(r.t.CompletedAtUtc, r.t.DueBy, today), r.t.CompletedAtUtc, r.t.CompletedByName, r.t.Method, r.t.Confirmation, r.PolicyMethod, r.t.Version))];
    }
}
