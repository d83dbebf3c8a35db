using Microsoft.Extensions.DependencyInjection;
using SafeguardingPortal.Features.Activities;
using SafeguardingPortal.Features.People;
using SafeguardingPortal.Features.Platforms;
using SafeguardingPortal.Features.SocialAccounts;
using SafeguardingPortal.Features.Staff;
using SafeguardingPortal.Infrastructure.Identity;
using SafeguardingPortal.Infrastructure.Validation;
using SafeguardingPortal.Tests.Infrastructure;
using SafeguardingPortal.Tests.Infrastructure.Audit;

namespace SafeguardingPortal.Tests.Features.SocialAccounts;

/// <summary>The account register on a real database: who may do what, the proposer rule, access and reviews on the portal's own clock.</summary>
public sealed class SocialAccountServiceTests : IAsyncLifetime
{
    private readonly PortalAppFactory factory = new();
    private PortalUser lead = default!;
    private PortalUser manager = default!;
    private PortalUser secondManager = default!;
    private PortalUser staffUser = default!;
    private PortalUser auditor = default!;
    private int stan;
    private int uncheckedPerson;
    private int accountId;

    public async ValueTask InitializeAsync()
    {
        lead = await factory.CreateUserAsync("lead@example.org", "Lee Lead", PortalRoles.SafeguardingLead);
        manager = await factory.CreateUserAsync("manager@example.org", "Mo Manager", PortalRoles.Manager);
        secondManager = await factory.CreateUserAsync("manager2@example.org", "Max Manager", PortalRoles.Manager);
        staffUser = await factory.CreateUserAsync("stan@example.org", "Stan Staff", PortalRoles.Staff);
        auditor = await factory.CreateUserAsync("auditor@example.org", "Aud Itor", PortalRoles.Auditor);
        await using var scope = await factory.ScopeForAsync(lead);
        var staff = scope.ServiceProvider.GetRequiredService<StaffService>();
        stan = await staff.SaveAsync(new StaffModel
        {
            FirstName = "Stan",
            LastName = "Staff",
            WorkEmail = "stan@example.org",
            UserId = staffUser.Id,
            CheckKind = "Enhanced DBS",
            CheckDate = new DateOnly(2025, 1, 1),
            CheckRenewalDue = new DateOnly(2028, 1, 1),
        });
        uncheckedPerson = await staff.SaveAsync(new StaffModel { FirstName = "Una", LastName = "Checked", WorkEmail = "una@example.org" });
        var meet = (await scope.ServiceProvider.GetRequiredService<PlatformService>().ListAsync()).First(p => p.Name == "Instagram").Id;
        var activity = await scope.ServiceProvider.GetRequiredService<ActivityService>().SaveAsync(new ActivityModel
        {
            Title = "Youth forum",
            PlatformId = meet,
            LeadStaffMemberId = stan,
            MinimumAge = 14,
            MaximumAge = 18,
            StartDate = new DateOnly(2026, 9, 1),
            Description = "Forum.",
            WhyOnline = "Distance.",
            Benefits = "Voice.",
            Risks = "Contact; moderated.",
        });
        accountId = await scope.ServiceProvider.GetRequiredService<SocialAccountService>().SaveAsync(new SocialAccountModel
        {
            PlatformId = meet,
            Handle = "@riverside_forum",
            Purpose = "Forum news",
            ResponsibleStaffMemberId = stan,
            RecoveryEmail = "social@riverside.example.org",
            OwnedByOrganisation = true,
            ActivityIds = [activity],
        });
    }

    public async ValueTask DisposeAsync() => await factory.DisposeAsync();

    private static SafetyChecklist Complete() => new()
    {
        OwnedByOrganisation = true,
        PrivacySettingsOn = true,
        TwoFactorOn = true,
        RecoveryEmailIsOrganisational = true,
        StrangerMessages = StrangerMessages.Restricted,
    };

    private async Task<T> AsAsync<T>(PortalUser user, Func<SocialAccountService, Task<T>> action)
    {
        await using var scope = await factory.ScopeForAsync(user);
        return await action(scope.ServiceProvider.GetRequiredService<SocialAccountService>());
    }

    private Task AsAsync(PortalUser user, Func<SocialAccountService, Task> action) =>
        AsAsync<bool>(user, async s =>
        {
            await action(s);
            return true;
        });

    private async Task<SocialAccountDetails> DetailsAsync(PortalUser? who = null) => (await AsAsync(who ?? lead, s => s.GetAsync(accountId)))!;

    [Fact]
    public async Task A_manager_who_proposed_an_account_cannot_authorise_it_and_another_manager_can()
    {
        var platform = (await DetailsAsync()).Account.PlatformId;
        var own = await AsAsync(manager, s => s.SaveAsync(new SocialAccountModel
        {
            PlatformId = platform,
            Handle = "@managers_own",
            Purpose = "News",
            ResponsibleStaffMemberId = stan,
            RecoveryEmail = "social@riverside.example.org",
            OwnedByOrganisation = true,
        }));
        var version = (await AsAsync(manager, s => s.GetAsync(own)))!.Account.Version;

        var refused = await Assert.ThrowsAsync<PortalValidationException>(() => AsAsync(manager, s => s.AuthoriseAsync(own, Complete(), version)));
        Assert.Equal("You proposed this account, so another manager must authorise it.", refused.Message);
        Assert.Equal("You proposed this account, so another manager must authorise it.", (await AsAsync(manager, s => s.GetAsync(own)))!.CannotAuthoriseBecause);

        await AsAsync(secondManager, s => s.AuthoriseAsync(own, Complete(), version));
        Assert.Equal(SocialAccountStatus.Authorised, (await AsAsync(lead, s => s.GetAsync(own)))!.Status);
    }

    [Theory]
    [InlineData(PortalRoles.SafeguardingLead)]
    [InlineData(PortalRoles.Staff)]
    [InlineData(PortalRoles.Auditor)]
    public async Task Only_managers_authorise(string role)
    {
        var someone = role switch { PortalRoles.SafeguardingLead => lead, PortalRoles.Staff => staffUser, _ => auditor };
        var version = (await DetailsAsync()).Account.Version;

        await Assert.ThrowsAsync<PortalAccessDeniedException>(() => AsAsync(someone, s => s.AuthoriseAsync(accountId, Complete(), version)));

        Assert.Equal(SocialAccountStatus.Proposed, (await DetailsAsync()).Status);
    }

    [Fact]
    public async Task An_incomplete_checklist_or_a_personal_account_is_not_authorised()
    {
        var version = (await DetailsAsync()).Account.Version;
        var incomplete = Complete();
        incomplete.TwoFactorOn = false;

        var error = await Assert.ThrowsAsync<PortalValidationException>(() => AsAsync(manager, s => s.AuthoriseAsync(accountId, incomplete, version)));
        Assert.Equal("Confirm two-factor authentication is turned on.", error.Message);

        await AsAsync(lead, async s =>
        {
            var model = (await s.GetAsync(accountId))!.Account;
            model.OwnedByOrganisation = false;
            await s.SaveAsync(model);
        });
        var personal = Complete();
        personal.OwnedByOrganisation = false;
        var refused = await Assert.ThrowsAsync<PortalValidationException>(() => AsAsync(manager, async s => await s.AuthoriseAsync(accountId, personal, (await s.GetAsync(accountId))!.Account.Version)));
        Assert.StartsWith("The account is recorded as not owned by the organisation.", refused.Message, StringComparison.Ordinal);
        Assert.Equal(SocialAccountStatus.Proposed, (await DetailsAsync()).Status);
    }

    [Fact]
    public async Task Readers_cannot_change_the_register_and_staff_see_only_accounts_they_can_use()
    {
        await Assert.ThrowsAsync<PortalAccessDeniedException>(() => AsAsync(auditor, s => s.GrantAccessAsync(accountId, stan, new DateOnly(2026, 11, 1))));
        await Assert.ThrowsAsync<PortalAccessDeniedException>(() => AsAsync(staffUser, s => s.SuspendAsync(accountId, "x", false, null)));
        Assert.Empty((await AsAsync(staffUser, s => s.ListAsync(new SocialAccountQuery()))).Rows);
        Assert.Null(await AsAsync(staffUser, s => s.GetAsync(accountId)));
        Assert.Single((await AsAsync(auditor, s => s.ListAsync(new SocialAccountQuery()))).Rows);

        var today = factory.PortalTime.GetUtcNow();
        await AsAsync(lead, s => s.GrantAccessAsync(accountId, stan, DateOnly.FromDateTime(today.UtcDateTime)));

        // Access to an account that is only proposed is not yet something anyone can use.
        Assert.Empty((await AsAsync(staffUser, s => s.ListAsync(new SocialAccountQuery()))).Rows);
        await AsAsync(manager, async s => await s.AuthoriseAsync(accountId, Complete(), (await s.GetAsync(accountId))!.Account.Version));

        Assert.Equal("@riverside_forum", Assert.Single((await AsAsync(staffUser, s => s.ListAsync(new SocialAccountQuery()))).Rows).Handle);
        Assert.Single((await AsAsync(lead, s => s.ListAsync(new SocialAccountQuery { StaffMemberId = stan }))).Rows);
        Assert.Empty((await AsAsync(lead, s => s.ListAsync(new SocialAccountQuery { StaffMemberId = uncheckedPerson }))).Rows);
    }

    [Fact]
    public async Task Giving_access_to_someone_without_a_current_check_warns_and_records_it()
    {
        var warning = await AsAsync(lead, s => s.GrantAccessAsync(accountId, uncheckedPerson, new DateOnly(2026, 11, 1)));
        var none = await AsAsync(lead, s => s.GrantAccessAsync(accountId, stan, new DateOnly(2026, 11, 1)));

        Assert.StartsWith("Una Checked has no current safer-recruitment check (none on record).", warning, StringComparison.Ordinal);
        Assert.Null(none);
        var access = (await DetailsAsync()).Access;
        Assert.True(access.Single(a => a.StaffMemberId == uncheckedPerson).GrantedWithoutCurrentCheck);
        Assert.False(access.Single(a => a.StaffMemberId == stan).GrantedWithoutCurrentCheck);
        await Assert.ThrowsAsync<PortalValidationException>(() => AsAsync(lead, s => s.GrantAccessAsync(accountId, stan, new DateOnly(2026, 11, 2))));
    }

    [Fact]
    public async Task A_review_falls_due_on_the_portals_clock_and_a_review_sets_the_next_date()
    {
        await AsAsync(manager, async s => await s.AuthoriseAsync(accountId, Complete(), (await s.GetAsync(accountId))!.Account.Version));
        var authorised = await DetailsAsync();
        Assert.False(authorised.ReviewOverdue);
        Assert.Empty((await AsAsync(lead, s => s.ListAsync(new SocialAccountQuery { ReviewOverdueOnly = true }))).Rows);

        factory.PortalTime.Advance(TimeSpan.FromDays(200));

        Assert.True((await DetailsAsync()).ReviewOverdue);
        Assert.Single((await AsAsync(lead, s => s.ListAsync(new SocialAccountQuery { ReviewOverdueOnly = true }))).Rows);
        var notConfirmed = await Assert.ThrowsAsync<PortalValidationException>(() => AsAsync(lead, async s => await s.ReviewAsync(accountId, Complete(), (await s.GetAsync(accountId))!.Account.Version)));
        Assert.Equal("Confirm you have checked who has access and removed anyone who no longer needs it.", notConfirmed.Message);
        var review = Complete();
        review.AccessConfirmed = true;
        await AsAsync(lead, async s => await s.ReviewAsync(accountId, review, (await s.GetAsync(accountId))!.Account.Version));
        var reviewed = await DetailsAsync();
        Assert.False(reviewed.ReviewOverdue);
        // The service's "today" is the UK date (a day ahead of UTC's between 23:00 and midnight UTC in summer).
        Assert.Equal(factory.Services.GetRequiredService<SafeguardingPortal.Infrastructure.PortalClock>().Today().AddMonths(6), reviewed.NextReviewDue);
    }

    [Fact]
    public async Task An_account_found_to_be_personal_is_suspended_with_the_reason_and_everything_is_audited()
    {
        await AsAsync(manager, async s => await s.AuthoriseAsync(accountId, Complete(), (await s.GetAsync(accountId))!.Account.Version));
        var missingReason = await Assert.ThrowsAsync<PortalValidationException>(() => AsAsync(lead, async s => await s.SuspendAsync(accountId, " ", true, (await s.GetAsync(accountId))!.Account.Version)));
        Assert.Equal("Say why the account is being suspended.", missingReason.Message);

        await AsAsync(lead, async s => await s.SuspendAsync(accountId, "It is the coach's own account.", true, (await s.GetAsync(accountId))!.Account.Version));

        var details = await DetailsAsync();
        Assert.Equal(SocialAccountStatus.Suspended, details.Status);
        Assert.Equal("Found to be a personal account: It is the coach's own account.", details.StatusReason);
        Assert.False(details.Account.OwnedByOrganisation);
        var events = await factory.EventsAsync();
        Assert.Contains(events, e => e.EntityType == "SocialAccount" && e.Action == "Updated" && e.ActorKey == manager.Id && e.Changes.Contains("\"new\":\"Authorised\"", StringComparison.Ordinal));
        Assert.Contains(events, e => e.EntityType == "SocialAccount" && e.ActorKey == lead.Id && e.Changes.Contains("\"new\":\"Suspended\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_stale_decision_is_refused_and_changes_nothing()
    {
        var stale = (await DetailsAsync()).Account.Version;
        await AsAsync(lead, async s => await s.CloseAsync(accountId, "Not needed after all", stale));

        var conflict = await Assert.ThrowsAsync<PortalConcurrencyException>(() => AsAsync(manager, s => s.AuthoriseAsync(accountId, Complete(), stale)));

        Assert.Contains("it is now Closed", conflict.Message, StringComparison.Ordinal);
        Assert.Equal(SocialAccountStatus.Closed, (await DetailsAsync()).Status);
    }

    [Fact]
    public async Task Staff_make_their_yearly_declaration_and_the_register_shows_who_is_due()
    {
        Assert.True((await AsAsync(staffUser, s => s.MyDeclarationAsync())).Due);

        await AsAsync(staffUser, s => s.DeclareAsync());

        var mine = await AsAsync(staffUser, s => s.MyDeclarationAsync());
        Assert.False(mine.Due);
        var everyone = await AsAsync(lead, s => s.DeclarationsAsync());
        Assert.False(everyone.Single(r => r.StaffMemberId == stan).Due);
        Assert.True(everyone.Single(r => r.StaffMemberId == uncheckedPerson).Due);
        await Assert.ThrowsAsync<PortalAccessDeniedException>(() => AsAsync(staffUser, s => s.DeclarationsAsync()));
        await Assert.ThrowsAsync<PortalValidationException>(() => AsAsync(lead, s => s.DeclareAsync()));
    }

    [Fact]
    public async Task Changing_an_authorised_accounts_details_sends_it_back_for_authorisation_by_someone_else()
    {
        await AsAsync(manager, async s => await s.AuthoriseAsync(accountId, Complete(), (await s.GetAsync(accountId))!.Account.Version));

        await AsAsync(secondManager, async s =>
        {
            var model = (await s.GetAsync(accountId))!.Account;
            model.RecoveryEmail = "someone@gmail.com";
            await s.SaveAsync(model);
        });

        var details = await DetailsAsync(secondManager);
        Assert.Equal(SocialAccountStatus.Proposed, details.Status);
        Assert.Equal("You last changed this account's details, so another manager must authorise it.", details.CannotAuthoriseBecause);
        await Assert.ThrowsAsync<PortalValidationException>(() => AsAsync(secondManager, s => s.AuthoriseAsync(accountId, Complete(), details.Account.Version)));
        var webmail = await Assert.ThrowsAsync<PortalValidationException>(() => AsAsync(manager, s => s.AuthoriseAsync(accountId, Complete(), details.Account.Version)));
        Assert.Equal("someone@gmail.com is a personal webmail address: use an organisational one for recovery.", webmail.Message);
    }

    [Fact]
    public async Task An_account_found_to_be_personal_cannot_be_authorised_again_as_it_stands()
    {
        await AsAsync(manager, async s => await s.AuthoriseAsync(accountId, Complete(), (await s.GetAsync(accountId))!.Account.Version));
        await AsAsync(lead, async s => await s.SuspendAsync(accountId, "It is the coach's own.", true, (await s.GetAsync(accountId))!.Account.Version));

        var refused = await Assert.ThrowsAsync<PortalValidationException>(() => AsAsync(secondManager, async s => await s.AuthoriseAsync(accountId, Complete(), (await s.GetAsync(accountId))!.Account.Version)));

        Assert.StartsWith("The account is recorded as not owned by the organisation.", refused.Message, StringComparison.Ordinal);
        var again = await Assert.ThrowsAsync<PortalValidationException>(() => AsAsync(lead, async s => await s.SuspendAsync(accountId, "Again", false, (await s.GetAsync(accountId))!.Account.Version)));
        Assert.Equal("The account is already suspended.", again.Message);
    }

    [Fact]
    public async Task Staff_stop_seeing_an_account_once_it_is_suspended_and_closing_it_ends_everyones_access()
    {
        await AsAsync(manager, async s => await s.AuthoriseAsync(accountId, Complete(), (await s.GetAsync(accountId))!.Account.Version));
        var today = DateOnly.FromDateTime(factory.PortalTime.GetUtcNow().UtcDateTime);
        await AsAsync(lead, s => s.GrantAccessAsync(accountId, stan, today));
        await AsAsync(lead, s => s.GrantAccessAsync(accountId, uncheckedPerson, today));
        var staffView = (await AsAsync(staffUser, s => s.GetAsync(accountId)))!;
        Assert.Equal(["Stan Staff"], staffView.Access.Select(a => a.Name));

        await AsAsync(lead, async s => await s.SuspendAsync(accountId, "Checking a complaint", false, (await s.GetAsync(accountId))!.Account.Version));
        Assert.Empty((await AsAsync(staffUser, s => s.ListAsync(new SocialAccountQuery()))).Rows);
        await Assert.ThrowsAsync<PortalValidationException>(() => AsAsync(lead, s => s.GrantAccessAsync(accountId, stan, today)));

        await AsAsync(lead, async s => await s.CloseAsync(accountId, "No longer needed", (await s.GetAsync(accountId))!.Account.Version));
        var closed = await DetailsAsync();
        Assert.All(closed.Access, a => Assert.Equal(today, a.RemovedOn));
        await Assert.ThrowsAsync<PortalValidationException>(() => AsAsync(lead, async s => await s.SaveAsync((await s.GetAsync(accountId))!.Account)));
    }
}
