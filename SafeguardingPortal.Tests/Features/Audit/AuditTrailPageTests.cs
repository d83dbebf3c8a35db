using Bunit;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;
using SafeguardingPortal.Components.Shared;
using SafeguardingPortal.Features.Audit;
using SafeguardingPortal.Infrastructure.Audit;
using SafeguardingPortal.Infrastructure.Data;
using SafeguardingPortal.Infrastructure.Identity;
using SafeguardingPortal.Tests.Infrastructure;
using SafeguardingPortal.Tests.Infrastructure.Audit;

namespace SafeguardingPortal.Tests.Features.Audit;

/// <summary>The audit page and the view recorder, rendered by bUnit over the real services and a real SQLite file.</summary>
public sealed class AuditTrailPageTests : PortalBunitContext
{
    private Task UsePortalAsAsync(string role) => UsePortalAsAsync(role, typeof(AuditService));

    [Fact]
    public async Task An_auditor_sees_the_events_newest_first_and_can_verify_the_trail()
    {
        await UsePortalAsAsync(PortalRoles.Auditor);

        var cut = Render<AuditTrailPage>();
        cut.WaitForAssertion(() => Assert.Contains("Created the portal's roles (5 records)", cut.Markup, StringComparison.Ordinal));

        var firstRow = cut.FindAll("tbody tr.mud-table-row")[0];
        Assert.Contains("Created", firstRow.TextContent, StringComparison.Ordinal);
        cut.WaitForAssertion(() => Assert.Matches("^[0-9a-f]{64}$", cut.Find("[data-testid=latest-hash]").TextContent));

        cut.Find("[data-testid=verify-integrity]").Click();
        cut.WaitForAssertion(() => Assert.Matches(@"^Intact up to event \d+\.$", cut.Find("[data-testid=verify-result] .mud-alert-message").TextContent.Trim()));
        Assert.Contains(await Portal.EventsAsync(), e => e.Action == AuditActions.IntegrityChecked);
    }

    [Fact]
    public async Task Following_a_record_shows_its_whole_history_oldest_first()
    {
        await UsePortalAsAsync(PortalRoles.SafeguardingLead);
        var subject = await Portal.CreateUserAsync("subject@example.org", "Subject Person", PortalRoles.Staff);
        await PortalServices.GetRequiredService<AuditTrail>().RecordAsync(AuditActions.Viewed, "Looked at the subject", "PortalUser", subject.Id);

        var cut = Render<AuditTrailPage>();
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("a[aria-label^='Show the history of PortalUser " + subject.Id + "']")));
        // The grid and the latest checkpoint load separately; click once both have rendered (a later render replaces the link's handler).
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=latest-hash]")));
        cut.FindAll("a[aria-label^='Show the history of PortalUser " + subject.Id + "']")[0].Click();

        cut.WaitForAssertion(() => Assert.Contains($"Showing the full history of PortalUser {subject.Id}", cut.Find("[data-testid=history-heading]").TextContent, StringComparison.Ordinal));
        cut.WaitForAssertion(() =>
        {
            var rows = cut.FindAll("tbody tr.mud-table-row").Select(r => r.TextContent).ToList();
            Assert.True(rows.Count >= 2, string.Join(" | ", rows));
            Assert.Contains("Created", rows[0], StringComparison.Ordinal);
            Assert.Contains("Looked at the subject", rows[^1], StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task Someone_without_audit_access_gets_a_clear_message_and_no_events()
    {
        await UsePortalAsAsync(PortalRoles.Staff);

        var cut = Render<AuditTrailPage>();

        cut.WaitForAssertion(() => Assert.Contains("You do not have permission to view the audit trail.", cut.Markup, StringComparison.Ordinal));
        Assert.DoesNotContain("Created the portal's roles", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_view_is_recorded_once_when_interactive_and_not_while_prerendering()
    {
        await UsePortalAsAsync(PortalRoles.SafeguardingLead);

        SetRendererInfo(new RendererInfo("Static", isInteractive: false));
        Render<AuditedView>(p => p.Add(v => v.EntityType, "Child").Add(v => v.EntityKey, "42").Add(v => v.Description, "Viewed the record of a child"));
        Assert.DoesNotContain(await Portal.EventsAsync(), e => e.Action == AuditActions.Viewed);

        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        var view = Render<AuditedView>(p => p.Add(v => v.EntityType, "Child").Add(v => v.EntityKey, "42").Add(v => v.Description, "Viewed the record of a child"));
        view.Render();
        view.Render();

        // Recorded after rendering, asynchronously: wait for it, then check it is the only one.
        await EventuallyAsync(async () => (await Portal.EventsAsync()).Exists(e => e.Action == AuditActions.Viewed), "the interactive view is audited");
        var viewed = Assert.Single(await Portal.EventsAsync(), e => e.Action == AuditActions.Viewed);
        Assert.Equal("Child", viewed.EntityType);
        Assert.Equal("42", viewed.EntityKey);
    }
}
