using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using SafeguardingPortal.Features.Activities;
using SafeguardingPortal.Features.Platforms;
using SafeguardingPortal.Features.SocialAccounts;
using SafeguardingPortal.Features.Staff;
using SafeguardingPortal.Infrastructure.Identity;
using SafeguardingPortal.Tests.Infrastructure;

namespace SafeguardingPortal.Tests.Features.SocialAccounts;

/// <summary>The account form, the checklist and the register, rendered over the real services.</summary>
public sealed class SocialAccountComponentsTests : PortalBunitContext
{
    private int accountId;
    private Guid? version;

    public override async ValueTask InitializeAsync()
    {
        var lead = await Portal.CreateUserAsync("seed.lead@example.org", "Seed Lead", PortalRoles.SafeguardingLead);
        await using var scope = await Portal.ScopeForAsync(lead);
        var sp = scope.ServiceProvider;
        var staff = await sp.GetRequiredService<StaffService>().SaveAsync(new StaffModel { FirstName = "Stan", LastName = "Coach", WorkEmail = "stan@example.org" });
        var instagram = (await sp.GetRequiredService<PlatformService>().ListAsync()).First(p => p.Name == "Instagram").Id;
        var activity = await sp.GetRequiredService<ActivityService>().SaveAsync(new ActivityModel
        {
            Title = "Coding club",
            PlatformId = instagram,
            LeadStaffMemberId = staff,
            MinimumAge = 9,
            MaximumAge = 14,
            StartDate = new DateOnly(2026, 9, 1),
            Description = "Club.",
            WhyOnline = "Distance.",
            Benefits = "Skills.",
            Risks = "Contact; moderated.",
        });
        var accounts = sp.GetRequiredService<SocialAccountService>();
        accountId = await accounts.SaveAsync(new SocialAccountModel
        {
            PlatformId = instagram,
            Handle = "@coding_club",
            Purpose = "Club news",
            ResponsibleStaffMemberId = staff,
            RecoveryEmail = "social@riverside.example.org",
            OwnedByOrganisation = true,
            ActivityIds = [activity],
        });
        version = (await accounts.GetAsync(accountId))!.Account.Version;
    }

    private Task UseAsync(string role) =>
        UsePortalAsAsync(role, typeof(SocialAccountService), typeof(PlatformService), typeof(StaffService), typeof(ActivityService));

    private async Task<IRenderedComponent<MudDialogProvider>> ShowAsync<TDialog>(DialogParameters? parameters = null)
        where TDialog : IComponent
    {
        var provider = Render<MudDialogProvider>();
        var dialogs = Services.GetRequiredService<IDialogService>();
        await provider.InvokeAsync(() => dialogs.ShowAsync<TDialog>("Dialog", parameters ?? []));
        return provider;
    }

    [Fact]
    public async Task The_account_form_explains_what_is_missing()
    {
        await UseAsync(PortalRoles.SafeguardingLead);
        var provider = await ShowAsync<SocialAccountDialog>();

        provider.Find("[data-testid=save-account]").Click();

        provider.WaitForAssertion(() => Assert.Contains("Enter the account's handle or address", provider.Markup, StringComparison.Ordinal));
        Assert.Contains("Enter the organisational e-mail address the account recovers to.", provider.Markup, StringComparison.Ordinal);
        Assert.Contains("Choose the member of staff responsible for the account.", provider.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_checklist_shows_the_age_warning_and_refuses_to_authorise_until_everything_is_confirmed()
    {
        await UseAsync(PortalRoles.Manager);
        var warning = "Instagram is for people aged 13 and over, but “Coding club” admits children from 9.";
        var provider = await ShowAsync<ChecklistDialog>(new DialogParameters<ChecklistDialog>
        {
            { d => d.AccountId, accountId }, { d => d.Version, version }, { d => d.RecoveryEmail, "social@riverside.example.org" }, { d => d.AgeWarning, warning },
        });

        Assert.Equal(warning, provider.Find("[data-testid=age-warning] .mud-alert-message").TextContent.Trim());
        provider.Find("[data-testid=confirm-checklist]").Click();

        provider.WaitForAssertion(() => Assert.Contains("A personal account can never be authorised", provider.Find("[data-testid=checklist-error]").TextContent, StringComparison.Ordinal));
        Assert.Contains("Record why the account may still be used", provider.Find("[data-testid=checklist-error]").TextContent, StringComparison.Ordinal);
        Assert.Equal(SocialAccountStatus.Proposed, (await PortalServices.GetRequiredService<SocialAccountService>().GetAsync(accountId))!.Status);
    }

    [Fact]
    public async Task The_register_shows_the_proposed_account_with_its_status_in_words()
    {
        await UseAsync(PortalRoles.Auditor);

        var cut = Render<SocialAccountsPage>();

        cut.WaitForAssertion(() => Assert.Contains("@coding_club", cut.Markup, StringComparison.Ordinal));
        Assert.Contains("Proposed", cut.Find("[data-testid=accounts-grid]").TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid=propose-account]"));
    }
}
