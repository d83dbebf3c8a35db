using Microsoft.EntityFrameworkCore;
using SafeguardingPortal.Features.Consent;
using SafeguardingPortal.Features.People;
using SafeguardingPortal.Infrastructure.Audit;
using SafeguardingPortal.Infrastructure.Data;
using SafeguardingPortal.Infrastructure.Identity;
using SafeguardingPortal.Infrastructure.Validation;

namespace SafeguardingPortal.Features.Recordings;

/// <summary>
/// The access log of each recording, and the agreements with families who record a session themselves.
/// </summary>
public sealed partial class RecordingService
{
    /// <summary>How far ahead a family's keep-until date may be: a guard against a mistyped year.</summary>
    public const int AgreementMaxYears = 10;

    /// <summary>
    /// Records that the signed-in user is accessing a recording, and why. Those the recording's policy
    /// names (by role or by name) can, and so can those who may record the session (its host, leads and
    /// administrators); the storage reference is returned only to those the policy names, so every look
    /// at where it is kept is on the log.
    /// </summary>
    public async Task<string?> RecordAccessAsync(int recordingId, string reason, CancellationToken ct = default)
    {
        var principal = await currentUser.DemandAsync(PortalPolicies.CanViewRecordings, "record access to a recording");
        var text = (reason ?? "").Trim();
        if (text.Length == 0)
        {
            throw new PortalValidationException("Reason", "Say why you are accessing the recording, for example “checking a concern raised after the session”.");
        }

        if (text.Length > RecordingRules.TextLength)
        {
            throw new PortalValidationException("Reason", $"The reason must be {RecordingRules.TextLength} characters or fewer.");
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var recording = await (await VisibleAsync(db)).AsNoTracking()
            .Include(r => r.Policy!).ThenInclude(p => p.AccessPeople).ThenInclude(a => a.StaffMember)
            .FirstOrDefaultAsync(r => r.Id == recordingId, ct)
            ?? throw new PortalValidationException("", "This recording is not one you can access.");
        if (recording.Status == RecordingStatus.Disposed)
        {
            throw new PortalValidationException("", "This recording has been disposed of; there is nothing left to access.");
        }

        var maySee = await MaySeeStorageAsync(recording.Policy!);
        if (!maySee && !await MayRecordSessionAsync(db, recording.ActivitySessionId, ct))
        {
            await audit.RecordAsync(AuditActions.AccessDenied, $"Refused by the service: record access to recording {recording.Reference}", ct: CancellationToken.None);
            throw new PortalAccessDeniedException("Only those the recording policy names, the session's host, safeguarding leads and administrators record access to a recording.");
        }

        db.Add(new RecordingAccess
        {
            RecordingId = recording.Id,
            AccessedByUserId = CurrentUser.UserKeyOf(principal) ?? "",
            AccessedByName = ConsentWithdrawals.ActorName(principal),
            AccessedAtUtc = clock.UtcNow,
            Reason = text,
        });
        await db.SaveChangesAsync(ct);
        return maySee ? recording.StorageReference : null;
    }

    /// <summary>The access log of one recording, newest first (by who can see the recording).</summary>
    private static async Task<IReadOnlyList<RecordingAccessRow>> AccessRowsAsync(PortalDbContext db, int recordingId, CancellationToken ct) =>
        [.. (await db.Set<RecordingAccess>().AsNoTracking().Where(a => a.RecordingId == recordingId)
            .Select(a => new { a.Id, a.AccessedAtUtc, a.AccessedByName, a.Reason }).ToListAsync(ct))
            .OrderByDescending(a => a.AccessedAtUtc).ThenByDescending(a => a.Id)
            .Select(a => new RecordingAccessRow(a.AccessedAtUtc, a.AccessedByName, a.Reason))];

    /// <summary>Whether the signed-in user may record access to this recording: the policy names them, or they could record its session.</summary>
    private async Task<bool> MayRecordAccessAsync(PortalDbContext db, Recording recording, CancellationToken ct) =>
        recording.Status == RecordingStatus.Held && (await MaySeeStorageAsync(recording.Policy!) || await MayRecordSessionAsync(db, recording.ActivitySessionId, ct));

    private async Task<bool> MayRecordSessionAsync(PortalDbContext db, int sessionId, CancellationToken ct) =>
        await currentUser.IsAllowedAsync(PortalPolicies.CanRegisterRecordings) && await (await HostedSessionsAsync(db)).AnyAsync(s => s.Id == sessionId, ct);

    /// <summary>The agreements with families who record sessions themselves: all, or a host's own sessions'.</summary>
    public Task<IReadOnlyList<AgreementRow>> AgreementsAsync(CancellationToken ct = default) => AgreementsAsync(null, ct);

    private async Task<IReadOnlyList<AgreementRow>> AgreementsAsync(int? childId, CancellationToken ct)
    {
        await currentUser.DemandAsync(PortalPolicies.CanViewRecordings, ViewPurpose);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var agreements = db.Set<FamilyRecordingAgreement>().AsNoTracking();
        if (!await currentUser.IsAllowedAsync(PortalPolicies.CanReadAllRecordings))
        {
            var key = await currentUser.GetUserKeyAsync();
            agreements = key is null ? agreements.Where(_ => false) : agreements.Where(a => a.ActivitySession!.HostStaffMember!.UserId == key);
        }

        if (childId is { } child)
        {
            agreements = agreements.Where(a => a.ChildId == child);
        }

        var today = clock.Today();
        var rows = await agreements
            .Select(a => new
            {
                a.Id,
                a.Reference,
                a.ActivitySession!.Activity!.Title,
                a.ActivitySession.StartsAtUtc,
                a.ChildId,
                a.Child!.FirstName,
                a.Child.PreferredName,
                a.Child.LastName,
                ByChild = a.ParentCarerId == null,
                a.AgreedByName,
                a.UsedFor,
                a.KeepUntil,
                a.NotShared,
                a.AgreedOn,
                a.RecordedByName,
            })
            .ToListAsync(ct);
        return [.. rows.OrderByDescending(r => r.StartsAtUtc).ThenByDescending(r => r.Id)
            .Select(r => new AgreementRow(r.Id, r.Reference, r.Title, r.StartsAtUtc, r.ChildId, ChildName(r.FirstName, r.PreferredName, r.LastName),
                r.ByChild ? $"{r.AgreedByName} (the child)" : r.AgreedByName, r.UsedFor, r.KeepUntil, r.KeepUntil < today, r.NotShared, r.AgreedOn, r.RecordedByName))];
    }

    /// <summary>
    /// For a child's page: the recordings the child is in (or was left out of) that the user may see,
    /// newest first, and their family's agreements for recordings they make themselves.
    /// </summary>
    public async Task<(IReadOnlyList<ChildRecordingRow> Recordings, IReadOnlyList<AgreementRow> Agreements)> ForChildAsync(int childId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var today = clock.Today();
        var rows = await (await VisibleAsync(db)).AsNoTracking()
            .Where(r => r.Participants.Any(p => p.ChildId == childId))
            .Select(r => new
            {
                r.Id,
                r.Reference,
                r.ActivitySession!.Activity!.Title,
                r.ActivitySession.StartsAtUtc,
                r.Status,
                r.DeleteBy,
                Excluded = r.Participants.Where(p => p.ChildId == childId).Select(p => p.Excluded).FirstOrDefault(),
                Open = db.Set<DisposalTask>().Where(t => t.RecordingId == r.Id && t.CompletedAtUtc == null).Select(t => (DateOnly?)t.DueBy).FirstOrDefault(),
            })
            .ToListAsync(ct);
        var agreements = await AgreementsAsync(childId, ct);
        return ([.. rows.OrderByDescending(r => r.StartsAtUtc).ThenByDescending(r => r.Id)
            .Select(r => new ChildRecordingRow(r.Id, r.Reference, r.Title, r.StartsAtUtc, r.Status, r.DeleteBy, r.Excluded, r.Open is not null, r.Open is { } due && RecordingRules.Overdue(null, due, today)))],
            agreements);
    }

    /// <summary>For the agreement form: the session's enrolled children and, for each, the parents and carers linked to them.</summary>
    public async Task<IReadOnlyList<AgreementChoice>> AgreementChoicesAsync(int sessionId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var session = await SessionAsync(db, sessionId, ct);
        var children = await db.Enrolments.AsNoTracking().Where(e => e.ActivityId == session.ActivityId)
            .Select(e => new
            {
                e.ChildId,
                e.Child!.FirstName,
                e.Child.PreferredName,
                e.Child.LastName,
                Guardians = e.Child.Guardians.Select(g => new { g.ParentCarerId, g.ParentCarer!.FirstName, g.ParentCarer.LastName, g.Relationship }).ToList(),
            })
            .ToListAsync(ct);
        return [.. children.OrderBy(c => c.LastName).ThenBy(c => c.FirstName)
            .Select(c => new AgreementChoice(c.ChildId, ChildName(c.FirstName, c.PreferredName, c.LastName),
                [.. c.Guardians.OrderBy(g => g.LastName).ThenBy(g => g.FirstName).Select(g => (g.ParentCarerId, $"{g.FirstName} {g.LastName} ({g.Relationship})"))]))];
    }

    /// <summary>
    /// Records a family's written agreement for a recording they make themselves: what they will use it
    /// for and the last day they will keep it. The session's host, leads and administrators record it.
    /// </summary>
    public async Task<string> RecordAgreementAsync(FamilyAgreementModel model, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        var principal = await currentUser.DemandAsync(PortalPolicies.CanRegisterRecordings, "record a family's recording agreement");
        var today = clock.Today();
        var errors = new Dictionary<string, string>();
        if (model.SessionId == 0)
        {
            errors[nameof(model.SessionId)] = "Choose the session they will record.";
        }

        if (model.ChildId == 0)
        {
            errors[nameof(model.ChildId)] = "Choose the child whose family is recording.";
        }

        if (model.ParentCarerId is null == !model.ByChild)
        {
            errors[nameof(model.ParentCarerId)] = "Choose who agreed: a parent or carer, or the child.";
        }

        if (string.IsNullOrWhiteSpace(model.UsedFor))
        {
            errors[nameof(model.UsedFor)] = "Say what they will use the recording for, in their words.";
        }
        else if (model.UsedFor.Trim().Length > RecordingRules.TextLength)
        {
            errors[nameof(model.UsedFor)] = $"This must be {RecordingRules.TextLength} characters or fewer.";
        }

        DateOnly? agreedOn = model.AgreedOn is { } a ? DateOnly.FromDateTime(a) : null;
        DateOnly? keepUntil = model.KeepUntil is { } k ? DateOnly.FromDateTime(k) : null;
        if (agreedOn is null)
        {
            errors[nameof(model.AgreedOn)] = "Enter the date they agreed.";
        }
        else if (agreedOn > today)
        {
            errors[nameof(model.AgreedOn)] = "The date they agreed cannot be in the future.";
        }

        if (keepUntil is null)
        {
            errors[nameof(model.KeepUntil)] = "Enter the last day they will keep the recording.";
        }
        else if (agreedOn is not null && keepUntil < agreedOn)
        {
            errors[nameof(model.KeepUntil)] = "The last day they keep it cannot be before the day they agreed.";
        }
        else if (keepUntil > today.AddYears(AgreementMaxYears))
        {
            errors[nameof(model.KeepUntil)] = $"The last day they keep it must be within {AgreementMaxYears} years. Check the year.";
        }

        if (errors.Count > 0)
        {
            throw new PortalValidationException(errors);
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var session = await SessionAsync(db, model.SessionId, ct);
        var child = await db.Enrolments.AsNoTracking().Where(e => e.ActivityId == session.ActivityId && e.ChildId == model.ChildId)
            .Select(e => new { e.Child!.FirstName, e.Child.PreferredName, e.Child.LastName }).FirstOrDefaultAsync(ct)
            ?? throw new PortalValidationException(nameof(model.ChildId), "Choose a child enrolled in this session's activity.");
        string agreedBy;
        if (model.ParentCarerId is { } parentId)
        {
            agreedBy = await db.ChildGuardians.AsNoTracking().Where(g => g.ChildId == model.ChildId && g.ParentCarerId == parentId)
                .Select(g => g.ParentCarer!.FirstName + " " + g.ParentCarer.LastName).FirstOrDefaultAsync(ct)
                ?? throw new PortalValidationException(nameof(model.ParentCarerId), "Choose one of the child's own parents or carers, or the child.");
        }
        else
        {
            agreedBy = ChildName(child.FirstName, child.PreferredName, child.LastName);
        }

        var agreement = new FamilyRecordingAgreement
        {
            Reference = ConsentWithdrawals.NewReference("A"),
            ActivitySessionId = session.Id,
            ChildId = model.ChildId,
            ParentCarerId = model.ParentCarerId,
            AgreedByName = agreedBy,
            UsedFor = model.UsedFor.Trim(),
            KeepUntil = keepUntil!.Value,
            NotShared = model.NotShared,
            AgreedOn = agreedOn!.Value,
            RecordedByUserId = CurrentUser.UserKeyOf(principal) ?? "",
            RecordedByName = ConsentWithdrawals.ActorName(principal),
            RecordedAtUtc = clock.UtcNow,
        };
        db.Add(agreement);
        await db.SaveChangesAsync(ct);
        return agreement.Reference;
    }
}
