using System.Text.RegularExpressions;
using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using SafeguardingPortal.Features.Activities;
using SafeguardingPortal.Features.Children;
using SafeguardingPortal.Features.Consent;
using SafeguardingPortal.Features.Families;
using SafeguardingPortal.Features.Staff;
using SafeguardingPortal.Infrastructure.Audit;
using SafeguardingPortal.Infrastructure.Data;
using SafeguardingPortal.Infrastructure.Identity;
using SafeguardingPortal.Tests.Infrastructure;

namespace SafeguardingPortal.Tests.Features.Consent;

/// <summary>The staff consent pages and the activity's consent panel, rendered over the real services.</summary>
public sealed partial class ConsentComponentsTests : PortalBunitContext
{
    [GeneratedRegex("^[0-9a-f]{64}$")]
    private static partial Regex Sha256Hex();

    private async Task UseAsync(string role)
    {
        await UsePortalAsAsync(role, typeof(ConsentTemplateService), typeof(StaffService));

        // The request service needs the portal's e-mail signal and settings: take it from the user's portal scope.
        Services.AddSingleton(PortalServices.GetRequiredService<ConsentRequestService>());
    }

    private async Task<PortalDbContext> CreateDbAsync()
    {
        var db = await Portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        db.AuditActor = AuditActor.System;
        return db;
    }

    /// <summary>An activity led by a member of staff (signed in as <paramref name="leadUserId"/>) with one child enrolled, whose mother has an e-mail address.</summary>
    private async Task<(int ActivityId, int ChildId)> ActivityWithChildAsync(string? leadUserId)
    {
        await using var db = await CreateDbAsync();
        var lead = new StaffMember { FirstName = "Sam", LastName = "Host", WorkEmail = "sam.host@example.org", UserId = leadUserId, CreatedAtUtc = DateTimeOffset.UtcNow, Version = Guid.NewGuid() };
        db.StaffMembers.Add(lead);
        await db.SaveChangesAsync();
        var activity = new Activity
        {
            Title = "Saturday coding club",
            Kind = ActivityKind.OnlineSessions,
            PlatformId = await db.Platforms.Select(p => p.Id).FirstAsync(),
            Description = "Weekly coding sessions.",
            WhyOnline = "Members live far apart.",
            Benefits = "Learning with friends.",
            Risks = "Strangers could join; the call is locked.",
            MinimumAge = 8,
            MaximumAge = 16,
            StartDate = new DateOnly(2026, 9, 1),
            LeadStaffMemberId = lead.Id,
            CreatedAtUtc = DateTimeOffset.UtcNow,
            Version = Guid.NewGuid(),
        };
        db.Activities.Add(activity);
        var child = new Child { FirstName = "Ada", LastName = "Lovelace", DateOfBirth = DateOnly.FromDateTime(DateTime.UtcNow.AddYears(-10)), CreatedAtUtc = DateTimeOffset.UtcNow, Version = Guid.NewGuid() };
        child.Guardians.Add(new ChildGuardian
        {
            ParentCarer = new ParentCarer { FirstName = "Anne", LastName = "Lovelace", Email = "anne.lovelace@example.org", CreatedAtUtc = DateTimeOffset.UtcNow, Version = Guid.NewGuid() },
            Relationship = "Mother",
            HasParentalResponsibility = true,
        });
        db.Children.Add(child);
        await db.SaveChangesAsync();
        db.Enrolments.Add(new Enrolment { ActivityId = activity.Id, ChildId = child.Id, EnrolledAtUtc = DateTimeOffset.UtcNow });
        await db.SaveChangesAsync();
        return (activity.Id, child.Id);
    }

    /// <summary>As a safeguarding lead (not the user under test): publishes the photos form and sends it to every enrolled child's family.</summary>
    private async Task SendPhotosFormAsync(int activityId)
    {
        var lead = await Portal.CreateUserAsync("sender.lead@example.org", "Sender Lead", PortalRoles.SafeguardingLead);
        await using var scope = await Portal.ScopeForAsync(lead);
        var templates = scope.ServiceProvider.GetRequiredService<ConsentTemplateService>();
        var photos = (await templates.ListAsync()).Single(t => t.Name == DefaultConsentTemplates.All[1].Name);
        var published = await templates.PublishAsync(photos.Id, (await templates.GetAsync(photos.Id))!.Draft.Version);
        await scope.ServiceProvider.GetRequiredService<ConsentRequestService>().SendAsync(new SendConsentRequestModel { ActivityId = activityId, TemplateVersionId = published.Id });
    }

    [Fact]
    public async Task The_templates_page_lists_the_four_default_forms_as_unpublished_drafts()
    {
        await UseAsync(PortalRoles.SafeguardingLead);

        var cut = Render<ConsentTemplatesPage>();

        cut.WaitForAssertion(() => Assert.Equal(4, cut.FindAll("[data-testid=templates] tbody tr").Count));
        var table = cut.Find("[data-testid=templates]").TextContent;
        Assert.All(DefaultConsentTemplates.All, d => Assert.Contains(d.Name, table, StringComparison.Ordinal));
        Assert.Equal(4, Regex.Count(table, "Draft changes not published"));
        Assert.Equal(4, Regex.Count(table, "Not published yet"));
        Assert.Contains("Parents, carers and children", table, StringComparison.Ordinal);
        Assert.Contains("Staff, volunteers and contract workers", table, StringComparison.Ordinal);
        Assert.NotEmpty(cut.FindAll("[data-testid=new-template]"));
    }

    [Fact]
    public async Task Publishing_from_the_editor_shows_version_1_with_the_SHA_256_of_its_wording()
    {
        await UseAsync(PortalRoles.SafeguardingLead);
        var templates = PortalServices.GetRequiredService<ConsentTemplateService>();
        var id = (await templates.ListAsync())[0].Id;
        var dialogs = Render<MudDialogProvider>();

        var cut = Render<ConsentTemplatePage>(p => p.Add(x => x.Id, id));
        cut.WaitForAssertion(() => Assert.Contains("Publish as version 1", cut.Find("[data-testid=publish]").TextContent, StringComparison.Ordinal));
        Assert.Empty(cut.FindAll("[data-testid=versions]"));
        cut.Find("[data-testid=publish]").Click();
        dialogs.WaitForAssertion(() => Assert.Contains("A published version never changes", dialogs.Markup, StringComparison.Ordinal));
        dialogs.FindAll("button").Single(b => b.TextContent.Contains("Publish version 1", StringComparison.Ordinal)).Click();

        cut.WaitForAssertion(() => Assert.Equal("1", cut.Find("[data-testid=version-number]").TextContent.Trim()));
        var shown = cut.Find("[data-testid=version-sha]").TextContent.Trim();
        Assert.Matches(Sha256Hex(), shown);
        var stored = (await templates.GetAsync(id))!.Versions.Single();
        Assert.Equal(stored.ContentSha256, shown);
        Assert.Contains("Published", cut.Find("[data-testid=template-heading]").ParentElement!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Draft changes not published", cut.Find("[data-testid=template-heading]").ParentElement!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_withdrawals_page_says_nothing_is_waiting_when_nothing_has_been_withdrawn()
    {
        await UseAsync(PortalRoles.SafeguardingLead);

        var cut = Render<WithdrawalsPage>();

        cut.WaitForAssertion(() => Assert.Contains("Nothing is waiting", cut.Find("[data-testid=withdrawals-empty]").TextContent, StringComparison.Ordinal));
        Assert.Empty(cut.FindAll("[data-testid=withdrawals] tbody tr td[data-label=Reference]"));
    }

    [Fact]
    public async Task Staff_leading_the_activity_see_its_consent_but_no_buttons_to_send_or_follow_up()
    {
        await UseAsync(PortalRoles.Staff);
        var (activityId, _) = await ActivityWithChildAsync(User.Id);
        await SendPhotosFormAsync(activityId);

        var cut = Render<ActivityConsentPanel>(p => p.Add(x => x.ActivityId, activityId));

        cut.WaitForAssertion(() => Assert.Contains("Ada Lovelace", cut.Find("[data-testid=consent-grid]").TextContent, StringComparison.Ordinal));
        Assert.Contains("Awaiting", cut.Find("[data-testid=consent-grid]").TextContent, StringComparison.Ordinal);
        // Staff who see the activity only because they lead it see the family without contact details.
        Assert.Contains("Anne", cut.Find("[data-testid=invitations]").TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("anne.lovelace@example.org", cut.Find("[data-testid=invitations]").TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid=ask-for-consent]"));
        Assert.DoesNotContain(cut.FindAll("button"), b => b.TextContent.Contains("Re-send", StringComparison.Ordinal) || b.TextContent.Contains("Withdraw invitation", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_safeguarding_lead_sees_the_same_panel_with_the_buttons_to_send_and_follow_up()
    {
        await UseAsync(PortalRoles.SafeguardingLead);
        var (activityId, _) = await ActivityWithChildAsync(leadUserId: null);
        await SendPhotosFormAsync(activityId);

        var cut = Render<ActivityConsentPanel>(p => p.Add(x => x.ActivityId, activityId));

        cut.WaitForAssertion(() => Assert.Contains("Awaiting", cut.Find("[data-testid=consent-grid]").TextContent, StringComparison.Ordinal));
        Assert.Single(cut.FindAll("[data-testid=ask-for-consent]"));

        // The response chart: a picture hidden from screen readers, and its numbers as a table (one awaiting today).
        var chart = cut.Find("[data-testid=consent-response-chart]");
        Assert.Equal("true", chart.QuerySelector("svg")!.Closest("[aria-hidden]")!.GetAttribute("aria-hidden"));
        Assert.Equal(["Day", "Consent given", "Refused or withdrawn", "Awaiting an answer"], chart.QuerySelectorAll("thead th").Select(h => h.TextContent.Trim()));
        Assert.Equal(["0", "0", "1"], chart.QuerySelectorAll("tbody tr")[^1].QuerySelectorAll("td").Select(c => c.TextContent.Trim()));
        Assert.Contains(cut.FindAll("button"), b => b.TextContent.Contains("Re-send", StringComparison.Ordinal));
        Assert.Contains(cut.FindAll("button"), b => b.TextContent.Contains("Withdraw invitation", StringComparison.Ordinal));
    }
    [Fact]
    public async Task Asking_for_consent_previews_who_is_reached_then_follows_the_e_mails_going_out()
    {
        await UseAsync(PortalRoles.SafeguardingLead);
        var (activityId, childId) = await ActivityWithChildAsync(leadUserId: null);
        var templates = PortalServices.GetRequiredService<ConsentTemplateService>();
        var photos = (await templates.ListAsync()).Single(t => t.Name == DefaultConsentTemplates.All[1].Name);
        await templates.PublishAsync(photos.Id, (await templates.GetAsync(photos.Id))!.Draft.Version);
        var popovers = Render<MudPopoverProvider>();
        var provider = Render<MudDialogProvider>();
        var children = new List<EnrolledChild> { new(childId, "Ada Lovelace", new DateOnly(2016, 1, 1), 10, []) };
        await provider.InvokeAsync(() => Services.GetRequiredService<IDialogService>().ShowAsync<SendConsentDialog>("Ask for consent", new DialogParameters<SendConsentDialog>
        {
            { d => d.ActivityId, activityId }, { d => d.EnrolledChildren, children },
        }));

        // The form list opens on mouse down, and its choices appear in the popover layer.
        provider.WaitForAssertion(() => provider.Find(".mud-input-control:has([data-testid=send-form])").MouseDown());
        popovers.WaitForAssertion(() => popovers.FindAll(".mud-list-item").Single(i => i.TextContent.Contains(photos.Name, StringComparison.Ordinal)).Click());

        provider.WaitForAssertion(() => Assert.Contains("1 invitation will be sent by e-mail", provider.Find("[data-testid=send-preview]").TextContent, StringComparison.Ordinal));
        provider.Find("[data-testid=send]").Click();
        provider.WaitForAssertion(() => Assert.Matches(@"Sent \d of 1\.", provider.Find("[data-testid=send-progress]").TextContent));
        await using var db = await CreateDbAsync();
        Assert.Equal("anne.lovelace@example.org", (await db.Set<ConsentInvitation>().SingleAsync()).RecipientEmail);
        provider.Find("[data-testid=close-send]").Click();
        provider.WaitForAssertion(() => Assert.Empty(provider.FindAll("[data-testid=send-progress]")));
    }
    [Fact]
    public async Task A_withdrawal_recorded_from_the_childs_history_is_listed_until_acknowledged()
    {
        await UseAsync(PortalRoles.SafeguardingLead);
        var (activityId, childId) = await ActivityWithChildAsync(leadUserId: null);
        var templates = PortalServices.GetRequiredService<ConsentTemplateService>();
        var photos = (await templates.ListAsync()).Single(t => t.Name == DefaultConsentTemplates.All[1].Name);
        var version = await templates.PublishAsync(photos.Id, (await templates.GetAsync(photos.Id))!.Draft.Version);
        var items = (await templates.GetVersionAsync(version.Id))!.Items;
        await using (var db = await CreateDbAsync())
        {
            var parentId = await db.Set<ChildGuardian>().Where(g => g.ChildId == childId).Select(g => g.ParentCarerId).SingleAsync();
            await PortalServices.GetRequiredService<ConsentRequestService>().RecordPaperConsentAsync(new PaperConsentModel
            {
                ActivityId = activityId,
                TemplateVersionId = version.Id,
                ChildId = childId,
                ParentCarerId = parentId,
                SignerName = "Anne Lovelace",
                Relationship = "Mother",
                SignedOn = DateTime.Today,
                Answers = items.ToDictionary(i => i.Id, _ => true),
                ScanContent = "%PDF-1.7 signed form"u8.ToArray(),
                ScanFileName = "form.pdf",
            });
        }

        var provider = Render<MudDialogProvider>();
        var history = Render<ChildConsentHistory>(p => p.Add(x => x.ChildId, childId));
        history.WaitForAssertion(() => Assert.Contains("Signed on paper", history.Find("[data-testid=consent-history]").TextContent, StringComparison.Ordinal));
        history.FindAll("button").Single(b => b.TextContent.Contains("Record withdrawal", StringComparison.Ordinal)).Click();
        provider.WaitForAssertion(() => provider.Find("[data-testid=withdrawn-by]").Change("Anne Lovelace"));
        provider.Find("[data-testid=confirm-withdrawal]").Click();

        history.WaitForAssertion(() => Assert.Contains("not yet acted on", history.Find("[data-testid=consent-history]").TextContent, StringComparison.Ordinal));
        var page = Render<WithdrawalsPage>();
        page.WaitForAssertion(() => Assert.Contains("Anne Lovelace, by phone", page.Find("[data-testid=withdrawals]").TextContent, StringComparison.Ordinal));
        Assert.Contains("Not yet acted on", page.Find("[data-testid=withdrawals]").TextContent, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("[data-testid=withdrawals-empty]"));
    }
}
