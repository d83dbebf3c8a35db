using Microsoft.EntityFrameworkCore;
using SafeguardingPortal.Features.Consent;
using SafeguardingPortal.Features.People;
using SafeguardingPortal.Infrastructure.Data;
using SafeguardingPortal.Infrastructure.Identity;
using SafeguardingPortal.Infrastructure.Validation;

namespace SafeguardingPortal.Features.Recordings;

/// <summary>Disposal tasks: raised when retention ends or consent is withdrawn, completed by a safeguarding lead.</summary>
public sealed partial class RecordingService
{
    /// <summary>Disposal tasks, open ones first by due date (SafeguardingLead; auditors read).</summary>
    public async Task<IReadOnlyList<DisposalTaskRow>> DisposalTasksAsync(bool openOnly, CancellationToken ct = default)
    {
        await currentUser.DemandAsync(PortalPolicies.CanViewDisposalTasks, "see disposal tasks");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var tasks = db.Set<DisposalTask>().AsQueryable();
        if (openOnly)
        {
            tasks = tasks.WhereOpen();
        }

        return await TaskRowsAsync(tasks, clock.Today(), ct);
    }

    /// <summary>For the home page: open disposal tasks (the list's "open tasks only") and how many of them are overdue, as COUNT queries.</summary>
    public async Task<DisposalTaskCounts> DisposalCountsAsync(CancellationToken ct = default)
    {
        await currentUser.DemandAsync(PortalPolicies.CanViewDisposalTasks, "see disposal tasks");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var tasks = db.Set<DisposalTask>().AsNoTracking();
        return new DisposalTaskCounts(await tasks.WhereOpen().CountAsync(ct), await tasks.WhereOverdue(clock.Today()).CountAsync(ct));
    }

    /// <summary>
    /// A safeguarding lead records that the recording has been disposed of by the policy's method, with
    /// their confirmation. The recording stays on the register as a tombstone: its storage reference and
    /// participants are removed, its reference, session, policy version and dates remain.
    /// </summary>
    public async Task CompleteDisposalAsync(int taskId, string confirmation, Guid? version, CancellationToken ct = default)
    {
        var principal = await currentUser.DemandAsync(PortalPolicies.CanManageDisposals, "complete disposal tasks");
        if (string.IsNullOrWhiteSpace(confirmation))
        {
            throw new PortalValidationException("Confirmation", "Confirm what you did, for example “Deleted from the folder and the recycle bin; link removed”.");
        }

        if (confirmation.Trim().Length > RecordingRules.TextLength)
        {
            throw new PortalValidationException("Confirmation", $"The confirmation must be {RecordingRules.TextLength} characters or fewer.");
        }

        var now = clock.UtcNow;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var task = await db.Set<DisposalTask>().Include(t => t.Recording!).ThenInclude(r => r.Participants).Include(t => t.Recording!).ThenInclude(r => r.Policy)
            .FirstOrDefaultAsync(t => t.Id == taskId, ct) ?? throw new PortalValidationException("", "This disposal task no longer exists.");
        if (task.Version != version)
        {
            throw new PortalConcurrencyException(task.CompletedAtUtc is null
                ? "Someone else changed this task while you were looking at it. Reload the page, then try again."
                : $"{task.CompletedByName} completed this task while you were looking at it.", task.Version);
        }

        if (task.CompletedAtUtc is not null)
        {
            throw new PortalValidationException("", "This task has already been completed.");
        }

        task.CompletedAtUtc = now;
        task.CompletedByUserId = CurrentUser.UserKeyOf(principal) ?? "";
        task.CompletedByName = ConsentWithdrawals.ActorName(principal);
        task.Method = task.Recording!.Policy!.DisposalMethod;
        task.Confirmation = confirmation.Trim();
        task.Version = Guid.NewGuid();
        var recording = task.Recording;
        recording.Status = RecordingStatus.Disposed;
        recording.DisposedAtUtc = now;
        recording.StorageReference = "";
        db.RemoveRange(recording.Participants);
        recording.Version = Guid.NewGuid();
        await db.SaveOrConflictAsync<DisposalTask>(t => new PortalConcurrencyException("Someone else completed this task at the same moment. Reload the page.", t.Version), ct);
        await transaction.CommitAsync(ct);
    }

    /// <summary>
    /// A consent form has just been signed (online or on paper) that refuses recording for a child or
    /// adult already recorded in the activity: those recordings get disposal tasks at once, marked
    /// "consent refused after recording", and every safeguarding lead is e-mailed. Runs inside the
    /// caller's transaction, after the signature is saved. Returns how many recordings are affected.
    /// </summary>
    internal static async Task<int> RaiseForRefusalAsync(PortalDbContext db, ConsentSignature signature, DateTimeOffset now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(signature);
        if (!signature.Answers.Any(a => !a.Given && RecordingRules.AffectsRecordings(a.Kind)))
        {
            return 0;
        }

        // Only a refusal that stands counts: a back-dated paper form older than the same person's later
        // consent does not take recording consent away, by the consent module's own "latest answer" rule.
        var coverage = await CoverageAsync(db, signature.ActivityId, signature.ChildId is { } c ? [c] : [], signature.StaffMemberId is { } s ? [s] : [], now, ct);
        if (coverage.Full)
        {
            return 0;
        }

        var today = DateOnly.FromDateTime(Components.Shared.UkDateFormatting.ToUkTime(now).DateTime);
        var affected = await RaiseForLostConsentAsync(db, signature.ActivityId, signature.ChildId, signature.StaffMemberId, signature.Reference, DisposalReason.ConsentRefused, today, now, ct);
        if (affected > 0)
        {
            foreach (var (address, name) in await ConsentWithdrawals.LeadAddressesAsync(db, ct))
            {
                Infrastructure.Email.Queue.EmailDispatcher.Enqueue(db, RecordingEmailKinds.RefusalNotice, signature.Id, address, name, now);
            }

            await db.SaveChangesAsync(ct);
        }

        return affected;
    }

    /// <summary>
    /// Consent to recording has been withdrawn or refused for a child or adult in an activity: every
    /// recording of that activity that still exists and includes them (not excluded) gets a disposal task
    /// due today, with the reason and the withdrawal's (or refusing form's) reference. An open retention
    /// task is turned into one. Runs inside the caller's transaction. Returns how many recordings are affected.
    /// </summary>
    internal static async Task<int> RaiseForLostConsentAsync(PortalDbContext db, int activityId, int? childId, int? staffMemberId, string reference, DisposalReason reason, DateOnly today, DateTimeOffset now, CancellationToken ct)
    {
        if (childId is null && staffMemberId is null)
        {
            return 0;
        }

        var recordings = await db.Set<Recording>()
            .Where(r => r.Status == RecordingStatus.Held && r.ActivitySession!.ActivityId == activityId
                && r.Participants.Any(p => !p.Excluded && ((childId != null && p.ChildId == childId) || (staffMemberId != null && p.StaffMemberId == staffMemberId))))
            .Select(r => r.Id).ToListAsync(ct);
        if (recordings.Count == 0)
        {
            return 0;
        }

        var open = await db.Set<DisposalTask>().Where(t => recordings.Contains(t.RecordingId) && t.CompletedAtUtc == null).ToListAsync(ct);
        foreach (var id in recordings)
        {
            if (open.FirstOrDefault(t => t.RecordingId == id) is { } task)
            {
                if (task.Reason == DisposalReason.RetentionEnded)
                {
                    task.Reason = reason;
                    task.WithdrawalReference = reference;
                    task.DueBy = today < task.DueBy ? today : task.DueBy;
                    task.Version = Guid.NewGuid();
                }
            }
            else
            {
                db.Add(new DisposalTask { RecordingId = id, Reason = reason, WithdrawalReference = reference, RaisedAtUtc = now, DueBy = today, Version = Guid.NewGuid() });
            }
        }

        await db.SaveChangesAsync(ct);
        return recordings.Count;
    }

    /// <summary>The daily job's work: a task for every recording that has reached its delete-by date and has none. Returns how many were raised.</summary>
    internal static async Task<int> RaiseRetentionTasksAsync(PortalDbContext db, DateOnly today, DateTimeOffset now, CancellationToken ct)
    {
        var due = await db.Set<Recording>()
            .Where(r => r.Status == RecordingStatus.Held && r.DeleteBy <= today && !db.Set<DisposalTask>().Any(t => t.RecordingId == r.Id && t.CompletedAtUtc == null))
            .Select(r => new { r.Id, r.DeleteBy }).ToListAsync(ct);
        foreach (var r in due)
        {
            db.Add(new DisposalTask { RecordingId = r.Id, Reason = DisposalReason.RetentionEnded, RaisedAtUtc = now, DueBy = r.DeleteBy, Version = Guid.NewGuid() });
        }

        if (due.Count > 0)
        {
            db.AuditBulkDescription = $"Raised {due.Count} disposal tasks for recordings past their retention period";
            await db.SaveChangesAsync(ct);
        }

        return due.Count;
    }
}
