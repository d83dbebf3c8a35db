using Microsoft.Extensions.DependencyInjection;
using SafeguardingPortal.Features.Activities;
using SafeguardingPortal.Features.Children;
using SafeguardingPortal.Features.Families;
using SafeguardingPortal.Features.Platforms;
using SafeguardingPortal.Features.Staff;
using SafeguardingPortal.Infrastructure.Audit;
using SafeguardingPortal.Infrastructure.Identity;
using SafeguardingPortal.Infrastructure.Validation;
using SafeguardingPortal.Tests.Infrastructure;
using SafeguardingPortal.Tests.Infrastructure.Audit;
using ListQuery = SafeguardingPortal.Features.People.ListQuery;

namespace SafeguardingPortal.Tests.Features.People;

/// <summary>The people and activity registers on a real database: who may do what, concurrent edits, deletions.</summary>
public sealed class PeopleServiceTests : IAsyncLifetime
{
    private readonly PortalAppFactory factory = new();
    private PortalUser lead = default!;
    private PortalUser manager = default!;
    private PortalUser auditor = default!;
    private PortalUser staffUser = default!;
    private PortalUser otherStaffUser = default!;
    private int amelia;
    private int noah;
    private int coding;
    private int reading;

    public async ValueTask InitializeAsync()
    {
        lead = await factory.CreateUserAsync("lead@example.org", "Lee Lead", PortalRoles.SafeguardingLead);
        manager = await factory.CreateUserAsync("manager@example.org", "Mo Manager", PortalRoles.Manager);
        auditor = await factory.CreateUserAsync("auditor@example.org", "Aud Itor", PortalRoles.Auditor);
        staffUser = await factory.CreateUserAsync("stan@example.org", "Stan Staff", PortalRoles.Staff);
        otherStaffUser = await factory.CreateUserAsync("sue@example.org", "Sue Staff", PortalRoles.Staff);

        await AsAsync(lead, async sp =>
        {
            var staff = sp.GetRequiredService<StaffService>();
            var stan = await staff.SaveAsync(new StaffModel { FirstName = "Stan", LastName = "Staff", WorkEmail = "stan@example.org", UserId = staffUser.Id });
            var sue = await staff.SaveAsync(new StaffModel { FirstName = "Sue", LastName = "Staff", WorkEmail = "sue@example.org", UserId = otherStaffUser.Id });
            var platform = (await sp.GetRequiredService<PlatformService>().ListAsync()).First(p => p.Name == "Google Meet").Id;
            var activities = sp.GetRequiredService<ActivityService>();
            coding = await activities.SaveAsync(Activity("Coding club", platform, stan));
            reading = await activities.SaveAsync(Activity("Reading buddies", platform, sue));
            var children = sp.GetRequiredService<ChildService>();
            amelia = await children.SaveAsync(new ChildModel { FirstName = "Amelia", LastName = "Jones", DateOfBirth = new DateOnly(2013, 3, 4), Group = "Juniors", Notes = "Needs a quiet space" });
            noah = await children.SaveAsync(new ChildModel { FirstName = "Noah", LastName = "Khan", DateOfBirth = new DateOnly(2016, 9, 1), Group = "Juniors" });
            await activities.EnrolAsync(coding, amelia);
            await activities.EnrolAsync(reading, noah);
        });
    }

    public async ValueTask DisposeAsync() => await factory.DisposeAsync();

    private static ActivityModel Activity(string title, int platform, int leadStaff) => new()
    {
        Title = title,
        PlatformId = platform,
        LeadStaffMemberId = leadStaff,
        MinimumAge = 9,
        MaximumAge = 14,
        StartDate = new DateOnly(2026, 9, 1),
        Description = "Weekly online club.",
        WhyOnline = "Members live far apart.",
        Benefits = "New skills.",
        Risks = "Contact from strangers; two adults present.",
    };

    private async Task AsAsync(PortalUser user, Func<IServiceProvider, Task> action)
    {
        await using var scope = await factory.ScopeForAsync(user);
        await action(scope.ServiceProvider);
    }

    private async Task<T> AsAsync<T>(PortalUser user, Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = await factory.ScopeForAsync(user);
        return await action(scope.ServiceProvider);
    }

    [Fact]
    public async Task Staff_see_only_the_children_and_activities_they_lead()
    {
        var children = await AsAsync(staffUser, sp => sp.GetRequiredService<ChildService>().ListAsync(new ListQuery()));
        var activities = await AsAsync(staffUser, sp => sp.GetRequiredService<ActivityService>().ListAsync(new ListQuery()));
        var hidden = await AsAsync(staffUser, sp => sp.GetRequiredService<ChildService>().GetAsync(noah));

        Assert.Equal(["Amelia"], children.Rows.Select(r => r.FirstName));
        Assert.Equal(["Coding club"], activities.Rows.Select(r => r.Title));
        Assert.Null(hidden);
        Assert.Equal(2, (await AsAsync(manager, sp => sp.GetRequiredService<ChildService>().ListAsync(new ListQuery()))).TotalCount);
    }

    [Fact]
    public async Task On_a_childs_page_staff_see_neither_other_leads_activities_nor_family_contact_details()
    {
        var parent = await AsAsync(lead, sp => sp.GetRequiredService<ParentCarerService>().SaveAsync(new ParentCarerModel { FirstName = "Jo", LastName = "Jones", Email = "jo@example.org", Phone = "07700 900123" }));
        await AsAsync(lead, sp => sp.GetRequiredService<ChildService>().LinkGuardianAsync(amelia, parent, "Mother", true));
        await AsAsync(lead, sp => sp.GetRequiredService<ActivityService>().EnrolAsync(reading, amelia));

        var asStaff = await AsAsync(staffUser, sp => sp.GetRequiredService<ChildService>().GetAsync(amelia));
        var asManager = await AsAsync(manager, sp => sp.GetRequiredService<ChildService>().GetAsync(amelia));

        Assert.Equal(["Coding club"], asStaff!.Activities.Select(a => a.Title));
        var guardian = Assert.Single(asStaff.Guardians);
        Assert.Equal(("Jo Jones", "Mother", "", ""), (guardian.Name, guardian.Relationship, guardian.Email, guardian.Phone));
        Assert.Equal(["Coding club", "Reading buddies"], asManager!.Activities.Select(a => a.Title).Order());
        Assert.Equal("jo@example.org", Assert.Single(asManager.Guardians).Email);
    }

    [Fact]
    public async Task A_duplicate_is_found_whatever_the_case_of_accented_letters()
    {
        await AsAsync(lead, sp => sp.GetRequiredService<ChildService>().SaveAsync(new ChildModel { FirstName = "Zoë", LastName = "Ångström", DateOfBirth = new DateOnly(2014, 2, 2) }));

        var duplicates = await AsAsync(lead, sp => sp.GetRequiredService<ChildService>().FindDuplicatesAsync(
            new ChildModel { FirstName = "ZOË", LastName = "ångström ", DateOfBirth = new DateOnly(2014, 2, 2) }));

        Assert.Equal("Zoë Ångström", Assert.Single(duplicates).Name);
    }

    [Fact]
    public async Task Managers_and_auditors_read_but_cannot_change_and_staff_cannot_see_families_or_the_staff_register()
    {
        foreach (var reader in new[] { manager, auditor })
        {
            var details = await AsAsync(reader, sp => sp.GetRequiredService<ChildService>().GetAsync(amelia));
            Assert.NotNull(details);
            Assert.False(details.CanEdit);
            Assert.Equal("", details.Child.Notes);
            await Assert.ThrowsAsync<PortalAccessDeniedException>(() => AsAsync(reader, sp => sp.GetRequiredService<ChildService>().SaveAsync(details.Child)));
            await Assert.ThrowsAsync<PortalAccessDeniedException>(() => AsAsync(reader, sp => sp.GetRequiredService<ChildService>().DeleteAsync(amelia)));
        }

        await Assert.ThrowsAsync<PortalAccessDeniedException>(() => AsAsync(staffUser, sp => sp.GetRequiredService<ParentCarerService>().ListAsync(new ListQuery())));
        await Assert.ThrowsAsync<PortalAccessDeniedException>(() => AsAsync(staffUser, sp => sp.GetRequiredService<StaffService>().ListAsync(new ListQuery())));
        await Assert.ThrowsAsync<PortalAccessDeniedException>(() => AsAsync(staffUser, sp => sp.GetRequiredService<ActivityService>().EnrolAsync(coding, noah)));
        Assert.Equal("Amelia", (await AsAsync(lead, sp => sp.GetRequiredService<ChildService>().GetAsync(amelia)))!.Child.FirstName);
    }

    [Fact]
    public async Task Staff_manage_the_sessions_of_activities_they_lead_and_no_others()
    {
        var stan = (await AsAsync(lead, sp => sp.GetRequiredService<ActivityService>().GetAsync(coding)))!.Activity.LeadStaffMemberId!.Value;
        var session = new SessionModel { ActivityId = coding, Date = new DateOnly(2026, 12, 1), StartTime = new TimeOnly(18, 30), DurationMinutes = 60, HostStaffMemberId = stan };

        var id = await AsAsync(staffUser, sp => sp.GetRequiredService<ActivityService>().SaveSessionAsync(session));
        var other = new SessionModel { ActivityId = reading, Date = new DateOnly(2026, 12, 1), StartTime = new TimeOnly(18, 30), DurationMinutes = 60, HostStaffMemberId = stan };
        await Assert.ThrowsAsync<PortalAccessDeniedException>(() => AsAsync(staffUser, sp => sp.GetRequiredService<ActivityService>().SaveSessionAsync(other)));

        var details = await AsAsync(staffUser, sp => sp.GetRequiredService<ActivityService>().GetAsync(coding));
        var saved = Assert.Single(details!.Sessions);
        Assert.Equal(id, saved.Id);
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 18, 30, 0, TimeSpan.Zero), saved.StartsAtUtc);
        Assert.True(details.CanManageSessions);
        Assert.False(details.CanEdit);
        Assert.Empty((await AsAsync(lead, sp => sp.GetRequiredService<ActivityService>().GetAsync(reading)))!.Sessions);
    }

    [Fact]
    public async Task A_second_save_of_the_same_child_is_told_what_changed_and_overwrites_nothing()
    {
        var mine = (await AsAsync(lead, sp => sp.GetRequiredService<ChildService>().GetAsync(amelia)))!.Child;
        var theirs = mine.Copy();
        theirs.Group = "Seniors";
        await AsAsync(lead, sp => sp.GetRequiredService<ChildService>().SaveAsync(theirs));

        mine.PreferredName = "Millie";
        var conflict = await Assert.ThrowsAsync<PortalConcurrencyException>(() => AsAsync(lead, sp => sp.GetRequiredService<ChildService>().SaveAsync(mine)));

        Assert.Contains("Group is now “Seniors”", conflict.Message, StringComparison.Ordinal);
        Assert.Contains("Your changes were not saved but are still in the form", conflict.Message, StringComparison.Ordinal);
        var stored = (await AsAsync(lead, sp => sp.GetRequiredService<ChildService>().GetAsync(amelia)))!.Child;
        Assert.Equal(("Seniors", ""), (stored.Group, stored.PreferredName));

        // Having seen the change, the user saves again deliberately.
        mine.Version = conflict.CurrentVersion;
        await AsAsync(lead, sp => sp.GetRequiredService<ChildService>().SaveAsync(mine));
        Assert.Equal("Millie", (await AsAsync(lead, sp => sp.GetRequiredService<ChildService>().GetAsync(amelia)))!.Child.PreferredName);
    }

    [Fact]
    public async Task A_probable_duplicate_is_found_by_name_and_date_of_birth()
    {
        var again = new ChildModel { FirstName = "amelia", LastName = "JONES", DateOfBirth = new DateOnly(2013, 3, 4) };
        var other = new ChildModel { FirstName = "Amelia", LastName = "Jones", DateOfBirth = new DateOnly(2013, 3, 5) };

        var duplicates = await AsAsync(lead, sp => sp.GetRequiredService<ChildService>().FindDuplicatesAsync(again));

        Assert.Equal(amelia, Assert.Single(duplicates).Id);
        Assert.Empty(await AsAsync(lead, sp => sp.GetRequiredService<ChildService>().FindDuplicatesAsync(other)));
    }

    [Fact]
    public async Task Deleting_is_refused_while_other_records_depend_on_the_person()
    {
        var parent = await AsAsync(lead, sp => sp.GetRequiredService<ParentCarerService>().SaveAsync(new ParentCarerModel { FirstName = "Jo", LastName = "Jones", Email = "jo@example.org" }));
        await AsAsync(lead, sp => sp.GetRequiredService<ChildService>().LinkGuardianAsync(amelia, parent, "Mother", true));

        var child = await Assert.ThrowsAsync<PortalValidationException>(() => AsAsync(lead, sp => sp.GetRequiredService<ChildService>().DeleteAsync(amelia)));
        var person = await Assert.ThrowsAsync<PortalValidationException>(() => AsAsync(lead, sp => sp.GetRequiredService<ParentCarerService>().DeleteAsync(parent)));

        Assert.StartsWith("Amelia Jones takes part in 1 activity.", child.Message, StringComparison.Ordinal);
        Assert.StartsWith("Jo Jones is linked to 1 child.", person.Message, StringComparison.Ordinal);

        await AsAsync(lead, sp => sp.GetRequiredService<ActivityService>().UnenrolAsync(coding, amelia));
        await AsAsync(lead, sp => sp.GetRequiredService<ChildService>().DeleteAsync(amelia));
        Assert.Null(await AsAsync(lead, sp => sp.GetRequiredService<ChildService>().GetAsync(amelia)));
        var deleted = (await factory.EventsAsync()).Last(e => e.EntityType == "Child" && e.Action == "Deleted");
        Assert.Equal(lead.Id, deleted.ActorKey);
    }

    [Fact]
    public async Task Notes_about_a_child_and_check_references_never_reach_the_audit_trail()
    {
        await AsAsync(lead, sp => sp.GetRequiredService<StaffService>().SaveAsync(new StaffModel
        {
            FirstName = "Dee",
            LastName = "Bee",
            WorkEmail = "dee@example.org",
            CheckKind = "Enhanced DBS",
            CheckReference = "001234567788",
            CheckDate = new DateOnly(2025, 1, 1),
            CheckRenewalDue = new DateOnly(2028, 1, 1),
        }));

        var events = await factory.EventsAsync();
        Assert.DoesNotContain(events, e => e.Changes.Contains("Needs a quiet space", StringComparison.Ordinal));
        Assert.DoesNotContain(events, e => e.Changes.Contains("001234567788", StringComparison.Ordinal));
        var childCreated = events.First(e => e.EntityType == "Child" && e.Action == "Created");
        Assert.Contains(AuditChain.DeserializeChanges(childCreated.Changes), c => c.Field == "Notes" && c.Sensitive);
    }

    [Fact]
    public async Task The_activity_warns_about_children_who_do_not_fit()
    {
        // Reading buddies is for ages 9 to 14 on Google Meet (minimum age 13): a 7-year-old fits neither.
        var young = await AsAsync(lead, sp => sp.GetRequiredService<ChildService>().SaveAsync(new ChildModel { FirstName = "Ivy", LastName = "Small", DateOfBirth = DateOnly.FromDateTime(DateTime.UtcNow).AddYears(-7) }));
        await AsAsync(lead, sp => sp.GetRequiredService<ActivityService>().EnrolAsync(reading, young));

        var details = await AsAsync(lead, sp => sp.GetRequiredService<ActivityService>().GetAsync(reading));

        var ivy = Assert.Single(details!.Children, c => c.ChildId == young);
        Assert.Contains("Aged 7: outside the activity's age range of 9 to 14.", ivy.Warnings);
        Assert.Contains("Aged 7: below Google Meet's minimum age of 13.", ivy.Warnings);
    }
}
