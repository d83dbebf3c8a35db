using Microsoft.EntityFrameworkCore;
using SafeguardingPortal.Features.People;
using SafeguardingPortal.Features.Staff;
using SafeguardingPortal.Infrastructure.Data;
using SafeguardingPortal.Infrastructure.Identity;
using SafeguardingPortal.Infrastructure.Validation;

namespace SafeguardingPortal.Features.SocialAccounts;

/// <summary>Authorisation, reviews, suspension, closure, access and the yearly declarations.</summary>
public sealed partial class SocialAccountService
{
    /// <summary>A manager who did not propose the account confirms its safety checklist; the account becomes authorised.</summary>
    public async Task AuthoriseAsync(int id, SafetyChecklist checklist, Guid? version, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(checklist);
        var principal = await currentUser.DemandAsync(PortalPolicies.CanAuthoriseSocialAccounts, "authorise social-media accounts");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var account = await LoadForChecklistAsync(db, id, version, ct);
        if (CannotAuthorise(account, CurrentUser.UserKeyOf(principal)) is { } reason)
        {
            throw new PortalValidationException("", reason);
        }

        ApplyChecklist(account, checklist);
        account.Status = SocialAccountStatus.Authorised;
        account.StatusReason = "";
        account.AuthorisedByUserId = CurrentUser.UserKeyOf(principal) ?? "";
        account.AuthorisedAtUtc = clock.UtcNow;
        account.LastReviewedAtUtc = clock.UtcNow;
        account.NextReviewDue = SocialAccountRules.NextReview(clock.Today(), account.ReviewCycleMonths);
        account.Version = Guid.NewGuid();
        await SaveOrConflictAsync(db, ct);
    }

    /// <summary>Why this user may not authorise the account now, or null when they may.</summary>
    internal static string? CannotAuthorise(SocialAccount account, string? userKey) =>
        account.ProposedByUserId == userKey ? "You proposed this account, so another manager must authorise it."
        : account.LastEditedByUserId == userKey ? "You last changed this account's details, so another manager must authorise it."
        : account.Status == SocialAccountStatus.Closed ? "A closed account cannot be authorised."
        : account.Status == SocialAccountStatus.Authorised ? "The account is already authorised."
        : !account.OwnedByOrganisation ? "The account is recorded as not owned by the organisation. A personal account can never be authorised; if the organisation does own it, correct its details first."
        : null;

    /// <summary>A review re-confirms the checklist (and, by looking, who has access) and sets the next review date.</summary>
    public async Task ReviewAsync(int id, SafetyChecklist checklist, Guid? version, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(checklist);
        await currentUser.DemandAsync(PortalPolicies.CanProposeSocialAccounts, ChangePurpose);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var account = await LoadForChecklistAsync(db, id, version, ct);
        if (account.Status != SocialAccountStatus.Authorised)
        {
            throw new PortalValidationException("", "Only an authorised account is reviewed; a proposed or suspended one needs authorising.");
        }

        if (!checklist.AccessConfirmed)
        {
            throw new PortalValidationException("Checklist", "Confirm you have checked who has access and removed anyone who no longer needs it.");
        }

        ApplyChecklist(account, checklist);
        account.LastReviewedAtUtc = clock.UtcNow;
        account.NextReviewDue = SocialAccountRules.NextReview(clock.Today(), account.ReviewCycleMonths);
        account.Version = Guid.NewGuid();
        await SaveOrConflictAsync(db, ct);
    }

    /// <summary>Suspends an account with a reason; <paramref name="foundPersonal"/> records that it turned out to be someone's personal account.</summary>
    public Task SuspendAsync(int id, string reason, bool foundPersonal, Guid? version, CancellationToken ct = default) =>
        SetStatusAsync(id, SocialAccountStatus.Suspended, reason, foundPersonal, version, ct);

    public Task CloseAsync(int id, string reason, Guid? version, CancellationToken ct = default) =>
        SetStatusAsync(id, SocialAccountStatus.Closed, reason, foundPersonal: false, version, ct);

    /// <summary>Gives a member of staff access. Returns a warning when they have no current safer-recruitment check (recorded with the access).</summary>
    public async Task<string?> GrantAccessAsync(int id, int staffMemberId, DateOnly grantedOn, CancellationToken ct = default)
    {
        await currentUser.DemandAsync(PortalPolicies.CanProposeSocialAccounts, ChangePurpose);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var account = await db.SocialAccounts.FirstOrDefaultAsync(x => x.Id == id, ct)
            ?? throw new PortalValidationException("", "This account is no longer on the register.");
        if (account.Status is SocialAccountStatus.Closed or SocialAccountStatus.Suspended)
        {
            throw new PortalValidationException("", $"The account is {account.Status.ToString().ToLowerInvariant()}: nobody can be given access.");
        }

        var staff = await db.StaffMembers.AsNoTracking().FirstOrDefaultAsync(x => x.Id == staffMemberId, ct)
            ?? throw new PortalValidationException("StaffMemberId", "Choose a member of staff.");
        var today = clock.Today();
        if (await db.SocialAccountAccess.AnyAsync(x => x.SocialAccountId == id && x.StaffMemberId == staffMemberId && (x.RemovedOn == null || x.RemovedOn > today), ct))
        {
            throw new PortalValidationException("StaffMemberId", $"{staff.DisplayName} already has access.");
        }

        var check = StaffService.StatusOf(staff.CheckDate, staff.CheckRenewalDue, today);
        var withoutCheck = check is CheckStatus.Missing or CheckStatus.Overdue;
        db.SocialAccountAccess.Add(new SocialAccountAccess { SocialAccountId = id, StaffMemberId = staffMemberId, GrantedOn = grantedOn, GrantedWithoutCurrentCheck = withoutCheck });
        await db.SaveChangesAsync(ct);
        return withoutCheck
            ? $"{staff.DisplayName} has no current safer-recruitment check ({(check == CheckStatus.Missing ? "none on record" : "overdue")}). Access was given and this is recorded; update their check on the staff register."
            : null;
    }

    /// <summary>Ends a person's access today (UK date).</summary>
    public Task RemoveAccessAsync(int accessId, CancellationToken ct = default) => RemoveAccessAsync(accessId, clock.Today(), ct);

    public async Task RemoveAccessAsync(int accessId, DateOnly removedOn, CancellationToken ct = default)
    {
        await currentUser.DemandAsync(PortalPolicies.CanProposeSocialAccounts, ChangePurpose);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var access = await db.SocialAccountAccess.FirstOrDefaultAsync(x => x.Id == accessId, ct)
            ?? throw new PortalValidationException("", "That access is no longer on record.");
        if (access.RemovedOn is not null && access.RemovedOn <= clock.Today())
        {
            throw new PortalValidationException("", "That access has already ended.");
        }

        if (removedOn < access.GrantedOn || removedOn > clock.Today())
        {
            throw new PortalValidationException("RemovedOn", "Access ends today or on a past day, and not before it was given.");
        }

        access.RemovedOn = removedOn;
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The signed-in member of staff declares, for this year, that they use only authorised accounts and keep personal ones private.</summary>
    public async Task DeclareAsync(CancellationToken ct = default)
    {
        await currentUser.DemandAsync(PortalPolicies.CanViewSocialAccounts, "make the yearly declaration");
        var key = await currentUser.GetUserKeyAsync();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var staff = await db.StaffMembers.FirstOrDefaultAsync(x => x.UserId == key, ct)
            ?? throw new PortalValidationException("", "Your portal account is not linked to a record on the staff register. Ask your safeguarding lead to link it.");
        db.AccountDeclarations.Add(new AccountDeclaration { StaffMemberId = staff.Id, DeclaredOn = clock.Today() });
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The signed-in person's declaration: whether they are on the staff register, when they last declared, whether one is due.</summary>
    public async Task<(bool OnRegister, DateOnly? LastDeclaredOn, bool Due)> MyDeclarationAsync(CancellationToken ct = default)
    {
        await currentUser.DemandAsync(PortalPolicies.CanViewSocialAccounts, "see your declaration");
        var key = await currentUser.GetUserKeyAsync();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var staffId = await db.StaffMembers.Where(x => x.UserId == key).Select(x => (int?)x.Id).FirstOrDefaultAsync(ct);
        if (staffId is null)
        {
            return (false, null, false);
        }

        var last = await db.AccountDeclarations.Where(x => x.StaffMemberId == staffId).MaxAsync(x => (DateOnly?)x.DeclaredOn, ct);
        return (true, last, SocialAccountRules.IsDeclarationDue(last, clock.Today()));
    }

    /// <summary>Everyone on the staff register with their last declaration, those who are due first.</summary>
    public async Task<IReadOnlyList<DeclarationRow>> DeclarationsAsync(CancellationToken ct = default)
    {
        await currentUser.DemandAsync(PortalPolicies.CanReadAllSocialAccounts, "see who has made the yearly declaration");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var today = clock.Today();
        var rows = await db.StaffMembers.AsNoTracking()
            .Select(s => new { s.Id, Name = s.FirstName + " " + s.LastName, Last = db.AccountDeclarations.Where(d => d.StaffMemberId == s.Id).Max(d => (DateOnly?)d.DeclaredOn) })
            .ToListAsync(ct);
        return rows.Select(r => new DeclarationRow(r.Id, r.Name, r.Last, SocialAccountRules.IsDeclarationDue(r.Last, today)))
            .OrderByDescending(r => r.Due).ThenBy(r => r.Name, StringComparer.Ordinal).ToList();
    }

    private async Task SetStatusAsync(int id, SocialAccountStatus status, string reason, bool foundPersonal, Guid? version, CancellationToken ct)
    {
        await currentUser.DemandAsync(PortalPolicies.CanProposeSocialAccounts, ChangePurpose);
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new PortalValidationException("Reason", status == SocialAccountStatus.Closed ? "Say why the account is being closed." : "Say why the account is being suspended.");
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var account = await db.SocialAccounts.FirstOrDefaultAsync(x => x.Id == id, ct)
            ?? throw new PortalValidationException("", "This account is no longer on the register.");
        if (account.Version != version)
        {
            throw new PortalConcurrencyException($"Someone else changed this account while you were looking at it (it is now {account.Status}). Reload the page, then try again.", account.Version);
        }

        if (account.Status == SocialAccountStatus.Closed)
        {
            throw new PortalValidationException("", "The account is already closed.");
        }

        if (status == SocialAccountStatus.Suspended && account.Status == SocialAccountStatus.Suspended)
        {
            throw new PortalValidationException("", "The account is already suspended.");
        }

        if (status == SocialAccountStatus.Suspended && account.Status == SocialAccountStatus.Proposed && !foundPersonal)
        {
            throw new PortalValidationException("", "A proposed account is not in use yet: close it instead, or record that it was found to be personal.");
        }

        if (status == SocialAccountStatus.Closed)
        {
            // Nobody can use a closed account: open access ends today.
            var today = clock.Today();
            foreach (var open in await db.SocialAccountAccess.Where(x => x.SocialAccountId == id && (x.RemovedOn == null || x.RemovedOn > today)).ToListAsync(ct))
            {
                open.RemovedOn = today;
            }
        }

        account.Status = status;
        account.StatusReason = foundPersonal ? $"Found to be a personal account: {reason.Trim()}" : reason.Trim();
        if (foundPersonal)
        {
            account.OwnedByOrganisation = false;
        }

        account.Version = Guid.NewGuid();
        await SaveOrConflictAsync(db, ct);
    }

    private static async Task<SocialAccount> LoadForChecklistAsync(PortalDbContext db, int id, Guid? version, CancellationToken ct)
    {
        var account = await db.SocialAccounts.Include(x => x.Platform).Include(x => x.Activities).ThenInclude(x => x.Activity)
            .FirstOrDefaultAsync(x => x.Id == id, ct)
            ?? throw new PortalValidationException("", "This account is no longer on the register.");
        if (account.Version != version)
        {
            throw new PortalConcurrencyException($"Someone else changed this account while you were looking at it (it is now {account.Status}). Reload the page, then try again.", account.Version);
        }

        return account;
    }

    private static void ApplyChecklist(SocialAccount account, SafetyChecklist checklist)
    {
        var ageWarning = SocialAccountRules.AgeWarning(account.Platform!.Name, account.Platform.MinimumAge, account.Activities.Select(x => (x.Activity!.Title, x.Activity.MinimumAge)));
        var problems = SocialAccountRules.Problems(checklist, account.RecoveryEmail, ageWarning);
        if (problems.Count > 0)
        {
            throw new PortalValidationException("Checklist", string.Join(" ", problems));
        }

        account.OwnedByOrganisation = checklist.OwnedByOrganisation;
        account.PrivacySettingsOn = checklist.PrivacySettingsOn;
        account.TwoFactorOn = checklist.TwoFactorOn;
        account.RecoveryEmailIsOrganisational = checklist.RecoveryEmailIsOrganisational;
        account.StrangerMessages = checklist.StrangerMessages;
        account.AgeJustification = ageWarning is null ? "" : checklist.AgeJustification.Trim();
    }

    /// <summary>Accounts a user may see: all of them, or for staff only the authorised ones they can use today.</summary>
    private async Task<IQueryable<SocialAccount>> VisibleAsync(PortalDbContext db, DateOnly today)
    {
        await currentUser.DemandAsync(PortalPolicies.CanViewSocialAccounts, "see social-media accounts");
        if (await currentUser.IsAllowedAsync(PortalPolicies.CanReadAllSocialAccounts))
        {
            return db.SocialAccounts;
        }

        var key = await currentUser.GetUserKeyAsync();
        return key is null
            ? db.SocialAccounts.Where(_ => false)
            : db.SocialAccounts.Where(a => a.Status == SocialAccountStatus.Authorised
                && a.Access.Any(x => x.StaffMember!.UserId == key && x.GrantedOn <= today && (x.RemovedOn == null || x.RemovedOn > today)));
    }

    private static Task SaveOrConflictAsync(PortalDbContext db, CancellationToken ct) =>
        db.SaveOrConflictAsync<SocialAccount>(
            now => new PortalConcurrencyException($"Someone else changed this account at the same moment (it is now {now.Status}). Reload the page, then try again.", now.Version),
            ct);
}
