using Microsoft.EntityFrameworkCore;
using SafeguardingPortal.Features.People;
using SafeguardingPortal.Infrastructure;
using SafeguardingPortal.Infrastructure.Data;
using SafeguardingPortal.Infrastructure.Identity;
using SafeguardingPortal.Infrastructure.Validation;

namespace SafeguardingPortal.Features.Families;

public sealed record ParentCarerRow(int Id, string FirstName, string LastName, string Email, string Phone, PreferredContact PreferredContact, int Children);

public sealed class ParentCarerModel
{
    public int Id { get; set; }

    public string FirstName { get; set; } = "";

    public string LastName { get; set; } = "";

    public string Email { get; set; } = "";

    public string Phone { get; set; } = "";

    public PreferredContact PreferredContact { get; set; }

    public Guid? Version { get; set; }
}

public sealed record LinkedChild(int ChildId, string Name, DateOnly DateOfBirth, string Relationship, bool HasParentalResponsibility);

public sealed record ParentCarerDetails(ParentCarerModel Person, IReadOnlyList<LinkedChild> Children, bool CanEdit);

/// <summary>Parents and carers. Administrators and safeguarding leads change them; managers and auditors read them.</summary>
public sealed class ParentCarerService(IDbContextFactory<PortalDbContext> dbFactory, CurrentUser currentUser, PortalClock clock)
{
    public async Task<ListPage<ParentCarerRow>> ListAsync(ListQuery query, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        await currentUser.DemandAsync(PortalPolicies.CanViewPeople, "see parents and carers");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var people = db.ParentsCarers.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            people = people.WhereContains(db.Database, query.Search, p => p.FirstName + " " + p.LastName, p => p.Email);
        }

        people = (query.SortBy, query.Descending) switch
        {
            ("FirstName", false) => people.OrderBy(p => p.FirstName).ThenBy(p => p.Id),
            ("FirstName", true) => people.OrderByDescending(p => p.FirstName).ThenBy(p => p.Id),
            ("Email", false) => people.OrderBy(p => p.Email).ThenBy(p => p.Id),
            ("Email", true) => people.OrderByDescending(p => p.Email).ThenBy(p => p.Id),
            (_, true) => people.OrderByDescending(p => p.LastName).ThenByDescending(p => p.FirstName).ThenBy(p => p.Id),
            _ => people.OrderBy(p => p.LastName).ThenBy(p => p.FirstName).ThenBy(p => p.Id),
        };
        return await people.ToPageAsync(query, p => new ParentCarerRow(p.Id, p.FirstName, p.LastName, p.Email, p.Phone, p.PreferredContact, p.Children.Count), ct);
    }

    public async Task<ParentCarerDetails?> GetAsync(int id, CancellationToken ct = default)
    {
        await currentUser.DemandAsync(PortalPolicies.CanViewPeople, "see parents and carers");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var p = await db.ParentsCarers.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (p is null)
        {
            return null;
        }

        var children = await db.ChildGuardians.AsNoTracking().Where(g => g.ParentCarerId == id)
            .OrderBy(g => g.Child!.LastName).ThenBy(g => g.Child!.FirstName)
            .Select(g => new LinkedChild(g.ChildId, g.Child!.FirstName + " " + g.Child.LastName, g.Child.DateOfBirth, g.Relationship, g.HasParentalResponsibility))
            .ToListAsync(ct);
        var model = new ParentCarerModel { Id = p.Id, FirstName = p.FirstName, LastName = p.LastName, Email = p.Email, Phone = p.Phone, PreferredContact = p.PreferredContact, Version = p.Version };
        return new ParentCarerDetails(model, children, await currentUser.IsAllowedAsync(PortalPolicies.CanManagePeople));
    }

    public async Task<int> SaveAsync(ParentCarerModel model, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        await currentUser.DemandAsync(PortalPolicies.CanManagePeople, "add or change parents and carers");
        var errors = Validate(model);
        if (errors.Count > 0)
        {
            throw new PortalValidationException(errors);
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        ParentCarer? person;
        if (model.Id == 0)
        {
            person = new ParentCarer { CreatedAtUtc = clock.UtcNow };
            db.ParentsCarers.Add(person);
        }
        else
        {
            person = await db.ParentsCarers.FirstOrDefaultAsync(x => x.Id == model.Id, ct)
                ?? throw new PortalValidationException("", "This parent or carer is no longer on the register: someone may have deleted them.");
            if (person.Version != model.Version)
            {
                throw Conflict(person, model);
            }
        }

        person.FirstName = model.FirstName.Trim();
        person.LastName = model.LastName.Trim();
        person.Email = model.Email.Trim();
        person.Phone = model.Phone.Trim();
        person.PreferredContact = model.PreferredContact;
        person.Version = Guid.NewGuid();
        await db.SaveOrConflictAsync<ParentCarer>(now => Conflict(now, model), ct);

        return person.Id;
    }

    public static Dictionary<string, string> Validate(ParentCarerModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var errors = new Dictionary<string, string>();
        PeopleRules.RequireName(errors, nameof(model.FirstName), model.FirstName, "first name");
        PeopleRules.RequireName(errors, nameof(model.LastName), model.LastName, "last name");
        PeopleRules.OptionalEmail(errors, nameof(model.Email), model.Email);
        PeopleRules.OptionalPhone(errors, nameof(model.Phone), model.Phone);
        if (string.IsNullOrWhiteSpace(model.Email) && string.IsNullOrWhiteSpace(model.Phone))
        {
            errors[nameof(model.Email)] = "Enter an e-mail address or a telephone number, so the organisation can reach them.";
        }
        else if (model.PreferredContact == PreferredContact.Email && string.IsNullOrWhiteSpace(model.Email))
        {
            errors[nameof(model.Email)] = "E-mail is their preferred contact: enter their e-mail address.";
        }
        else if (model.PreferredContact != PreferredContact.Email && string.IsNullOrWhiteSpace(model.Phone))
        {
            errors[nameof(model.Phone)] = "Their preferred contact is by phone or text: enter their telephone number.";
        }

        return errors;
    }

    /// <summary>Deletes a parent or carer; refused while they are linked to a child.</summary>
    public async Task DeleteAsync(int id, CancellationToken ct = default)
    {
        await currentUser.DemandAsync(PortalPolicies.CanManagePeople, "delete parents and carers");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var person = await db.ParentsCarers.FirstOrDefaultAsync(x => x.Id == id, ct);
        if (person is null)
        {
            return;
        }

        var children = await db.ChildGuardians.CountAsync(g => g.ParentCarerId == id, ct);
        if (children > 0)
        {
            throw new PortalValidationException("", $"{person.DisplayName} is linked to {children} child{(children == 1 ? "" : "ren")}. Remove the link{(children == 1 ? "" : "s")} on the child's page first.");
        }

        if (await People.KeptRecords.ForParentCarerAsync(db, id, person.DisplayName, ct) is { } kept)
        {
            throw new PortalValidationException("", kept);
        }

        db.ParentsCarers.Remove(person);
        await db.SaveChangesAsync(ct);
    }

    private static PortalConcurrencyException Conflict(ParentCarer now, ParentCarerModel yours) => PortalConcurrencyException.Describe(
    [
        ("First name", now.FirstName, yours.FirstName),
        ("Last name", now.LastName, yours.LastName),
        ("E-mail", now.Email, yours.Email),
        ("Telephone", now.Phone, yours.Phone),
        ("Preferred contact", now.PreferredContact.ToString(), yours.PreferredContact.ToString()),
    ], now.Version);
}
