using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using SafeguardingPortal.Features.Devices;
using SafeguardingPortal.Features.Documents;
using SafeguardingPortal.Features.People;
using SafeguardingPortal.Features.Settings;
using SafeguardingPortal.Features.Staff;
using SafeguardingPortal.Infrastructure;
using SafeguardingPortal.Infrastructure.Email.Queue;
using SafeguardingPortal.Infrastructure.Identity;
using SafeguardingPortal.Tests.Infrastructure;

namespace SafeguardingPortal.Tests.Features.Devices;

/// <summary>The request form, the decision dialog and the register, rendered over the real services.</summary>
public sealed class DeviceAuthorisationComponentsTests : PortalBunitContext
{
    private PortalUser lead = default!;
    private int stan;

    public override async ValueTask InitializeAsync()
    {
        lead = await Portal.CreateUserAsync("seed.lead@example.org", "Seed Lead", PortalRoles.SafeguardingLead);
        await using var scope = await Portal.ScopeForAsync(lead);
        stan = await scope.ServiceProvider.GetRequiredService<StaffService>().SaveAsync(new StaffModel { FirstName = "Stan", LastName = "Coach", WorkEmail = "stan@example.org" });
    }

    private async Task UseAsync(string role)
    {
        await UsePortalAsAsync(role, typeof(DeviceAuthorisationService));
        Services.AddSingleton(PortalServices.GetRequiredService<OrganisationSettingsService>());
        Services.AddSingleton(PortalServices.GetRequiredService<EmailDeliverySignal>());
        Services.AddSingleton(PortalServices.GetRequiredService<DocumentIssuer>());
    }

    /// <summary>Links the bUnit user to a staff record, as a safeguarding lead would on the staff register.</summary>
    private async Task<int> LinkUserToStaffAsync()
    {
        await using var scope = await Portal.ScopeForAsync(lead);
        return await scope.ServiceProvider.GetRequiredService<StaffService>().SaveAsync(new StaffModel { FirstName = "Sam", LastName = "Signedin", WorkEmail = "sam@example.org", UserId = User.Id });
    }

    private async Task<int> RequestForStanAsync(bool withViewer)
    {
        await using var scope = await Portal.ScopeForAsync(lead);
        var today = scope.ServiceProvider.GetRequiredService<PortalClock>().Today();
        return await scope.ServiceProvider.GetRequiredService<DeviceAuthorisationService>().SaveRequestAsync(new DeviceRequestModel
        {
            StaffMemberId = stan,
            DeviceKind = DeviceKind.Phone,
            DeviceDescription = "Red Pixel 8",
            WhyNoOrganisationalDevice = "The club phone is broken.",
            Purpose = "Match-day messages",
            CommunicatesWith = "Under-12s",
            AppsAndAccounts = "Club WhatsApp group",
            Viewers = withViewer ? [new DeviceViewerModel { Name = "Lina Manager", HowTheySee = "In the group chat" }] : [],
            RequestedFrom = today,
            RequestedUntil = today.AddMonths(2),
        });
    }

    private async Task<IRenderedComponent<MudDialogProvider>> ShowAsync<TDialog>(DialogParameters? parameters = null)
        where TDialog : IComponent
    {
        var provider = Render<MudDialogProvider>();
        var dialogs = Services.GetRequiredService<IDialogService>();
        await provider.InvokeAsync(() => dialogs.ShowAsync<TDialog>("Dialog", parameters ?? []));
        return provider;
    }

    /// <summary>Picks a radio button, whichever element carries its test id and whichever event MudBlazor listens to.</summary>
    private static void Choose(IRenderedComponent<MudDialogProvider> provider, string testId)
    {
        var found = provider.Find($"[data-testid={testId}]");
        var input = found.TagName == "INPUT" ? found : found.QuerySelector("input") ?? found;
        try
        {
            input.Change(true);
        }
        catch (MissingEventHandlerException)
        {
            input.Click();
        }
    }

    [Fact]
    public async Task The_request_form_offers_staff_only_themselves_and_explains_what_is_missing()
    {
        await UseAsync(PortalRoles.Staff);
        await LinkUserToStaffAsync();
        var provider = await ShowAsync<DeviceRequestDialog>();

        provider.WaitForAssertion(() => Assert.Contains("Sam Signedin", provider.Markup, StringComparison.Ordinal));
        provider.Find("[data-testid=save-request]").Click();

        provider.WaitForAssertion(() => Assert.Contains("Choose the kind of device: phone, tablet or laptop.", provider.Markup, StringComparison.Ordinal));
        Assert.Contains("Say why an organisational device cannot be used.", provider.Markup, StringComparison.Ordinal);
        Assert.Contains("Name the apps or platforms, and the organisation's authorised accounts, that will be used.", provider.Markup, StringComparison.Ordinal);
        Assert.Contains("Enter the first day the device would be used.", provider.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("Choose the member of staff or volunteer", provider.Markup, StringComparison.Ordinal);
        Assert.Empty((await PortalServices.GetRequiredService<DeviceAuthorisationService>().ListAsync(new DeviceAuthorisationQuery())).Rows);
    }

    [Fact]
    public async Task The_request_form_refuses_a_serial_number_and_keeps_what_was_typed()
    {
        await UseAsync(PortalRoles.SafeguardingLead);
        var id = await RequestForStanAsync(withViewer: true);
        var request = (await PortalServices.GetRequiredService<DeviceAuthorisationService>().GetAsync(id))!.Request;
        var provider = await ShowAsync<DeviceRequestDialog>(new DialogParameters<DeviceRequestDialog> { { d => d.Request, request } });

        var description = provider.FindAll("input").Single(i => i.GetAttribute("value") == "Red Pixel 8");
        description.Change("Pixel 8, serial 35A7HG19KQ");
        provider.Find("[data-testid=viewer-name-0]").Change("Lina Head");
        provider.Find("[data-testid=save-request]").Click();

        provider.WaitForAssertion(() => Assert.Contains("Leave out serial numbers and IMEI numbers", provider.Markup, StringComparison.Ordinal));
        Assert.Equal("Lina Head", provider.Find("[data-testid=viewer-name-0]").GetAttribute("value"));
        Assert.Equal("Red Pixel 8", (await PortalServices.GetRequiredService<DeviceAuthorisationService>().GetAsync(id))!.Request.DeviceDescription);
    }

    [Fact]
    public async Task The_decision_dialog_will_not_approve_without_someone_who_can_see_the_communication()
    {
        await UseAsync(PortalRoles.Manager);
        var id = await RequestForStanAsync(withViewer: false);
        var details = (await PortalServices.GetRequiredService<DeviceAuthorisationService>().GetAsync(id))!;
        var provider = await ShowAsync<DeviceDecisionDialog>(new DialogParameters<DeviceDecisionDialog>
        {
            { d => d.AuthorisationId, id }, { d => d.Version, details.Request.Version }, { d => d.Viewers, 0 },
            { d => d.RequestedFrom, details.Request.RequestedFrom }, { d => d.RequestedUntil, details.Request.RequestedUntil },
        });

        Assert.Contains("cannot be approved", provider.Find("[data-testid=no-viewers]").TextContent, StringComparison.Ordinal);
        provider.Find("[data-testid=confirm-decision]").Click();
        provider.WaitForAssertion(() => Assert.Equal("Choose whether to approve or decline the request.", provider.Find("[data-testid=choose-error]").TextContent.Trim()));

        Choose(provider, "choose-approve");
        provider.WaitForAssertion(() => Assert.NotEmpty(provider.FindAll("[data-testid=conditions]")));
        provider.Find("[data-testid=confirm-decision]").Click();

        provider.WaitForAssertion(() => Assert.StartsWith("A request cannot be approved until it names at least one person", provider.Find("[data-testid=decision-error]").TextContent.Trim(), StringComparison.Ordinal));
        Assert.Equal(DeviceAuthorisationState.Requested, (await PortalServices.GetRequiredService<DeviceAuthorisationService>().GetAsync(id))!.State);

        // A dialog told (wrongly) that someone can see it gets past its own check; the service still refuses.
        var misled = await ShowAsync<DeviceDecisionDialog>(new DialogParameters<DeviceDecisionDialog>
        {
            { d => d.AuthorisationId, id }, { d => d.Version, details.Request.Version }, { d => d.Viewers, 1 },
            { d => d.RequestedFrom, details.Request.RequestedFrom }, { d => d.RequestedUntil, details.Request.RequestedUntil },
        });
        Assert.Empty(misled.FindAll("[data-testid=no-viewers]"));
        Choose(misled, "choose-approve");
        misled.WaitForAssertion(() => Assert.NotEmpty(misled.FindAll("[data-testid=conditions]")));
        misled.Find("[data-testid=confirm-decision]").Click();
        misled.WaitForAssertion(() => Assert.StartsWith("A request cannot be approved until it names at least one person", misled.Find("[data-testid=decision-error]").TextContent.Trim(), StringComparison.Ordinal));
        Assert.Equal(DeviceAuthorisationState.Requested, (await PortalServices.GetRequiredService<DeviceAuthorisationService>().GetAsync(id))!.State);
    }

    [Fact]
    public async Task The_decision_dialog_declines_only_with_a_reason()
    {
        await UseAsync(PortalRoles.Manager);
        var id = await RequestForStanAsync(withViewer: true);
        var details = (await PortalServices.GetRequiredService<DeviceAuthorisationService>().GetAsync(id))!;
        var provider = await ShowAsync<DeviceDecisionDialog>(new DialogParameters<DeviceDecisionDialog>
        {
            { d => d.AuthorisationId, id }, { d => d.Version, details.Request.Version }, { d => d.Viewers, 1 },
            { d => d.RequestedFrom, details.Request.RequestedFrom }, { d => d.RequestedUntil, details.Request.RequestedUntil },
        });
        Assert.Empty(provider.FindAll("[data-testid=no-viewers]"));

        Choose(provider, "choose-decline");
        provider.WaitForAssertion(() => Assert.NotEmpty(provider.FindAll("[data-testid=decline-reason]")));
        provider.Find("[data-testid=confirm-decision]").Click();
        provider.WaitForAssertion(() => Assert.Contains("Say why the request is declined: the requester is told.", provider.Markup, StringComparison.Ordinal));

        provider.Find("[data-testid=decline-reason]").Change("A club phone is free from next week.");
        provider.Find("[data-testid=confirm-decision]").Click();

        // The dialog closes once the decision is saved; read it back then (blocking on the database inside the
        // renderer's wait would deadlock where the driver is truly asynchronous, as Npgsql is).
        provider.WaitForAssertion(() => Assert.Empty(provider.FindAll("[data-testid=confirm-decision]")));
        var service = PortalServices.GetRequiredService<DeviceAuthorisationService>();
        Assert.Equal(DeviceAuthorisationState.Declined, (await service.GetAsync(id))!.State);
    }

    [Fact]
    public async Task The_register_shows_each_status_in_words_and_readers_cannot_ask()
    {
        await UseAsync(PortalRoles.Auditor);
        await RequestForStanAsync(withViewer: true);

        var cut = Render<DeviceAuthorisationsPage>();

        cut.WaitForAssertion(() => Assert.Contains("Stan Coach", cut.Find("[data-testid=devices-grid]").TextContent, StringComparison.Ordinal));
        Assert.Contains("Requested", cut.Find("[data-testid=devices-grid] .mud-chip").TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid=new-request]"));
    }
}
