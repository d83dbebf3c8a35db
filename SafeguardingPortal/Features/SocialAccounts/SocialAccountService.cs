using Microsoft.EntityFrameworkCore;
using SafeguardingPortal.Features.People;
using SafeguardingPortal.Features.Staff;
using SafeguardingPortal.Infrastructure;
using SafeguardingPortal.Infrastructure.Data;
using SafeguardingPortal.Infrastructure.Identity;
using SafeguardingPortal.Infrastructure.Validation;

namespace SafeguardingPortal.Features.SocialAccounts;

/// <summary>
/// The register of organisation-authorised social-media accounts. Administrators, safeguarding leads
/// and managers propose and change accounts; only a manager who did not propose an account authorises
/// it, after its safety checklist; auditors read; staff see the accounts they can use now.
/// </summary>
public sealed partial class SocialAccountService(IDbContextFactory<PortalDbContext> dbFactory, CurrentUser currentUser, PortalClock clock)
{
    private const string ChangePurpose = "change the social-media account register";

    public async Task<ListPage<SocialAccountRow>> ListAsync(SocialAccountQuery query, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var today = clock.Today();
        var accounts = await VisibleAsync(db, today);
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            accounts = accounts.WhereContains(db.Database, query.Search, a => a.Handle, a => a.Purpose);
        }

        if (query.PlatformId is { } platform)
        {
            accounts = accounts.Where(a => a.PlatformId == platform);
        }

        if (query.Status is { } status)
        {
            accounts = accounts.Where(a => a.Status == status);
        }

        if (query.ReviewOverdueOnly)
        {
            accounts = WhereReviewOverdue(accounts, today);
        }

        if (query.StaffMemberId is { } staff)
        {
            // "Which accounts can this person use?": authorised accounts they have access to today.
            accounts = accounts.Where(a => a.Status == SocialAccountStatus.Authorised && a.Access.Any(x => x.StaffMemberId == staff && x.GrantedOn <= today && (x.RemovedOn == null || x.RemovedOn > today)));
        }

        accounts = (query.SortBy, query.Descending) switch
        {
            ("Platform", false) => accounts.OrderBy(a => a.Platform!.Name).ThenBy(a => a.Id),
            ("Platform", true) => accounts.OrderByDescending(a => a.Platform!.Name).ThenBy(a => a.Id),
            ("Status", false) => accounts.OrderBy(a => a.Status).ThenBy(a => a.Id),
            ("Status", true) => accounts.OrderByDescending(a => a.Status).ThenBy(a => a.Id),
            ("NextReviewDue", false) => accounts.OrderBy(a => a.NextReviewDue).ThenBy(a => a.Id),
            ("NextReviewDue", true) => accounts.OrderByDescending(a => a.NextReviewDue).ThenBy(a => a.Id),
            (_, true) => accounts.OrderByDescending(a => a.Handle).ThenBy(a => a.Id),
            _ => accounts.OrderBy(a => a.Handle).ThenBy(a => a.Id),
        };
        var list = new ListQuery { Page = query.Page, PageSize = query.PageSize };
        return await accounts.ToPageAsync(list, a => new SocialAccountRow(
            a.Id, a.Platform!.Name, a.Handle, a.Purpose, a.ResponsibleStaffMember!.FirstName + " " + a.ResponsibleStaffMember.LastName, a.Status, a.NextReviewDue,
            a.Status == SocialAccountStatus.Authorised && a.NextReviewDue < today,
            a.Status == SocialAccountStatus.Authorised && a.NextReviewDue >= today && a.ReviewDueMarkedFor == a.NextReviewDue,
            a.Access.Count(x => x.GrantedOn <= today && (x.RemovedOn == null || x.RemovedOn > today))), ct);
    }

    /// <summary>For the home page: accounts whose review is overdue, by the register's own "Review overdue" filter (one COUNT query).</summary>
    public async Task<int> ReviewsOverdueCountAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var today = clock.Today();
        return await WhereReviewOverdue(await VisibleAsync(db, today), today).CountAsync(ct);
    }

    /// <summary>The same rule as <see cref="SocialAccountRules.IsReviewOverdue"/>, as a database filter.</summary>
    private static IQueryable<SocialAccount> WhereReviewOverdue(IQueryable<SocialAccount> accounts, DateOnly today) =>
        accounts.Where(a => a.Status == SocialAccountStatus.Authorised && a.NextReviewDue < today);

    public async Task<SocialAccountDetails?> GetAsync(int id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var today = clock.Today();
        var a = await (await VisibleAsync(db, today)).AsNoTracking()
            .Include(x => x.Platform).Include(x => x.ResponsibleStaffMember).Include(x => x.Activities).ThenInclude(x => x.Activity)
            .FirstOrDefaultAsync(x => x.Id == id, ct);
        if (a is null)
        {
            return null;
        }

        var readsAll = await currentUser.IsAllowedAsync(PortalPolicies.CanReadAllSocialAccounts);
        var me = await currentUser.GetUserKeyAsync();
        var access = await db.SocialAccountAccess.AsNoTracking().Where(x => x.SocialAccountId == id && (readsAll || x.StaffMember!.UserId == me))
            .OrderBy(x => x.RemovedOn != null).ThenBy(x => x.StaffMember!.LastName)
            .Select(x => new { x.Id, x.StaffMemberId, Name = x.StaffMember!.FirstName + " " + x.StaffMember.LastName, x.GrantedOn, x.RemovedOn, x.GrantedWithoutCurrentCheck, x.StaffMember.CheckDate, x.StaffMember.CheckRenewalDue })
            .ToListAsync(ct);
        var names = await db.Users.AsNoTracking().Where(u => u.Id == a.ProposedByUserId || u.Id == a.AuthorisedByUserId)
            .Select(u => new { u.Id, u.DisplayName }).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        var activityTitles = a.Activities.Select(x => (x.ActivityId, x.Activity!.Title)).ToList();
        var ageWarning = SocialAccountRules.AgeWarning(a.Platform!.Name, a.Platform.MinimumAge, a.Activities.Select(x => (x.Activity!.Title, x.Activity.MinimumAge)));
        var canChange = await currentUser.IsAllowedAsync(PortalPolicies.CanProposeSocialAccounts);
        var isManager = await currentUser.IsAllowedAsync(PortalPolicies.CanAuthoriseSocialAccounts);
        string? cannot = !isManager ? null : CannotAuthorise(a, me);
        var model = new SocialAccountModel
        {
            Id = a.Id,
            PlatformId = a.PlatformId,
            Handle = a.Handle,
            Purpose = a.Purpose,
            Groups = a.Groups,
            ResponsibleStaffMemberId = a.ResponsibleStaffMemberId,
            RecoveryEmail = a.RecoveryEmail,
            OwnedByOrganisation = a.OwnedByOrganisation,
            ReviewCycleMonths = a.ReviewCycleMonths,
            ActivityIds = a.Activities.Select(x => x.ActivityId).ToList(),
            Version = a.Version,
        };
        var checklist = new SafetyChecklist
        {
            OwnedByOrganisation = a.OwnedByOrganisation,
            PrivacySettingsOn = a.PrivacySettingsOn,
            TwoFactorOn = a.TwoFactorOn,
            RecoveryEmailIsOrganisational = a.RecoveryEmailIsOrganisational,
            StrangerMessages = a.StrangerMessages,
            AgeJustification = a.AgeJustification,
        };
        return new SocialAccountDetails(
            model, a.Platform.Name, a.Platform.MinimumAge, a.ResponsibleStaffMember!.DisplayName, a.Status, a.StatusReason,
            names.GetValueOrDefault(a.ProposedByUserId, "someone not on the portal"), a.ProposedAtUtc,
            a.AuthorisedByUserId.Length > 0 ? names.GetValueOrDefault(a.AuthorisedByUserId, "someone not on the portal") : null, a.AuthorisedAtUtc,
            checklist, a.NextReviewDue, a.LastReviewedAtUtc, SocialAccountRules.IsReviewOverdue(a.Status, a.NextReviewDue, today),
            activityTitles, ageWarning,
            access.Select(x => new AccessRow(x.Id, x.StaffMemberId, x.Name, x.GrantedOn, x.RemovedOn, x.GrantedWithoutCurrentCheck, StaffService.StatusOf(x.CheckDate, x.CheckRenewalDue, today))).ToList(),
            canChange, isManager && cannot is null, cannot);
    }

    /// <summary>Proposes a new account or changes one. An authorised account that stops being owned by the organisation is suspended.</summary>
    public async Task<int> SaveAsync(SocialAccountModel model, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        var principal = await currentUser.DemandAsync(PortalPolicies.CanProposeSocialAccounts, ChangePurpose);
        var errors = Validate(model);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (model.PlatformId is { } p && !await db.Platforms.AnyAsync(x => x.Id == p, ct))
        {
            errors[nameof(model.PlatformId)] = "Choose a platform from the list.";
        }

        if (model.ResponsibleStaffMemberId is { } r && !await db.StaffMembers.AnyAsync(x => x.Id == r, ct))
        {
            errors[nameof(model.ResponsibleStaffMemberId)] = "Choose the member of staff responsible for the account.";
        }

        var known = await db.Activities.Where(x => model.ActivityIds.Contains(x.Id)).Select(x => x.Id).ToListAsync(ct);
        if (known.Count != model.ActivityIds.Distinct().Count())
        {
            errors[nameof(model.ActivityIds)] = "One of the chosen activities no longer exists.";
        }

        if (errors.Count > 0)
        {
            throw new PortalValidationException(errors);
        }

        SocialAccount? account;
        if (model.Id == 0)
        {
            account = new SocialAccount
            {
                Status = SocialAccountStatus.Proposed,
                ProposedByUserId = CurrentUser.UserKeyOf(principal) ?? "",
                ProposedAtUtc = clock.UtcNow,
            };
            db.SocialAccounts.Add(account);
        }
        else
        {
            account = await db.SocialAccounts.Include(x => x.Activities).FirstOrDefaultAsync(x => x.Id == model.Id, ct)
                ?? throw new PortalValidationException("", "This account is no longer on the register.");
            if (account.Status == SocialAccountStatus.Closed)
            {
                throw new PortalValidationException("", "A closed account cannot be changed.");
            }

            if (account.Version != model.Version)
            {
                throw PortalConcurrencyException.Describe(
                    [("Handle", account.Handle, model.Handle), ("Purpose", account.Purpose, model.Purpose), ("Recovery e-mail", account.RecoveryEmail, model.RecoveryEmail), ("Status", account.Status.ToString(), account.Status.ToString())],
                    account.Version);
            }
        }

        var editor = CurrentUser.UserKeyOf(principal) ?? "";
        var detailsChanged = account.Id != 0 && (account.PlatformId != model.PlatformId || account.Handle != model.Handle.Trim()
            || account.RecoveryEmail != model.RecoveryEmail.Trim() || account.OwnedByOrganisation != model.OwnedByOrganisation
            || !account.Activities.Select(x => x.ActivityId).Order().SequenceEqual(model.ActivityIds.Distinct().Order()));
        account.LastEditedByUserId = editor;
        if (detailsChanged && account.Status == SocialAccountStatus.Authorised)
        {
            // What was checked no longer describes the account: it needs a fresh checklist, by someone else.
            account.Status = SocialAccountStatus.Proposed;
            account.StatusReason = "Its details changed after it was authorised, so it needs its checklist and authorisation again.";
            account.AuthorisedByUserId = "";
            account.AuthorisedAtUtc = null;
            account.NextReviewDue = null;
        }

        if (account.ReviewCycleMonths != model.ReviewCycleMonths && account.Status == SocialAccountStatus.Authorised && account.LastReviewedAtUtc is { } reviewed)
        {
            account.NextReviewDue = SocialAccountRules.NextReview(DateOnly.FromDateTime(reviewed.UtcDateTime), model.ReviewCycleMonths);
        }

        account.PlatformId = model.PlatformId!.Value;
        account.Handle = model.Handle.Trim();
        account.Purpose = model.Purpose.Trim();
        account.Groups = model.Groups.Trim();
        account.ResponsibleStaffMemberId = model.ResponsibleStaffMemberId!.Value;
        account.RecoveryEmail = model.RecoveryEmail.Trim();
        account.OwnedByOrganisation = model.OwnedByOrganisation;
        account.ReviewCycleMonths = model.ReviewCycleMonths;
        db.SocialAccountActivities.RemoveRange(account.Activities.Where(x => !model.ActivityIds.Contains(x.ActivityId)));
        foreach (var activityId in model.ActivityIds.Distinct().Where(id => account.Activities.All(x => x.ActivityId != id)))
        {
            account.Activities.Add(new SocialAccountActivity { ActivityId = activityId });
        }

        account.Version = Guid.NewGuid();
        await SaveOrConflictAsync(db, ct);
        return account.Id;
    }

    public static Dictionary<string, string> Validate(SocialAccountModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var errors = new Dictionary<string, string>();
        if (model.PlatformId is null)
        {
            errors[nameof(model.PlatformId)] = "Choose the platform.";
        }

        if (string.IsNullOrWhiteSpace(model.Handle))
        {
            errors[nameof(model.Handle)] = "Enter the account's handle or address, e.g. @riverside_youth.";
        }

        PeopleRules.MaxLength(errors, nameof(model.Handle), model.Handle, 200, "handle");
        if (string.IsNullOrWhiteSpace(model.Purpose))
        {
            errors[nameof(model.Purpose)] = "Say what the account is for.";
        }

        PeopleRules.MaxLength(errors, nameof(model.Purpose), model.Purpose, 1000, "purpose");
        if (model.ResponsibleStaffMemberId is null)
        {
            errors[nameof(model.ResponsibleStaffMemberId)] = "Choose the member of staff responsible for the account.";
        }

        if (string.IsNullOrWhiteSpace(model.RecoveryEmail))
        {
            errors[nameof(model.RecoveryEmail)] = "Enter the organisational e-mail address the account recovers to.";
        }
        else
        {
            PeopleRules.OptionalEmail(errors, nameof(model.RecoveryEmail), model.RecoveryEmail);
        }

        if (model.ReviewCycleMonths is < 1 or > 24)
        {
            errors[nameof(model.ReviewCycleMonths)] = "Review the account at least every 24 months (6 is usual).";
        }

        return errors;
    }
}
