using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SafeguardingPortal.Features.Consent;
using SafeguardingPortal.Infrastructure.Email.Queue;
using SafeguardingPortal.Infrastructure.Identity;
using SafeguardingPortal.Infrastructure.Jobs;
using SafeguardingPortal.Tests.Infrastructure;
using SafeguardingPortal.Tests.Infrastructure.Audit;

namespace SafeguardingPortal.Tests.Features.Consent;

/// <summary>Withdrawal through the confirmation e-mail and by staff; reminders on the portal's own clock.</summary>
public sealed class WithdrawalAndReminderTests(ConsentPortal portal) : IClassFixture<ConsentPortal>
{
    private static string ItemName(string page, int index) => Regex.Matches(page, "name=\"(item-\\d+)\" value=\"give\"").Select(m => m.Groups[1].Value).Distinct().ElementAt(index);

    /// <summary>Sends, opens and signs (photos and videos given) through the real pipeline; returns the confirmation's withdrawal link.</summary>
    private async Task<(int ChildId, string WithdrawLink)> SignedFamilyAsync(string name)
    {
        var (childId, _, email) = await portal.AddFamilyAsync(name);
        await portal.SendAsync(childId);
        await portal.DeliverAsync();
        var client = portal.Factory.CreateBrowserlessClient();
        var signPath = (await client.GetAsync(ConsentPortal.LinkIn(portal.LastMessageTo(email), "l"))).RedirectTarget()!;
        var html = await (await client.GetAsync(signPath)).Content.ReadAsStringAsync();
        await client.PostFormAsync(signPath, "consent-sign", new Dictionary<string, string>
        {
            [ItemName(html, 0)] = "give",
            [ItemName(html, 1)] = "give",
            ["SignerName"] = "Pat Parent",
            ["Relationship"] = "Mother",
            ["Declaration"] = "true",
        });
        await portal.DeliverAsync();
        return (childId, ConsentPortal.LinkIn(portal.LastMessageTo(email), "w"));
    }

    private async Task<ConsentGridRow> GridRowAsync(int childId)
    {
        await using var scope = await portal.Factory.ScopeForAsync(portal.Lead);
        var grid = await scope.ServiceProvider.GetRequiredService<ConsentRequestService>().GridAsync(portal.ActivityId, ConsentAudience.Children);
        return grid.Rows.Single(r => r.PersonId == childId);
    }

    private async Task<ConsentResponseTimeline> TimelineAsync()
    {
        await using var scope = await portal.Factory.ScopeForAsync(portal.Lead);
        return await scope.ServiceProvider.GetRequiredService<ConsentRequestService>().ResponseTimelineAsync(portal.ActivityId);
    }

    [Fact]
    public async Task The_response_chart_counts_an_answer_as_given_then_as_withdrawn_from_the_moment_it_is_withdrawn()
    {
        var before = await TimelineAsync();
        var (_, withdrawLink) = await SignedFamilyAsync("Tilly");
        var signed = await TimelineAsync();

        // Today's point agrees with the invitations list: every answered one is given or refused, the rest awaiting.
        await using (var scope = await portal.Factory.ScopeForAsync(portal.Lead))
        {
            var invitations = await scope.ServiceProvider.GetRequiredService<ConsentRequestService>().InvitationsAsync(portal.ActivityId);
            Assert.Equal(invitations.Count(i => i.Status == "Answered"), signed.Given[^1] + signed.Refused[^1]);
            Assert.Equal(invitations.Count(i => i.Status is "Awaiting" or "Opened"), signed.Awaiting[^1]);
        }

        Assert.Equal((before.IsEmpty ? 0 : before.Given[^1]) + 1, signed.Given[^1]);

        var client = portal.Factory.CreateBrowserlessClient();
        var page = (await client.GetAsync(withdrawLink)).RedirectTarget()!;
        var html = await (await client.GetAsync(page)).Content.ReadAsStringAsync();
        var answer = Regex.Match(html, "name=\"Answer\" value=\"(\\d+)\"[^>]*data-testid=\"withdraw-PhotosShared\"").Groups[1].Value;
        await client.PostFormAsync(page, "consent-withdraw", new Dictionary<string, string> { ["Answer"] = answer, ["WithdrawnByName"] = "Pat Parent", ["Reason"] = "Changed our minds" });
        var withdrawn = await TimelineAsync();

        Assert.Equal(signed.Given[^1] - 1, withdrawn.Given[^1]);
        Assert.Equal(signed.Refused[^1] + 1, withdrawn.Refused[^1]);
    }

    [Fact]
    public async Task Staff_who_do_not_lead_the_activity_cannot_see_its_response_chart()
    {
        var staffUser = await portal.Factory.CreateUserAsync($"staff.{Guid.NewGuid():N}@example.org", "Stan Staff", PortalRoles.Staff);
        await using var scope = await portal.Factory.ScopeForAsync(staffUser);

        await Assert.ThrowsAsync<PortalAccessDeniedException>(() => scope.ServiceProvider.GetRequiredService<ConsentRequestService>().ResponseTimelineAsync(portal.ActivityId));
    }

    [Fact]
    public async Task Withdrawing_photos_through_the_confirmation_email_takes_effect_at_once_and_asks_a_lead_to_act()
    {
        var (childId, withdrawLink) = await SignedFamilyAsync("Lola");
        Assert.True((await GridRowAsync(childId)).Cells[ConsentItemKind.PhotosShared].Effective);

        var client = portal.Factory.CreateBrowserlessClient();
        var opened = await client.GetAsync(withdrawLink);
        var page = opened.RedirectTarget()!;
        Assert.StartsWith("/consent/withdraw/", page, StringComparison.Ordinal);
        var html = await (await client.GetAsync(page)).Content.ReadAsStringAsync();
        var photosAnswer = Regex.Match(html, "name=\"Answer\" value=\"(\\d+)\"[^>]*data-testid=\"withdraw-PhotosShared\"").Groups[1].Value;
        Assert.NotEmpty(photosAnswer);

        var response = await client.PostFormAsync(page, "consent-withdraw", new Dictionary<string, string> { ["Answer"] = photosAnswer, ["WithdrawnByName"] = "Pat Parent", ["Reason"] = "Changed our minds" });
        Assert.Contains("data-testid=\"withdrawal-confirmation\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var row = await GridRowAsync(childId);
        Assert.Equal(new ConsentCell(ConsentCellStatus.Withdrawn, false), row.Cells[ConsentItemKind.PhotosShared]);
        Assert.True(row.Cells[ConsentItemKind.VideosShared].Effective);
        await using var scope = await portal.Factory.ScopeForAsync(portal.Lead);
        var service = scope.ServiceProvider.GetRequiredService<ConsentRequestService>();
        var open = Assert.Single(await service.WithdrawalsAsync(openOnly: true), w => w.ChildId == childId);
        Assert.Equal(WithdrawalMethod.Link, open.Method);

        await portal.DeliverAsync();
        Assert.Contains(portal.Smtp.Messages, m => m.To.Mailboxes.Any(x => x.Address == "lead.consent@example.org") && (m.Subject ?? "").Contains(open.Reference, StringComparison.Ordinal));

        await Assert.ThrowsAsync<SafeguardingPortal.Infrastructure.Validation.PortalValidationException>(() => service.AcknowledgeWithdrawalAsync(open.Id, " ", open.Version));
        await service.AcknowledgeWithdrawalAsync(open.Id, "Told the activity lead; no photos had been shared.", open.Version);
        Assert.DoesNotContain(await service.WithdrawalsAsync(openOnly: true), w => w.Id == open.Id);
        await Assert.ThrowsAsync<SafeguardingPortal.Infrastructure.Validation.PortalValidationException>(() => service.AcknowledgeWithdrawalAsync(open.Id, "again", open.Version));
    }

    [Fact]
    public async Task Sending_the_withdrawal_form_twice_reports_the_first_withdrawal_and_records_no_second()
    {
        var (childId, withdrawLink) = await SignedFamilyAsync("Rafe");
        var client = portal.Factory.CreateBrowserlessClient();
        var page = (await client.GetAsync(withdrawLink)).RedirectTarget()!;
        var html = await (await client.GetAsync(page)).Content.ReadAsStringAsync();
        var photosAnswer = Regex.Match(html, "name=\"Answer\" value=\"(\\d+)\"[^>]*data-testid=\"withdraw-PhotosShared\"").Groups[1].Value;
        var form = new Dictionary<string, string> { ["Answer"] = photosAnswer, ["WithdrawnByName"] = "Pat Parent", ["Reason"] = "" };

        var first = await (await client.PostFormAsync(page, "consent-withdraw", form)).Content.ReadAsStringAsync();
        var second = await (await client.PostFormAsync(page, "consent-withdraw", form)).Content.ReadAsStringAsync();

        var reference = Regex.Match(first, "data-testid=\"withdrawal-reference\">([^<]+)<").Groups[1].Value;
        Assert.NotEmpty(reference);
        Assert.Contains("data-testid=\"withdrawal-confirmation\"", second, StringComparison.Ordinal);
        Assert.Contains("This withdrawal was already recorded.", second, StringComparison.Ordinal);
        Assert.Contains($">{reference}<", second, StringComparison.Ordinal);
        await using var db = await portal.CreateDbAsync();
        Assert.Single(await db.Set<ConsentWithdrawal>().Where(w => w.Signature!.ChildId == childId).ToListAsync());

        // Withdrawing what is still given afterwards is a new withdrawal, not a repeat.
        var videosAnswer = Regex.Match(html, "name=\"Answer\" value=\"(\\d+)\"[^>]*data-testid=\"withdraw-VideosShared\"").Groups[1].Value;
        var third = await (await client.PostFormAsync(page, "consent-withdraw", new Dictionary<string, string> { ["Answer"] = videosAnswer, ["WithdrawnByName"] = "Pat Parent" })).Content.ReadAsStringAsync();
        Assert.DoesNotContain("already recorded", third, StringComparison.Ordinal);
        Assert.Equal(2, await db.Set<ConsentWithdrawal>().CountAsync(w => w.Signature!.ChildId == childId));
    }

    [Fact]
    public async Task A_withdrawal_recorded_by_staff_after_a_phone_call_withdraws_everything_given()
    {
        var (childId, _) = await SignedFamilyAsync("Milo");
        await using var scope = await portal.Factory.ScopeForAsync(portal.Lead);
        var service = scope.ServiceProvider.GetRequiredService<ConsentRequestService>();
        await using var db = await portal.CreateDbAsync();
        var signatureId = (await db.Set<ConsentSignature>().SingleAsync(s => s.ChildId == childId)).Id;

        var missing = await Assert.ThrowsAsync<SafeguardingPortal.Infrastructure.Validation.PortalValidationException>(() =>
            service.RecordWithdrawalAsync(new RecordWithdrawalModel { SignatureId = signatureId, Method = WithdrawalMethod.Phone }));
        Assert.Contains(nameof(RecordWithdrawalModel.WithdrawnByName), missing.Errors.Keys);

        await service.RecordWithdrawalAsync(new RecordWithdrawalModel { SignatureId = signatureId, Method = WithdrawalMethod.Phone, WithdrawnByName = "Pat Parent", ReceivedOn = DateTime.UtcNow.Date, Reason = "Phoned the office" });
        var row = await GridRowAsync(childId);
        Assert.All(row.Cells.Values, c => Assert.Equal(ConsentCellStatus.Withdrawn, c.Status));
        Assert.Contains(await service.ChildHistoryAsync(childId), e => e.What == "Withdrawn" && e.Who.Contains("by phone", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Reminders_go_once_after_three_and_seven_days_and_never_after_an_answer()
    {
        var (waitingChild, _, waitingEmail) = await portal.AddFamilyAsync("Nia");
        var (answeredChild, _) = await SignedFamilyAsync("Omar");
        await portal.SendAsync(waitingChild);
        await portal.DeliverAsync();
        var job = portal.Factory.Services.GetServices<IPortalJob>().OfType<ConsentInvitationsJob>().Single();
        var runner = portal.Factory.Services.GetRequiredService<PortalJobRunner>();

        async Task<int> RemindersToAsync(string kind, int childId)
        {
            await using var db = await portal.CreateDbAsync();
            var ids = db.Set<ConsentInvitation>().Where(i => i.ChildId == childId).Select(i => i.Id);
            return await db.Set<OutgoingEmail>().CountAsync(e => e.Kind == kind && ids.Contains(e.RelatedId));
        }

        portal.Factory.PortalTime.Advance(TimeSpan.FromDays(3));
        await runner.RunAsync(job, "test");
        await runner.RunAsync(job, "test");
        Assert.Equal(1, await RemindersToAsync(ConsentEmailKinds.Reminder, waitingChild));
        portal.Factory.PortalTime.Advance(TimeSpan.FromDays(4));
        await runner.RunAsync(job, "test");
        await runner.RunAsync(job, "test");
        Assert.Equal(2, await RemindersToAsync(ConsentEmailKinds.Reminder, waitingChild));
        Assert.Equal(0, await RemindersToAsync(ConsentEmailKinds.Reminder, answeredChild));

        // The reminder carries a new link; the first e-mail's link still works too.
        var firstLink = ConsentPortal.LinkIn(portal.Smtp.Messages.First(m => m.To.Mailboxes.Any(x => x.Address == waitingEmail)), "l");
        await portal.DeliverAsync();
        var reminder = portal.LastMessageTo(waitingEmail);
        Assert.StartsWith("Reminder:", reminder.Subject, StringComparison.Ordinal);
        Assert.NotEqual(firstLink, ConsentPortal.LinkIn(reminder, "l"));
        Assert.Equal(HttpStatusCode.Redirect, (await portal.Factory.CreateBrowserlessClient().GetAsync(firstLink)).StatusCode);
        Assert.StartsWith("/consent/sign/", (await portal.Factory.CreateBrowserlessClient().GetAsync(firstLink)).RedirectTarget(), StringComparison.Ordinal);

        portal.Factory.PortalTime.Advance(TimeSpan.FromDays(30));
        await runner.RunAsync(job, "test");
        Assert.Equal(2, await RemindersToAsync(ConsentEmailKinds.Reminder, waitingChild));
    }
}

/// <summary>The public pages' own rate limit, with a portal configured to a small one.</summary>
public sealed class PublicRateLimitTests
{
    [Fact]
    public async Task Public_consent_pages_answer_429_with_Retry_After_once_the_limit_is_reached()
    {
        await using var factory = new PortalAppFactory(new Dictionary<string, string?> { ["Consent:PublicRequestsPerMinute"] = "3" });
        var client = factory.CreateBrowserlessClient();
        for (var i = 0; i < 3; i++)
        {
            Assert.NotEqual(HttpStatusCode.TooManyRequests, (await client.GetAsync("/consent/l/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")).StatusCode);
        }

        var refused = await client.GetAsync("/consent/l/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(60), refused.Headers.RetryAfter?.Delta);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
    }
}

/// <summary>Paper forms recorded by staff: checked like online ones, with the scan's type read from its content.</summary>
public sealed class PaperConsentTests(ConsentPortal portal) : IClassFixture<ConsentPortal>
{
    private static readonly byte[] Pdf = [.. "%PDF-1.7\n%fake but well-formed enough for the type check\n"u8];

    [Fact]
    public async Task A_paper_form_with_its_scan_counts_like_an_online_signature()
    {
        var (childId, parentId, parentEmail) = await portal.AddFamilyAsync("Pia");
        await portal.SendAsync(childId);
        await using var scope = await portal.Factory.ScopeForAsync(portal.Lead);
        var service = scope.ServiceProvider.GetRequiredService<ConsentRequestService>();
        var version = await scope.ServiceProvider.GetRequiredService<ConsentTemplateService>().GetVersionAsync(portal.PhotosVersionId);
        var signer = Assert.Single(await service.PaperSignersAsync(childId));
        Assert.Equal(parentId, signer.Id);

        var model = new PaperConsentModel
        {
            ActivityId = portal.ActivityId,
            TemplateVersionId = portal.PhotosVersionId,
            ChildId = childId,
            ParentCarerId = parentId,
            SignerName = "Pat Piason",
            Relationship = "Mother",
            SignedOn = DateTime.UtcNow.Date,
            Answers = version!.Items.ToDictionary(i => i.Id, i => i.Kind == ConsentItemKind.PhotosShared),
            ScanContent = Pdf,
            ScanFileName = "../../etc/form.pdf",
        };
        var reference = await service.RecordPaperConsentAsync(model);

        var grid = await service.GridAsync(portal.ActivityId, ConsentAudience.Children);
        var row = grid.Rows.Single(r => r.PersonId == childId);
        Assert.True(row.Cells[ConsentItemKind.PhotosShared].Effective);
        Assert.Equal(ConsentCellStatus.Refused, row.Cells[ConsentItemKind.VideosShared].Status);
        await using var db = await portal.CreateDbAsync();
        var signature = await db.Set<ConsentSignature>().SingleAsync(s => s.Reference == reference);
        Assert.Equal(SignatureSource.Paper, signature.Source);
        var scan = await service.ScanAsync(signature.Id);
        Assert.Equal("application/pdf", scan!.Value.ContentType);
        Assert.Matches("^[0-9a-f]{32}\\.pdf$", scan.Value.FileName);
        Assert.Equal(Pdf, scan.Value.Content);

        // The e-mailed invitation the parent answered on paper is closed: no reminders, no second answer online.
        var invitation = await portal.InvitationForAsync(parentEmail);
        Assert.Equal(InvitationStatus.Revoked, invitation.Status);
        Assert.Contains(reference, invitation.RevokedReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_paper_form_with_a_disguised_file_or_missing_answers_is_refused_and_nothing_is_stored()
    {
        var (childId, parentId, _) = await portal.AddFamilyAsync("Quin");
        await using var scope = await portal.Factory.ScopeForAsync(portal.Lead);
        var service = scope.ServiceProvider.GetRequiredService<ConsentRequestService>();
        var model = new PaperConsentModel
        {
            ActivityId = portal.ActivityId,
            TemplateVersionId = portal.PhotosVersionId,
            ChildId = childId,
            ParentCarerId = parentId,
            SignerName = "Pat Quinson",
            SignedOn = DateTime.UtcNow.Date.AddDays(2),
            ScanContent = [.. "<html><script>alert(1)</script>"u8],
            ScanFileName = "form.pdf",
        };
        var refused = await Assert.ThrowsAsync<SafeguardingPortal.Infrastructure.Validation.PortalValidationException>(() => service.RecordPaperConsentAsync(model));
        Assert.Contains(nameof(PaperConsentModel.ScanContent), refused.Errors.Keys);
        Assert.Contains(nameof(PaperConsentModel.Answers), refused.Errors.Keys);
        Assert.Contains(nameof(PaperConsentModel.SignedOn), refused.Errors.Keys);
        await using var db = await portal.CreateDbAsync();
        Assert.False(await db.Set<ConsentSignature>().AnyAsync(s => s.ChildId == childId));
    }

    [Fact]
    public async Task Staff_without_the_consent_role_cannot_record_paper_forms_or_open_scans()
    {
        var staffUser = await portal.Factory.CreateUserAsync($"staff.{Guid.NewGuid():N}@example.org", "Stan Staff", PortalRoles.Staff);
        await using var scope = await portal.Factory.ScopeForAsync(staffUser);
        var service = scope.ServiceProvider.GetRequiredService<ConsentRequestService>();
        await Assert.ThrowsAsync<PortalAccessDeniedException>(() => service.RecordPaperConsentAsync(new PaperConsentModel { ActivityId = portal.ActivityId }));
        await Assert.ThrowsAsync<PortalAccessDeniedException>(() => service.ScanAsync(1));
    }
}

/// <summary>The grid's CSV export over HTTP: for those who may see the activity, audited.</summary>
public sealed class ConsentExportTests(ConsentPortal portal) : IClassFixture<ConsentPortal>
{
    [Fact]
    public async Task The_consent_grid_exports_as_csv_for_leads_and_is_refused_to_staff_who_do_not_lead_the_activity()
    {
        var (childId, _, _) = await portal.AddFamilyAsync("Rosa");
        await portal.SendAsync(childId);
        var lead = portal.Factory.CreateBrowserlessClient();
        await lead.SignInAsync("lead.consent@example.org");
        var response = await lead.GetAsync($"/activities/{portal.ActivityId}/consent/export.csv?audience=Children");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var csv = await response.Content.ReadAsStringAsync();
        Assert.Contains("Photos shared", csv, StringComparison.Ordinal);
        Assert.Contains("Rosa Rosason", csv, StringComparison.Ordinal);
        Assert.Contains((await portal.Factory.EventsAsync()).Select(e => e.Summary), s => s.StartsWith("Exported the consent grid", StringComparison.Ordinal));

        var email = $"staff.{Guid.NewGuid():N}@example.org";
        await portal.Factory.CreateUserAsync(email, "Stan Staff", PortalRoles.Staff);
        var staff = portal.Factory.CreateBrowserlessClient();
        await staff.SignInAsync(email);
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.GetAsync($"/activities/{portal.ActivityId}/consent/export.csv")).StatusCode);
    }
}
