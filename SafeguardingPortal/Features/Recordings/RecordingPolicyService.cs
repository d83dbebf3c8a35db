using System.Globalization;
using Microsoft.EntityFrameworkCore;
using SafeguardingPortal.Features.Consent;
using SafeguardingPortal.Infrastructure;
using SafeguardingPortal.Infrastructure.Audit;
using SafeguardingPortal.Infrastructure.Data;
using SafeguardingPortal.Infrastructure.Identity;
using SafeguardingPortal.Infrastructure.Validation;

namespace SafeguardingPortal.Features.Recordings;

/// <summary>
/// The recording policy's versions. Safeguarding leads draft (one draft at a time); a manager who
/// neither wrote nor changed a draft approves it, which makes it the one active version and replaces
/// the one before. All staff read the active version; those who oversee the policy read every version.
/// </summary>
public sealed class RecordingPolicyService(IDbContextFactory<PortalDbContext> dbFactory, CurrentUser currentUser, PortalClock clock, AuditTrail audit)
{
    /// <summary>
    /// A consent request whose form asks about recording sessions carries the active policy's terms in
    /// plain words (why, how long, who can see), so every signer sees why the recording is needed. With no
    /// active policy, or a form that does not ask about recording, nothing is added.
    /// </summary>
    internal static async Task ApplyTermsAsync(PortalDbContext db, Consent.ConsentRequest request, Consent.ConsentTemplateVersion version, CancellationToken ct)
    {
        if (!version.Items.Any(i => RecordingRules.AffectsRecordings(i.Kind)))
        {
            return;
        }

        var policy = await db.Set<RecordingPolicy>().AsNoTracking().Include(p => p.AccessPeople).ThenInclude(a => a.StaffMember)
            .FirstOrDefaultAsync(p => p.Status == RecordingPolicyStatus.Active, ct);
        if (policy is null)
        {
            return;
        }

        var (purpose, keptFor, seenBy) = RecordingPolicyRules.PlainTerms(policy);
        request.RecordingPolicyId = policy.Id;
        request.RecordingPurpose = purpose;
        request.RecordingKeptFor = keptFor;
        request.RecordingSeenBy = seenBy;
    }

    private const string ViewPurpose = "read the recording policy";
    private const string DraftPurpose = "draft the recording policy";

    public async Task<IReadOnlyList<RecordingPolicyRow>> ListAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await (await VisibleAsync(db)).AsNoTracking().OrderByDescending(p => p.Number)
            .Select(p => new { p.Id, p.Number, p.Status, Authors = p.Authors.OrderBy(a => a.Id).Select(a => a.Name).ToList(), p.CreatedAtUtc, p.ApprovedByName, p.ApprovedAtUtc, p.SupersededAtUtc })
            .ToListAsync(ct);
        return [.. rows.Select(r => new RecordingPolicyRow(r.Id, r.Number, r.Status, string.Join(", ", r.Authors), r.CreatedAtUtc, r.ApprovedByName, r.ApprovedAtUtc, r.SupersededAtUtc))];
    }

    /// <summary>The active version, or null while none has been approved.</summary>
    public async Task<RecordingPolicyDetails?> GetActiveAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var id = await (await VisibleAsync(db)).Where(p => p.Status == RecordingPolicyStatus.Active).Select(p => (int?)p.Id).FirstOrDefaultAsync(ct);
        return id is null ? null : await DetailsAsync(db, id.Value, ct);
    }

    /// <summary>One version, or null when it does not exist or the user may not read it (staff read only the active one).</summary>
    public async Task<RecordingPolicyDetails?> GetAsync(int id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await (await VisibleAsync(db)).AnyAsync(p => p.Id == id, ct) ? await DetailsAsync(db, id, ct) : null;
    }

    /// <summary>People on the staff register who can be named as able to see recordings.</summary>
    public async Task<IReadOnlyList<(int Id, string Name)>> NameablePeopleAsync(CancellationToken ct = default)
    {
        await currentUser.DemandAsync(PortalPolicies.CanDraftRecordingPolicy, DraftPurpose);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.StaffMembers.AsNoTracking().OrderBy(s => s.LastName).ThenBy(s => s.FirstName).Select(s => new { s.Id, Name = s.FirstName + " " + s.LastName }).ToListAsync(ct);
        return [.. rows.Select(r => (r.Id, r.Name))];
    }

    /// <summary>
    /// The draft to work on: the one there is, or a new version copied from the active one. Returns its id.
    /// </summary>
    public async Task<int> StartDraftAsync(CancellationToken ct = default)
    {
        var principal = await currentUser.DemandAsync(PortalPolicies.CanDraftRecordingPolicy, DraftPurpose);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (await db.Set<RecordingPolicy>().Where(p => p.Status == RecordingPolicyStatus.Draft).Select(p => (int?)p.Id).FirstOrDefaultAsync(ct) is { } existing)
        {
            return existing;
        }

        var active = await db.Set<RecordingPolicy>().AsNoTracking().Include(p => p.AccessPeople).FirstOrDefaultAsync(p => p.Status == RecordingPolicyStatus.Active, ct);
        var content = active is null ? RecordingPolicyRules.DefaultDraft() : ToModel(active);
        var draft = new RecordingPolicy
        {
            Number = (await db.Set<RecordingPolicy>().MaxAsync(p => (int?)p.Number, ct) ?? 0) + 1,
            Status = RecordingPolicyStatus.Draft,
            CreatedAtUtc = clock.UtcNow,
        };
        Apply(draft, content);
        draft.Authors.Add(new RecordingPolicyAuthor { UserId = CurrentUser.UserKeyOf(principal) ?? "", Name = ConsentWithdrawals.ActorName(principal) });
        draft.Version = Guid.NewGuid();
        db.Add(draft);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return draft.Id;
    }

    /// <summary>Saves a draft, which may still hold prompts. Whoever saves it becomes one of its authors.</summary>
    public async Task SaveDraftAsync(int id, RecordingPolicyModel model, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        var principal = await currentUser.DemandAsync(PortalPolicies.CanDraftRecordingPolicy, DraftPurpose);
        var key = CurrentUser.UserKeyOf(principal);
        if (key is null)
        {
            throw new PortalAccessDeniedException("Your account cannot be identified, so you cannot draft policies.");
        }

        var errors = RecordingPolicyRules.Validate(model, forApproval: false);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var people = model.AccessPeople.Distinct().ToList();
        if (await db.StaffMembers.CountAsync(s => people.Contains(s.Id), ct) != people.Count)
        {
            errors[nameof(model.AccessPeople)] = "Choose people from the staff register.";
        }

        if (errors.Count > 0)
        {
            throw new PortalValidationException(errors);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var policy = await LoadAsync(db, id, model.Version, ct);
        if (policy.Status != RecordingPolicyStatus.Draft)
        {
            throw new PortalValidationException("", "Only a draft can be changed. Start a new version to change the policy.");
        }

        model.AccessPeople = people;
        Apply(policy, model);
        if (policy.Authors.All(a => a.UserId != key))
        {
            policy.Authors.Add(new RecordingPolicyAuthor { UserId = key, Name = ConsentWithdrawals.ActorName(principal) });
        }

        policy.LastChangedAtUtc = clock.UtcNow;
        policy.Version = Guid.NewGuid();
        await SaveOrConflictAsync(db, ct);
        await transaction.CommitAsync(ct);
    }

    /// <summary>
    /// A manager who did not write or change the draft approves it: it becomes the active version and
    /// the version before is kept, readable, as replaced. Every section must be written by then.
    /// </summary>
    public async Task ApproveAsync(int id, Guid? version, CancellationToken ct = default)
    {
        var principal = await currentUser.DemandAsync(PortalPolicies.CanApproveRecordingPolicy, "approve the recording policy");
        var key = CurrentUser.UserKeyOf(principal);
        var now = clock.UtcNow;
        await using var db = await dbFactory.CreateDbContextAsync(ct);

        // Immediate: a second manager approving at the same moment waits, then finds the draft already active.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var policy = await LoadAsync(db, id, version, ct);
        if (RecordingPolicyRules.CannotApprove(policy.Status, policy.Authors.Select(a => a.UserId), key) is { } reason)
        {
            await transaction.RollbackAsync(ct);
            if (policy.Status == RecordingPolicyStatus.Draft)
            {
                await audit.RecordAsync(AuditActions.AccessDenied, $"Refused by the service: approval of recording policy version {policy.Number} ({reason})", nameof(RecordingPolicy), policy.Id.ToString(CultureInfo.InvariantCulture), ct: CancellationToken.None);
            }

            throw new PortalValidationException("", reason);
        }

        var errors = RecordingPolicyRules.Validate(ToModel(policy), forApproval: true);
        if (errors.Count > 0)
        {
            throw new PortalValidationException(new Dictionary<string, string>(errors) { [""] = "Some sections are not ready: the safeguarding lead must finish them before approval." });
        }

        // The one before is replaced first: the database allows only one active version at any moment.
        foreach (var previous in await db.Set<RecordingPolicy>().Where(p => p.Status == RecordingPolicyStatus.Active).ToListAsync(ct))
        {
            previous.Status = RecordingPolicyStatus.Superseded;
            previous.SupersededAtUtc = now;
            previous.Version = Guid.NewGuid();
        }

        await db.SaveChangesAsync(ct);
        policy.Status = RecordingPolicyStatus.Active;
        policy.ApprovedByUserId = key ?? "";
        policy.ApprovedByName = ConsentWithdrawals.ActorName(principal);
        policy.ApprovedAtUtc = now;
        policy.Version = Guid.NewGuid();
        await SaveOrConflictAsync(db, ct);
        await transaction.CommitAsync(ct);
    }

    /// <summary>On first start, a draft with every section prompted, for a safeguarding lead to complete.</summary>
    public static async Task EnsureDefaultAsync(PortalDbContext db, DateTimeOffset now, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (await db.Set<RecordingPolicy>().AnyAsync(ct))
        {
            return;
        }

        var draft = new RecordingPolicy { Number = 1, Status = RecordingPolicyStatus.Draft, CreatedAtUtc = now, Version = Guid.NewGuid() };
        Apply(draft, RecordingPolicyRules.DefaultDraft());
        db.Add(draft);
        await db.SaveChangesAsync(ct);
    }

    internal static RecordingPolicyModel ToModel(RecordingPolicy p) => new()
    {
        Purpose = p.Purpose,
        Uses = p.Uses,
        Storage = p.Storage,
        RetentionDays = p.RetentionDays,
        DisposalMethod = p.DisposalMethod,
        AccessRoles = RecordingPolicyRules.SplitRoles(p.AccessRoles),
        AccessPeople = [.. p.AccessPeople.Select(a => a.StaffMemberId).Order()],
        AccessMethod = p.AccessMethod,
        ResponsibleForMaking = p.ResponsibleForMaking,
        ResponsibleForStoring = p.ResponsibleForStoring,
        ResponsibleForDisposing = p.ResponsibleForDisposing,
        Version = p.Version,
    };

    internal static void Apply(RecordingPolicy p, RecordingPolicyModel m)
    {
        p.Purpose = m.Purpose.Trim();
        p.Uses = m.Uses.Trim();
        p.Storage = m.Storage.Trim();
        p.RetentionDays = m.RetentionDays ?? 0;
        p.DisposalMethod = m.DisposalMethod.Trim();
        p.AccessRoles = string.Join(",", RecordingPolicyRules.AccessibleRoles.Where(m.AccessRoles.Contains));
        p.AccessMethod = m.AccessMethod.Trim();
        p.ResponsibleForMaking = m.ResponsibleForMaking.Trim();
        p.ResponsibleForStoring = m.ResponsibleForStoring.Trim();
        p.ResponsibleForDisposing = m.ResponsibleForDisposing.Trim();
        p.AccessPeople.RemoveAll(a => !m.AccessPeople.Contains(a.StaffMemberId));
        foreach (var person in m.AccessPeople.Where(id => p.AccessPeople.All(a => a.StaffMemberId != id)))
        {
            p.AccessPeople.Add(new RecordingPolicyAccessPerson { StaffMemberId = person });
        }
    }

    private async Task<RecordingPolicyDetails> DetailsAsync(PortalDbContext db, int id, CancellationToken ct)
    {
        var p = await db.Set<RecordingPolicy>().AsNoTracking().Include(x => x.Authors).Include(x => x.AccessPeople).ThenInclude(a => a.StaffMember)
            .FirstAsync(x => x.Id == id, ct);
        var key = await currentUser.GetUserKeyAsync();
        var isManager = await currentUser.IsAllowedAsync(PortalPolicies.CanApproveRecordingPolicy);
        var cannot = isManager ? RecordingPolicyRules.CannotApprove(p.Status, p.Authors.Select(a => a.UserId), key) : null;
        return new RecordingPolicyDetails(
            p.Id,
            p.Number,
            p.Status,
            ToModel(p),
            [.. p.AccessPeople.Select(a => a.StaffMember!.DisplayName).Order(StringComparer.CurrentCulture)],
            [.. p.Authors.OrderBy(a => a.Id).Select(a => a.Name)],
            p.CreatedAtUtc,
            p.LastChangedAtUtc,
            p.ApprovedByName,
            p.ApprovedAtUtc,
            p.SupersededAtUtc,
            CanEdit: p.Status == RecordingPolicyStatus.Draft && await currentUser.IsAllowedAsync(PortalPolicies.CanDraftRecordingPolicy),
            CanApprove: isManager && cannot is null,
            CannotApproveBecause: cannot);
    }

    private async Task<IQueryable<RecordingPolicy>> VisibleAsync(PortalDbContext db)
    {
        await currentUser.DemandAsync(PortalPolicies.CanViewRecordingPolicy, ViewPurpose);
        return await currentUser.IsAllowedAsync(PortalPolicies.CanReadAllRecordingPolicies)
            ? db.Set<RecordingPolicy>()
            : db.Set<RecordingPolicy>().Where(p => p.Status == RecordingPolicyStatus.Active);
    }

    private static async Task<RecordingPolicy> LoadAsync(PortalDbContext db, int id, Guid? version, CancellationToken ct)
    {
        var p = await db.Set<RecordingPolicy>().Include(x => x.Authors).Include(x => x.AccessPeople).FirstOrDefaultAsync(x => x.Id == id, ct)
            ?? throw new PortalValidationException("", "This version of the policy no longer exists.");
        if (p.Version != version)
        {
            throw new PortalConcurrencyException($"Someone else changed this version while you were looking at it (it is now {RecordingPolicyRules.Describe(p.Status).ToLowerInvariant()}). Reload the page, then try again.", p.Version);
        }

        return p;
    }

    private static Task SaveOrConflictAsync(PortalDbContext db, CancellationToken ct) =>
        db.SaveOrConflictAsync<RecordingPolicy>(
            now => new PortalConcurrencyException($"Someone else changed this version at the same moment (it is now {RecordingPolicyRules.Describe(now.Status).ToLowerInvariant()}). Reload the page, then try again.", now.Version),
            ct);
}
