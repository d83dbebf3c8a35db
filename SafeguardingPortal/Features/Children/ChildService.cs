using Microsoft.EntityFrameworkCore;
using SafeguardingPortal.Features.People;
using SafeguardingPortal.Infrastructure;
using SafeguardingPortal.Infrastructure.Data;
using SafeguardingPortal.Infrastructure.Identity;
using SafeguardingPortal.Infrastructure.Validation;

namespace SafeguardingPortal.Features.Children;

/// <summary>
/// The children register. Administrators and safeguarding leads change it; managers and auditors
/// read it; staff read only the children in activities they lead.
/// </summary>
public sealed class ChildService(IDbContextFactory<PortalDbContext> dbFactory, CurrentUser currentUser, PortalClock clock)
{
    public async Task<ListPage<ChildRow>> ListAsync(ListQuery query, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var children = await VisibleChildrenAsync(db);

        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            children = children.WhereContains(db.Database, query.Search, c => c.FirstName + " " + c.LastName, c => c.PreferredName + " " + c.LastName, c => c.LastName + " " + c.FirstName);
        }

        if (!string.IsNullOrWhiteSpace(query.Filter))
        {
            children = children.Where(c => c.Group == query.Filter);
        }

        // Older children have earlier dates of birth: sorting by age is sorting by date of birth, reversed.
        children = (query.SortBy, query.Descending) switch
        {
            ("FirstName", false) => children.OrderBy(c => c.FirstName).ThenBy(c => c.LastName).ThenBy(c => c.Id),
            ("FirstName", true) => children.OrderByDescending(c => c.FirstName).ThenByDescending(c => c.LastName).ThenBy(c => c.Id),
            ("Age", false) or ("DateOfBirth", true) => children.OrderByDescending(c => c.DateOfBirth).ThenBy(c => c.Id),
            ("Age", true) or ("DateOfBirth", false) => children.OrderBy(c => c.DateOfBirth).ThenBy(c => c.Id),
            ("Group", false) => children.OrderBy(c => c.Group).ThenBy(c => c.LastName).ThenBy(c => c.Id),
            ("Group", true) => children.OrderByDescending(c => c.Group).ThenBy(c => c.LastName).ThenBy(c => c.Id),
            (_, true) => children.OrderByDescending(c => c.LastName).ThenByDescending(c => c.FirstName).ThenBy(c => c.Id),
            _ => children.OrderBy(c => c.LastName).ThenBy(c => c.FirstName).ThenBy(c => c.Id),
        };

        var today = clock.Today();
        var page = await children.ToPageAsync(query, c => new
        {
            c.Id,
            c.FirstName,
            c.LastName,
            c.PreferredName,
            c.DateOfBirth,
            c.Group,
            Guardians = c.Guardians.Count,
            HasPr = c.Guardians.Any(g => g.HasParentalResponsibility),
        }, ct);
        return new ListPage<ChildRow>(
            page.Rows.Select(r => new ChildRow(r.Id, r.FirstName, r.LastName, r.PreferredName, r.DateOfBirth, UkCalendar.AgeOn(r.DateOfBirth, today), r.Group, r.Guardians, r.HasPr)).ToList(),
            page.TotalCount);
    }

    /// <summary>The groups in use, for the list's filter.</summary>
    public async Task<IReadOnlyList<string>> GroupsAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var children = await VisibleChildrenAsync(db);
        return await children.Where(c => c.Group != "").Select(c => c.Group).Distinct().OrderBy(g => g).ToListAsync(ct);
    }

    public async Task<ChildDetails?> GetAsync(int id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var children = await VisibleChildrenAsync(db);
        var child = await children.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct);
        if (child is null)
        {
            return null;
        }

        // Staff (who lack CanViewPeople) see the family without contact details, and only their own activities.
        var seesEveryone = await currentUser.IsAllowedAsync(PortalPolicies.CanViewPeople);
        var key = await currentUser.GetUserKeyAsync();
        var guardians = await db.ChildGuardians.AsNoTracking()
            .Where(g => g.ChildId == id)
            .OrderByDescending(g => g.HasParentalResponsibility).ThenBy(g => g.ParentCarer!.LastName)
            .Select(g => new GuardianLink(g.ParentCarerId, g.ParentCarer!.FirstName + " " + g.ParentCarer.LastName, seesEveryone ? g.ParentCarer.Email : "", seesEveryone ? g.ParentCarer.Phone : "", g.Relationship, g.HasParentalResponsibility))
            .ToListAsync(ct);
        var activities = await db.Enrolments.AsNoTracking()
            .Where(e => e.ChildId == id && (seesEveryone || e.Activity!.LeadStaffMember!.UserId == key))
            .OrderBy(e => e.Activity!.StartDate)
            .Select(e => new ChildActivity(e.ActivityId, e.Activity!.Title, e.Activity.StartDate, e.Activity.EndDate))
            .ToListAsync(ct);
        var canEdit = await currentUser.IsAllowedAsync(PortalPolicies.CanManagePeople);
        return new ChildDetails(ToModel(child, canEdit), UkCalendar.AgeOn(child.DateOfBirth, clock.Today()), guardians, activities, canEdit);
    }

    /// <summary>Other children with the same first name, last name and date of birth.</summary>
    public async Task<IReadOnlyList<PossibleDuplicate>> FindDuplicatesAsync(ChildModel model, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        await currentUser.DemandAsync(PortalPolicies.CanManagePeople, "add or change children");
        if (model.DateOfBirth is not { } dob)
        {
            return [];
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // Few children share a birthday: fetch those (indexed) and compare names here, where "Zoë" and "ZOË" match.
        var sameBirthday = await db.Children.AsNoTracking()
            .Where(c => c.Id != model.Id && c.DateOfBirth == dob)
            .Select(c => new { c.Id, c.FirstName, c.LastName, c.DateOfBirth })
            .ToListAsync(ct);
        return sameBirthday
            .Where(c => SameName(c.FirstName, model.FirstName) && SameName(c.LastName, model.LastName))
            .Select(c => new PossibleDuplicate(c.Id, $"{c.FirstName} {c.LastName}", c.DateOfBirth))
            .ToList();
    }

    /// <summary>Names compared as people read them: ignoring case and surrounding spaces, in any alphabet.</summary>
    public static bool SameName(string a, string b) =>
        string.Equals(a.Trim().ToUpperInvariant(), b.Trim().ToUpperInvariant(), StringComparison.Ordinal);

    /// <summary>Creates or updates a child. Returns the child's id.</summary>
    public async Task<int> SaveAsync(ChildModel model, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        await currentUser.DemandAsync(PortalPolicies.CanManagePeople, "add or change children");
        var errors = Validate(model, clock.Today());
        if (errors.Count > 0)
        {
            throw new PortalValidationException(errors);
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        Child? child;
        if (model.Id == 0)
        {
            child = new Child { CreatedAtUtc = clock.UtcNow };
            db.Children.Add(child);
        }
        else
        {
            child = await db.Children.FirstOrDefaultAsync(c => c.Id == model.Id, ct)
                ?? throw new PortalValidationException("", "This child is no longer on the register: someone may have deleted them.");
            if (child.Version != model.Version)
            {
                throw Conflict(child, model);
            }
        }

        child.FirstName = model.FirstName.Trim();
        child.LastName = model.LastName.Trim();
        child.PreferredName = model.PreferredName.Trim();
        child.DateOfBirth = model.DateOfBirth!.Value;
        child.Group = model.Group.Trim();
        child.Email = model.Email.Trim();
        child.Notes = model.Notes.Trim();
        child.Version = Guid.NewGuid();
        await db.SaveOrConflictAsync<Child>(now => Conflict(now, model), ct);

        return child.Id;
    }

    public static Dictionary<string, string> Validate(ChildModel model, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(model);
        var errors = new Dictionary<string, string>();
        PeopleRules.RequireName(errors, nameof(model.FirstName), model.FirstName, "child's first name");
        PeopleRules.RequireName(errors, nameof(model.LastName), model.LastName, "child's last name");
        PeopleRules.MaxLength(errors, nameof(model.PreferredName), model.PreferredName, 100, "preferred name");
        PeopleRules.ChildDateOfBirth(errors, nameof(model.DateOfBirth), model.DateOfBirth, today);
        PeopleRules.MaxLength(errors, nameof(model.Group), model.Group, 100, "group");
        PeopleRules.OptionalEmail(errors, nameof(model.Email), model.Email);
        PeopleRules.MaxLength(errors, nameof(model.Notes), model.Notes, 4000, "notes");
        return errors;
    }

    /// <summary>Links a parent or carer to the child, or updates the link's relationship and parental responsibility.</summary>
    public async Task LinkGuardianAsync(int childId, int parentCarerId, string relationship, bool hasParentalResponsibility, CancellationToken ct = default)
    {
        await currentUser.DemandAsync(PortalPolicies.CanManagePeople, "link parents and carers to children");
        if (string.IsNullOrWhiteSpace(relationship))
        {
            throw new PortalValidationException("Relationship", "Say how this person is related to the child, e.g. Mother, Grandparent or Foster carer.");
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await db.Children.AnyAsync(c => c.Id == childId, ct) || !await db.ParentsCarers.AnyAsync(p => p.Id == parentCarerId, ct))
        {
            throw new PortalValidationException("", "The child or the parent or carer is no longer on the register.");
        }

        var link = await db.ChildGuardians.FindAsync([childId, parentCarerId], ct);
        if (link is null)
        {
            db.ChildGuardians.Add(new ChildGuardian { ChildId = childId, ParentCarerId = parentCarerId, Relationship = relationship.Trim(), HasParentalResponsibility = hasParentalResponsibility });
        }
        else
        {
            link.Relationship = relationship.Trim();
            link.HasParentalResponsibility = hasParentalResponsibility;
        }

        await db.SaveChangesAsync(ct);
    }

    public async Task UnlinkGuardianAsync(int childId, int parentCarerId, CancellationToken ct = default)
    {
        await currentUser.DemandAsync(PortalPolicies.CanManagePeople, "link parents and carers to children");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var link = await db.ChildGuardians.FindAsync([childId, parentCarerId], ct);
        if (link is not null)
        {
            db.ChildGuardians.Remove(link);
            await db.SaveChangesAsync(ct);
        }
    }

    /// <summary>Deletes a child and their family links; refused while they take part in an activity.</summary>
    public async Task DeleteAsync(int id, CancellationToken ct = default)
    {
        await currentUser.DemandAsync(PortalPolicies.CanManagePeople, "delete children");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var child = await db.Children.Include(c => c.Guardians).FirstOrDefaultAsync(c => c.Id == id, ct);
        if (child is null)
        {
            return;
        }

        var activities = await db.Enrolments.CountAsync(e => e.ChildId == id, ct);
        if (activities > 0)
        {
            throw new PortalValidationException("", $"{child.DisplayName} takes part in {activities} activit{(activities == 1 ? "y" : "ies")}. Remove them from {(activities == 1 ? "it" : "those")} first; the register keeps children who have records that depend on them.");
        }

        if (await People.KeptRecords.ForChildAsync(db, id, child.DisplayName, ct) is { } kept)
        {
            throw new PortalValidationException("", kept);
        }

        // The child's own family links go with the child; the parents' records stay.
        db.ChildGuardians.RemoveRange(child.Guardians);
        db.Children.Remove(child);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            throw new PortalValidationException("", $"{child.DisplayName} was added to an activity while you were deleting them, so nothing was deleted. Reload the page.");
        }
    }

    /// <summary>The children a user may see: all of them, or for staff only those in activities they lead.</summary>
    internal async Task<IQueryable<Child>> VisibleChildrenAsync(PortalDbContext db)
    {
        await currentUser.DemandAsync(PortalPolicies.CanViewChildren, "see children's records");
        if (await currentUser.IsAllowedAsync(PortalPolicies.CanViewPeople))
        {
            return db.Children;
        }

        var key = await currentUser.GetUserKeyAsync();
        return key is null
            ? db.Children.Where(_ => false)
            : db.Children.Where(c => c.Enrolments.Any(e => e.Activity!.LeadStaffMember!.UserId == key));
    }

    private static ChildModel ToModel(Child c, bool includeNotes) => new()
    {
        Id = c.Id,
        FirstName = c.FirstName,
        LastName = c.LastName,
        PreferredName = c.PreferredName,
        DateOfBirth = c.DateOfBirth,
        Group = c.Group,
        Email = c.Email,
        Notes = includeNotes ? c.Notes : "",
        Version = c.Version,
    };

    private static PortalConcurrencyException Conflict(Child now, ChildModel yours) => PortalConcurrencyException.Describe(
    [
        ("First name", now.FirstName, yours.FirstName),
        ("Last name", now.LastName, yours.LastName),
        ("Preferred name", now.PreferredName, yours.PreferredName),
        ("Date of birth", now.DateOfBirth.ToString("d MMM yyyy", System.Globalization.CultureInfo.GetCultureInfo("en-GB")), yours.DateOfBirth?.ToString("d MMM yyyy", System.Globalization.CultureInfo.GetCultureInfo("en-GB"))),
        ("Group", now.Group, yours.Group),
        ("E-mail", now.Email, yours.Email),
        ("Notes", now.Notes, yours.Notes),
    ], now.Version);
}
