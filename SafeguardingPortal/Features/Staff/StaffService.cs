using Microsoft.EntityFrameworkCore;
using SafeguardingPortal.Features.People;
using SafeguardingPortal.Infrastructure;
using SafeguardingPortal.Infrastructure.Data;
using SafeguardingPortal.Infrastructure.Identity;
using SafeguardingPortal.Infrastructure.Validation;

namespace SafeguardingPortal.Features.Staff;

public enum CheckStatus
{
    Current = 0,
    DueSoon = 1,
    Overdue = 2,
    Missing = 3,
}

public sealed record StaffRow(
    int Id, string FirstName, string LastName, string WorkEmail, StaffType Type, string RoleTitle, bool HasPortalAccount,
    string CheckKind, string MaskedReference, DateOnly? CheckDate, DateOnly? CheckRenewalDue, CheckStatus CheckStatus);

/// <summary>Staff whose safer-recruitment check is missing, and whose check is past its renewal date.</summary>
public sealed record StaffCheckCounts(int Missing, int Overdue);

public sealed class StaffModel
{
    public int Id { get; set; }

    public string FirstName { get; set; } = "";

    public string LastName { get; set; } = "";

    public string WorkEmail { get; set; } = "";

    public StaffType Type { get; set; }

    public string RoleTitle { get; set; } = "";

    public string? UserId { get; set; }

    public string CheckKind { get; set; } = "";

    /// <summary>On edit, empty means "keep the reference on record"; the full reference is never sent to the form.</summary>
    public string CheckReference { get; set; } = "";

    public string MaskedReference { get; set; } = "";

    public DateOnly? CheckDate { get; set; }

    public DateOnly? CheckRenewalDue { get; set; }

    public Guid? Version { get; set; }
}

public sealed record PortalAccountOption(string UserId, string Name, string Email);

/// <summary>
/// Staff, volunteers and contract workers with their safer-recruitment checks. Administrators and
/// safeguarding leads change the register; managers and auditors read it.
/// </summary>
public sealed class StaffService(IDbContextFactory<PortalDbContext> dbFactory, CurrentUser currentUser, PortalClock clock)
{
    public const int DueSoonDays = 30;

    /// <summary>The "Checks" filter value for missing or overdue.</summary>
    public const string NeedsActionFilter = "NeedsAction";

    /// <summary>The values the "Checks" filter accepts, from the page's list or a link (<c>?check=Overdue</c>).</summary>
    public static IReadOnlyList<string> CheckFilters { get; } = [NeedsActionFilter, nameof(CheckStatus.Missing), nameof(CheckStatus.Overdue), nameof(CheckStatus.DueSoon)];

    public static CheckStatus StatusOf(DateOnly? checkDate, DateOnly? renewalDue, DateOnly today) =>
        checkDate is null ? CheckStatus.Missing
        : renewalDue is { } due && due < today ? CheckStatus.Overdue
        : renewalDue is { } soon && soon <= today.AddDays(DueSoonDays) ? CheckStatus.DueSoon
        : CheckStatus.Current;

    /// <summary>Shows only the last four characters: "••••7788".</summary>
    public static string Mask(string reference) =>
        string.IsNullOrEmpty(reference) ? "" : new string('•', Math.Max(4, reference.Length - 4)) + reference[^Math.Min(4, reference.Length)..];

    public async Task<ListPage<StaffRow>> ListAsync(ListQuery query, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        await currentUser.DemandAsync(PortalPolicies.CanViewPeople, "see the staff register");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var today = clock.Today();
        var staff = db.StaffMembers.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            staff = staff.WhereContains(db.Database, query.Search, s => s.FirstName + " " + s.LastName, s => s.WorkEmail, s => s.RoleTitle);
        }

        staff = WhereCheck(staff, query.Filter, today);
        staff = (query.SortBy, query.Descending) switch
        {
            ("RoleTitle", false) => staff.OrderBy(s => s.RoleTitle).ThenBy(s => s.Id),
            ("RoleTitle", true) => staff.OrderByDescending(s => s.RoleTitle).ThenBy(s => s.Id),
            ("CheckRenewalDue", false) => staff.OrderBy(s => s.CheckRenewalDue).ThenBy(s => s.Id),
            ("CheckRenewalDue", true) => staff.OrderByDescending(s => s.CheckRenewalDue).ThenBy(s => s.Id),
            (_, true) => staff.OrderByDescending(s => s.LastName).ThenByDescending(s => s.FirstName).ThenBy(s => s.Id),
            _ => staff.OrderBy(s => s.LastName).ThenBy(s => s.FirstName).ThenBy(s => s.Id),
        };
        var page = await staff.ToPageAsync(query, s => new { s.Id, s.FirstName, s.LastName, s.WorkEmail, s.Type, s.RoleTitle, HasUser = s.UserId != null, s.CheckKind, s.CheckReference, s.CheckDate, s.CheckRenewalDue }, ct);
        return new ListPage<StaffRow>(page.Rows.Select(s => new StaffRow(
            s.Id, s.FirstName, s.LastName, s.WorkEmail, s.Type, s.RoleTitle, s.HasUser, s.CheckKind, Mask(s.CheckReference), s.CheckDate, s.CheckRenewalDue,
            StatusOf(s.CheckDate, s.CheckRenewalDue, today))).ToList(), page.TotalCount);
    }

    /// <summary>For the home page: how many checks are missing and how many overdue, by the list's own check filter (COUNT queries).</summary>
    public async Task<StaffCheckCounts> CheckCountsAsync(CancellationToken ct = default)
    {
        await currentUser.DemandAsync(PortalPolicies.CanViewPeople, "see the staff register");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var today = clock.Today();
        var staff = db.StaffMembers.AsNoTracking();
        return new StaffCheckCounts(
            await WhereCheck(staff, nameof(CheckStatus.Missing), today).CountAsync(ct),
            await WhereCheck(staff, nameof(CheckStatus.Overdue), today).CountAsync(ct));
    }

    /// <summary>The register's "Checks" filter: Missing, Overdue, NeedsAction (either) or DueSoon; anything else is everyone.</summary>
    private static IQueryable<StaffMember> WhereCheck(IQueryable<StaffMember> staff, string? filter, DateOnly today)
    {
        var soon = today.AddDays(DueSoonDays);
        return filter switch
        {
            nameof(CheckStatus.Missing) => staff.Where(s => s.CheckDate == null),
            nameof(CheckStatus.Overdue) => staff.Where(s => s.CheckDate != null && s.CheckRenewalDue < today),
            NeedsActionFilter => staff.Where(s => s.CheckDate == null || s.CheckRenewalDue < today),
            nameof(CheckStatus.DueSoon) => staff.Where(s => s.CheckDate != null && s.CheckRenewalDue >= today && s.CheckRenewalDue <= soon),
            _ => staff,
        };
    }

    public async Task<StaffModel?> GetAsync(int id, CancellationToken ct = default)
    {
        await currentUser.DemandAsync(PortalPolicies.CanViewPeople, "see the staff register");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var s = await db.StaffMembers.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        return s is null ? null : new StaffModel
        {
            Id = s.Id,
            FirstName = s.FirstName,
            LastName = s.LastName,
            WorkEmail = s.WorkEmail,
            Type = s.Type,
            RoleTitle = s.RoleTitle,
            UserId = s.UserId,
            CheckKind = s.CheckKind,
            MaskedReference = Mask(s.CheckReference),
            CheckDate = s.CheckDate,
            CheckRenewalDue = s.CheckRenewalDue,
            Version = s.Version,
        };
    }

    /// <summary>Portal accounts not yet linked to a staff record (plus the one linked to <paramref name="staffId"/>).</summary>
    public async Task<IReadOnlyList<PortalAccountOption>> AvailableAccountsAsync(int staffId, CancellationToken ct = default)
    {
        await currentUser.DemandAsync(PortalPolicies.CanManagePeople, "change the staff register");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var taken = db.StaffMembers.Where(s => s.Id != staffId && s.UserId != null).Select(s => s.UserId);
        return await db.Users.AsNoTracking().Where(u => !taken.Contains(u.Id)).OrderBy(u => u.DisplayName)
            .Select(u => new PortalAccountOption(u.Id, u.DisplayName, u.Email ?? "")).ToListAsync(ct);
    }

    /// <summary>People who can lead or host activities, for the activity forms.</summary>
    public async Task<IReadOnlyList<(int Id, string Name)>> PickListAsync(CancellationToken ct = default)
    {
        await currentUser.DemandAsync(PortalPolicies.CanViewActivities, "see activities");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.StaffMembers.AsNoTracking().OrderBy(s => s.LastName).ThenBy(s => s.FirstName)
            .Select(s => new { s.Id, Name = s.FirstName + " " + s.LastName }).ToListAsync(ct);
        return rows.Select(r => (r.Id, r.Name)).ToList();
    }

    public async Task<int> SaveAsync(StaffModel model, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        await currentUser.DemandAsync(PortalPolicies.CanManagePeople, "change the staff register");
        var errors = Validate(model);
        if (errors.Count > 0)
        {
            throw new PortalValidationException(errors);
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        StaffMember? s;
        if (model.Id == 0)
        {
            s = new StaffMember { CreatedAtUtc = clock.UtcNow };
            db.StaffMembers.Add(s);
        }
        else
        {
            s = await db.StaffMembers.FirstOrDefaultAsync(x => x.Id == model.Id, ct)
                ?? throw new PortalValidationException("", "This person is no longer on the register: someone may have deleted them.");
            if (s.Version != model.Version)
            {
                throw Conflict(s, model);
            }
        }

        if (!string.IsNullOrEmpty(model.UserId)
            && await db.StaffMembers.AnyAsync(x => x.Id != model.Id && x.UserId == model.UserId, ct))
        {
            throw new PortalValidationException(nameof(model.UserId), "That portal account already belongs to someone else on the register.");
        }

        s.FirstName = model.FirstName.Trim();
        s.LastName = model.LastName.Trim();
        s.WorkEmail = model.WorkEmail.Trim();
        s.Type = model.Type;
        s.RoleTitle = model.RoleTitle.Trim();
        s.UserId = string.IsNullOrEmpty(model.UserId) ? null : model.UserId;
        s.CheckKind = model.CheckKind.Trim();
        if (!string.IsNullOrWhiteSpace(model.CheckReference))
        {
            s.CheckReference = model.CheckReference.Trim();
        }

        s.CheckDate = model.CheckDate;
        s.CheckRenewalDue = model.CheckRenewalDue;
        s.Version = Guid.NewGuid();
        await db.SaveOrConflictAsync<StaffMember>(now => Conflict(now, model), ct);

        return s.Id;
    }

    public static Dictionary<string, string> Validate(StaffModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var errors = new Dictionary<string, string>();
        PeopleRules.RequireName(errors, nameof(model.FirstName), model.FirstName, "first name");
        PeopleRules.RequireName(errors, nameof(model.LastName), model.LastName, "last name");
        if (string.IsNullOrWhiteSpace(model.WorkEmail))
        {
            errors[nameof(model.WorkEmail)] = "Enter their work e-mail address.";
        }
        else
        {
            PeopleRules.OptionalEmail(errors, nameof(model.WorkEmail), model.WorkEmail);
        }

        PeopleRules.MaxLength(errors, nameof(model.RoleTitle), model.RoleTitle, 120, "role title");
        PeopleRules.MaxLength(errors, nameof(model.CheckReference), model.CheckReference, 64, "check reference");
        if (model.CheckDate is not null && string.IsNullOrWhiteSpace(model.CheckKind))
        {
            errors[nameof(model.CheckKind)] = "Say what kind of check it was, e.g. Enhanced DBS with barred list.";
        }

        if (model.CheckDate is not null && model.CheckRenewalDue is null)
        {
            errors[nameof(model.CheckRenewalDue)] = "Enter when the check is due for renewal, so the register can flag it in time.";
        }
        else if (model.CheckRenewalDue is not null && model.CheckDate is null)
        {
            errors[nameof(model.CheckDate)] = "Enter the date of the check as well as its renewal date.";
        }
        else if (model.CheckRenewalDue is { } due && model.CheckDate is { } done && due <= done)
        {
            errors[nameof(model.CheckRenewalDue)] = "The renewal date must be after the date of the check.";
        }

        return errors;
    }

    /// <summary>Deletes a staff record; refused while they lead or host activities.</summary>
    public async Task DeleteAsync(int id, CancellationToken ct = default)
    {
        await currentUser.DemandAsync(PortalPolicies.CanManagePeople, "change the staff register");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var s = await db.StaffMembers.FirstOrDefaultAsync(x => x.Id == id, ct);
        if (s is null)
        {
            return;
        }

        var leads = await db.Activities.CountAsync(a => a.LeadStaffMemberId == id, ct);
        var hosts = await db.ActivitySessions.CountAsync(x => x.HostStaffMemberId == id, ct);
        if (leads + hosts > 0)
        {
            throw new PortalValidationException("", $"{s.DisplayName} leads {leads} activit{(leads == 1 ? "y" : "ies")} and hosts {hosts} session{(hosts == 1 ? "" : "s")}. Hand those to someone else first.");
        }

        // Device authorisations are records of a decision about this person: they are kept, so the person is too.
        var devices = await db.Set<Devices.DeviceAuthorisation>().CountAsync(a => a.StaffMemberId == id, ct);
        if (devices > 0)
        {
            throw new PortalValidationException("", $"{s.DisplayName} has {devices} personal-device request{(devices == 1 ? "" : "s")} or authorisation{(devices == 1 ? "" : "s")} on record, which must be kept.");
        }

        if (await People.KeptRecords.ForStaffAsync(db, id, s.DisplayName, ct) is { } kept)
        {
            throw new PortalValidationException("", kept);
        }

        db.StaffMembers.Remove(s);
        await db.SaveChangesAsync(ct);
    }

    private static PortalConcurrencyException Conflict(StaffMember now, StaffModel yours) => PortalConcurrencyException.Describe(
    [
        ("First name", now.FirstName, yours.FirstName),
        ("Last name", now.LastName, yours.LastName),
        ("Work e-mail", now.WorkEmail, yours.WorkEmail),
        ("Works as", now.Type.ToString(), yours.Type.ToString()),
        ("Role", now.RoleTitle, yours.RoleTitle),
        ("Portal account", now.UserId ?? "", yours.UserId ?? ""),
        ("Check", now.CheckKind, yours.CheckKind),
        ("Check date", now.CheckDate?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), yours.CheckDate?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)),
        ("Renewal due", now.CheckRenewalDue?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), yours.CheckRenewalDue?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)),
    ], now.Version);
}
