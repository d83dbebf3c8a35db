using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using SafeguardingPortal.Features.Activities;
using SafeguardingPortal.Features.Children;
using SafeguardingPortal.Features.Consent;
using SafeguardingPortal.Features.Families;
using SafeguardingPortal.Features.Platforms;
using SafeguardingPortal.Features.Staff;
using SafeguardingPortal.Infrastructure.Identity;
using SafeguardingPortal.Tests.Infrastructure;

namespace SafeguardingPortal.Tests.Features.People;

/// <summary>Each register page and dialog renders what it should over the real services.</summary>
public sealed class RegisterComponentsTests : PortalBunitContext
{
    private int activityId;
    private int parentId;

    public override async ValueTask InitializeAsync()
    {
        var seeder = await Portal.CreateUserAsync("seeder@example.org", "Seeder", PortalRoles.SafeguardingLead);
        await using var scope = await Portal.ScopeForAsync(seeder);
        var sp = scope.ServiceProvider;
        var staff = await sp.GetRequiredService<StaffService>().SaveAsync(new StaffModel { FirstName = "Stan", LastName = "Coach", WorkEmail = "stan@example.org", RoleTitle = "Coach" });
        await sp.GetRequiredService<StaffService>().SaveAsync(new StaffModel
        {
            FirstName = "Olga",
            LastName = "Overdue",
            WorkEmail = "olga@example.org",
            CheckKind = "Enhanced DBS",
            CheckReference = "001234567788",
            CheckDate = new DateOnly(2020, 1, 1),
            CheckRenewalDue = new DateOnly(2023, 1, 1),
        });
        var platform = (await sp.GetRequiredService<PlatformService>().ListAsync()).First(p => p.Name == "Instagram").Id;
        activityId = await sp.GetRequiredService<ActivityService>().SaveAsync(new ActivityModel
        {
            Title = "Photo club",
            PlatformId = platform,
            LeadStaffMemberId = staff,
            MinimumAge = 11,
            MaximumAge = 16,
            StartDate = new DateOnly(2026, 9, 1),
            Description = "Sharing photography.",
            WhyOnline = "Members live far apart.",
            Benefits = "Creativity.",
            Risks = "Public images; private account only.",
        });
        var child = await sp.GetRequiredService<ChildService>().SaveAsync(new ChildModel { FirstName = "Ivy", LastName = "Young", DateOfBirth = DateOnly.FromDateTime(DateTime.UtcNow).AddYears(-10) });
        parentId = await sp.GetRequiredService<ParentCarerService>().SaveAsync(new ParentCarerModel { FirstName = "Jo", LastName = "Young", Email = "jo@example.org" });
        await sp.GetRequiredService<ChildService>().LinkGuardianAsync(child, parentId, "Mother", true);
        await sp.GetRequiredService<ActivityService>().EnrolAsync(activityId, child);
    }

    private async Task UseAsync(string role = PortalRoles.SafeguardingLead)
    {
        await UsePortalAsAsync(role, typeof(ChildService), typeof(ParentCarerService), typeof(StaffService), typeof(PlatformService), typeof(ActivityService));

        // The activity and child pages show consent; its service needs the portal's e-mail signal and settings.
        Services.AddSingleton(PortalServices.GetRequiredService<ConsentRequestService>());
        Services.AddScoped<SafeguardingPortal.Features.Recordings.RecordingService>();
    }

    private async Task<IRenderedComponent<MudDialogProvider>> ShowAsync<TDialog>(DialogParameters? parameters = null)
        where TDialog : IComponent
    {
        var provider = Render<MudDialogProvider>();
        var dialogs = Services.GetRequiredService<IDialogService>();
        await provider.InvokeAsync(() => dialogs.ShowAsync<TDialog>("Dialog", parameters ?? []));
        return provider;
    }

    [Fact]
    public async Task The_families_list_and_a_familys_page_show_the_linked_children()
    {
        await UseAsync();

        var list = Render<FamiliesPage>();
        list.WaitForAssertion(() => Assert.Contains("jo@example.org", list.Markup, StringComparison.Ordinal));
        var page = Render<FamilyPage>(p => p.Add(x => x.Id, parentId));
        page.WaitForAssertion(() => Assert.Contains("Ivy Young", page.Markup, StringComparison.Ordinal));
        Assert.Contains("Mother", page.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_staff_list_flags_an_overdue_check_and_masks_its_reference()
    {
        await UseAsync(PortalRoles.Auditor);

        var cut = Render<StaffPage>();

        cut.WaitForAssertion(() => Assert.Contains("Overdue since 1 Jan 2023", cut.Markup, StringComparison.Ordinal));
        Assert.Contains("Missing", cut.Markup, StringComparison.Ordinal);
        Assert.Contains("••••••••7788", cut.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("001234567788", cut.Markup, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid=add-staff]"));
    }

    [Fact]
    public async Task The_activity_page_warns_about_a_child_below_the_platforms_minimum_age()
    {
        await UseAsync(PortalRoles.Manager);

        var list = Render<ActivitiesPage>();
        list.WaitForAssertion(() => Assert.Contains("Photo club", list.Markup, StringComparison.Ordinal));
        var page = Render<ActivityPage>(p => p.Add(x => x.Id, activityId));

        page.WaitForAssertion(() => Assert.Contains("1 child does not fit", page.Find("[data-testid=age-warnings]").TextContent, StringComparison.Ordinal));
        Assert.Contains("Aged 10: below Instagram's minimum age of 13.", page.Markup, StringComparison.Ordinal);
        Assert.Contains("Aged 10: outside the activity's age range of 11 to 16.", page.Markup, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("[data-testid=enrol-child]"));
    }

    [Fact]
    public async Task A_childs_page_shows_their_family_and_activities_and_records_the_view()
    {
        await UseAsync(PortalRoles.Auditor);
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        var childId = (await PortalServices.GetRequiredService<ChildService>().ListAsync(new SafeguardingPortal.Features.People.ListQuery { Search = "Ivy" })).Rows.Single().Id;

        var cut = Render<ChildPage>(p => p.Add(x => x.Id, childId));

        cut.WaitForAssertion(() => Assert.Equal("Ivy Young", cut.Find("[data-testid=child-name]").TextContent));
        Assert.Contains("Jo Young", cut.Find("[data-testid=guardians]").TextContent, StringComparison.Ordinal);
        Assert.Contains("Photo club", cut.Markup, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid=link-guardian]"));
        cut.WaitForAssertion(() => Assert.Equal("Not in any recording on the register.", cut.Find("[data-testid=child-recordings-empty]").TextContent));
        var key = childId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await EventuallyAsync(
            async () => (await SafeguardingPortal.Tests.Infrastructure.Audit.AuditTestDatabase.EventsAsync(Portal))
                .Exists(e => e.Action == "Viewed" && e.EntityType == "Child" && e.EntityKey == key && e.ActorKey == User.Id),
            "the view of the child's record is audited");
    }

    [Fact]
    public async Task The_platform_list_shows_the_defaults_with_their_minimum_ages()
    {
        await UseAsync(PortalRoles.Administrator);

        var cut = Render<PlatformsPage>();

        cut.WaitForAssertion(() => Assert.Contains("Instagram", cut.Markup, StringComparison.Ordinal));
        Assert.Contains("1 activity", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_parent_dialog_explains_what_is_missing()
    {
        await UseAsync();
        var provider = await ShowAsync<ParentCarerDialog>();

        provider.Find("[data-testid=save-parent]").Click();

        provider.WaitForAssertion(() => Assert.Contains("Enter the first name.", provider.Markup, StringComparison.Ordinal));
        Assert.Contains("Enter an e-mail address or a telephone number", provider.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_activity_dialog_explains_what_is_missing()
    {
        await UseAsync();
        var provider = await ShowAsync<ActivityDialog>();

        provider.Find("[data-testid=save-activity]").Click();

        provider.WaitForAssertion(() => Assert.Contains("Enter the activity's title.", provider.Markup, StringComparison.Ordinal));
        Assert.Contains("Describe why it needs to happen online: parents and carers read this before they consent.", provider.Markup, StringComparison.Ordinal);
        Assert.Contains("Enter the youngest and oldest ages the activity is for.", provider.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_staff_dialog_refuses_a_renewal_date_before_the_check()
    {
        await UseAsync();
        var provider = await ShowAsync<StaffDialog>();
        provider.WaitForAssertion(() => Assert.NotEmpty(provider.FindAll("[data-testid=save-staff]")));

        provider.FindAll("input")[0].Change("Dee");
        provider.FindAll("input")[1].Change("Bee");
        provider.FindAll("input")[2].Change("dee@example.org");
        provider.FindAll("input[placeholder='dd/mm/yyyy']")[0].Change("01/06/2025");
        provider.FindAll("input[placeholder='dd/mm/yyyy']")[1].Change("01/01/2025");
        provider.Find("[data-testid=save-staff]").Click();

        provider.WaitForAssertion(() => Assert.Contains("The renewal date must be after the date of the check.", provider.Markup, StringComparison.Ordinal));
        Assert.Contains("Say what kind of check it was", provider.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_session_dialog_needs_a_date_length_and_host()
    {
        await UseAsync();
        var provider = await ShowAsync<SessionDialog>(new DialogParameters<SessionDialog> { { d => d.ActivityId, activityId } });
        provider.WaitForAssertion(() => Assert.NotEmpty(provider.FindAll("button")));

        provider.FindAll("button").First(b => b.TextContent.Trim() == "Save").Click();

        provider.WaitForAssertion(() => Assert.Contains("Enter the session's date and start time (UK time).", provider.Markup, StringComparison.Ordinal));
        Assert.Contains("Choose who hosts the session.", provider.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_link_and_enrol_dialogs_ask_for_a_choice_before_saving()
    {
        await UseAsync();
        var link = await ShowAsync<LinkGuardianDialog>(new DialogParameters<LinkGuardianDialog> { { d => d.ChildId, 1 } });
        link.Find("[data-testid=save-link]").Click();
        link.WaitForAssertion(() => Assert.Contains("Choose the parent or carer to link.", link.Markup, StringComparison.Ordinal));

        var enrol = await ShowAsync<EnrolChildDialog>(new DialogParameters<EnrolChildDialog> { { d => d.ActivityId, activityId } });
        enrol.Find("[data-testid=save-enrolment]").Click();
        enrol.WaitForAssertion(() => Assert.Contains("Choose the child to add.", enrol.Markup, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_import_dialog_offers_the_template_and_cannot_import_before_a_file_is_chosen()
    {
        await UsePortalAsAsync(PortalRoles.SafeguardingLead, typeof(ChildImportService));
        var provider = await ShowAsync<ImportChildrenDialog>();

        Assert.NotEmpty(provider.FindAll("a[href='/children/import-template.csv']"));
        Assert.True(provider.Find("[data-testid=import-confirm]").HasAttribute("disabled"));
    }
}
