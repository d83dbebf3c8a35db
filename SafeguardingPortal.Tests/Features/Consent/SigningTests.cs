using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SafeguardingPortal.Features.Consent;
using SafeguardingPortal.Features.Consent.Public;
using SafeguardingPortal.Infrastructure.Jobs;
using SafeguardingPortal.Tests.Infrastructure;
using SafeguardingPortal.Tests.Infrastructure.Audit;

namespace SafeguardingPortal.Tests.Features.Consent;

/// <summary>
/// The public side through the real HTTP pipeline: e-mailed links delivered to a loopback SMTP server,
/// opened, signed, reused, expired, replaced, revoked; two tabs; double and concurrent submits.
/// </summary>
public sealed partial class SigningTests(ConsentPortal portal) : IClassFixture<ConsentPortal>
{
    private HttpClient NewClient() => portal.Factory.CreateBrowserlessClient();

    private async Task<(string Link, string Email, int ChildId)> InviteAsync(string childName)
    {
        var (childId, _, email) = await portal.AddFamilyAsync(childName);
        await portal.SendAsync(childId);
        await portal.DeliverAsync();
        return (ConsentPortal.LinkIn(portal.LastMessageTo(email), "l"), email, childId);
    }

    /// <summary>Opens the link: checks the redirect and the scoped cookie, returns the signing page's path.</summary>
    private static async Task<string> OpenAsync(HttpClient client, string link)
    {
        var opened = await client.GetAsync(link);
        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        var target = opened.RedirectTarget()!;
        Assert.Matches("^/consent/sign/[0-9a-f]{32}$", target);
        var cookie = Assert.Single(opened.Headers.GetValues("Set-Cookie"), c => c.StartsWith(ConsentPublicEndpoints.SignCookie, StringComparison.Ordinal));
        Assert.Contains($"path={target}", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
        return target;
    }

    private static Dictionary<string, string> Answers(string page, string photos, string videos, string name = "Pat Parent") =>
        new()
        {
            [ItemName(page, 0)] = photos,
            [ItemName(page, 1)] = videos,
            ["SignerName"] = name,
            ["Relationship"] = "Mother",
            ["Declaration"] = "true",
        };

    /// <summary>The signing form's fields with the antiforgery token the page rendered.</summary>
    private static FormUrlEncodedContent FormFrom(string page, Dictionary<string, string> fields)
    {
        var body = new Dictionary<string, string>(fields)
        {
            ["_handler"] = "consent-sign",
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(Regex.Match(page, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value),
        };
        return new FormUrlEncodedContent(body);
    }

    private static string ItemName(string page, int index) => Regex.Matches(page, "name=\"(item-\\d+)\" value=\"give\"").Select(m => m.Groups[1].Value).Distinct().ElementAt(index);

    [Fact]
    public async Task Signing_through_the_emailed_link_records_one_signature_with_its_evidence()
    {
        var (link, email, childId) = await InviteAsync("Amara");
        var client = NewClient();
        client.DefaultRequestHeaders.UserAgent.ParseAdd("ConsentTests/1.0");
        var signPath = await OpenAsync(client, link);

        var page = await client.GetAsync(signPath);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("no-store", page.Headers.CacheControl?.ToString());
        Assert.Equal("no-referrer", page.Headers.GetValues("Referrer-Policy").Single());
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("Saturday coding club", html, StringComparison.Ordinal);
        Assert.Contains("Strangers could join", html, StringComparison.Ordinal);
        Assert.Contains("Amara", html, StringComparison.Ordinal);
        Assert.Contains("0808 800 5000", html, StringComparison.Ordinal);

        var response = await client.PostFormAsync(signPath, "consent-sign", Answers(html, "give", "refuse"));
        var confirmation = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("data-testid=\"signed-confirmation\"", confirmation, StringComparison.Ordinal);

        await using var db = await portal.CreateDbAsync();
        var signature = await db.Set<ConsentSignature>().Include(s => s.Answers).SingleAsync(s => s.ChildId == childId);
        Assert.Equal("Pat Parent", signature.SignerName);
        Assert.Equal("ConsentTests/1.0", signature.UserAgent);
        Assert.Equal([true, false], signature.Answers.OrderBy(a => a.TemplateItemId).Select(a => a.Given));
        Assert.Equal(ConsentPresentation.AnswersSha256(signature), signature.AnswersSha256);
        var invitation = await db.Set<ConsentInvitation>().Include(i => i.Request).ThenInclude(r => r!.TemplateVersion).ThenInclude(v => v!.Items).SingleAsync(i => i.Id == signature.InvitationId);
        Assert.Equal(ConsentPresentation.For(invitation.Request!, invitation.Request!.TemplateVersion!, invitation).ComputeSha256(), signature.PresentedSha256);
        Assert.Equal(invitation.PresentedSha256, signature.PresentedSha256);
        var events = await db.Set<ConsentInvitationEvent>().Where(e => e.InvitationId == invitation.Id).OrderBy(e => e.Id).Select(e => e.Kind).ToListAsync();
        Assert.Equal([InvitationEventKinds.Created, InvitationEventKinds.Sent, InvitationEventKinds.Opened, InvitationEventKinds.Answered], events);

        // The confirmation e-mail carries its own withdrawal link.
        await portal.DeliverAsync();
        var confirmationEmail = portal.LastMessageTo(email);
        Assert.Contains(signature.Reference, confirmationEmail.Subject, StringComparison.Ordinal);
        Assert.StartsWith("/consent/w/", ConsentPortal.LinkIn(confirmationEmail, "w"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submitting_twice_records_exactly_one_signature_and_the_link_is_then_spent()
    {
        var (link, _, childId) = await InviteAsync("Bilal");
        var client = NewClient();
        var signPath = await OpenAsync(client, link);
        var html = await (await client.GetAsync(signPath)).Content.ReadAsStringAsync();
        var first = await client.PostFormAsync(signPath, "consent-sign", Answers(html, "give", "give"));
        Assert.Contains("signed-confirmation", await first.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var again = await client.GetAsync(link);
        Assert.Equal("/consent/problem?state=used&ref=" + signPath[^32..], again.RedirectTarget());
        await using var db = await portal.CreateDbAsync();
        Assert.Equal(1, await db.Set<ConsentSignature>().CountAsync(s => s.ChildId == childId));
        Assert.Contains(await db.AuditEvents.Where(e => e.Action == ConsentSigningService.ConsentLinkRefused).Select(e => e.Summary).ToListAsync(),
            s => s.Contains("already signed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Concurrent_submits_from_two_tabs_record_one_signature()
    {
        var (link, _, childId) = await InviteAsync("Chen");
        var client = NewClient();
        var signPath = await OpenAsync(client, link);
        var page = await client.GetAsync(signPath);
        var html = await page.Content.ReadAsStringAsync();
        var body = Answers(html, "give", "refuse");

        var posts = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => client.PostAsync(signPath, FormFrom(html, body))));
        var pages = await Task.WhenAll(posts.Select(p => p.Content.ReadAsStringAsync()));
        Assert.All(posts.Zip(pages), p => Assert.True(p.First.StatusCode == HttpStatusCode.OK, $"{(int)p.First.StatusCode}: {p.Second}"));
        await using var db = await portal.CreateDbAsync();
        var reference = (await db.Set<ConsentSignature>().SingleAsync(s => s.ChildId == childId)).Reference;
        Assert.All(pages, p => Assert.True(p.Contains(reference, StringComparison.Ordinal), $"A page without the signature's reference {reference}: {MainText(p)}"));
    }

    /// <summary>What a page says, without its markup (for failure messages).</summary>
    private static string MainText(string page)
    {
        var main = Regex.Match(page, "<main[^>]*>(.*?)</main>", RegexOptions.Singleline);
        return Regex.Replace(main.Success ? main.Groups[1].Value : page, "<[^>]+>|\\s+", " ").Trim();
    }

    [Fact]
    public async Task Two_childrens_links_open_in_two_tabs_never_get_crossed()
    {
        var (firstLink, _, firstChild) = await InviteAsync("Dara");
        // Names long enough never to turn up by chance inside a page's random tokens ("Eli" once did).
        var (secondLink, _, secondChild) = await InviteAsync("Elowen");
        var browser = NewClient();
        var firstPath = await OpenAsync(browser, firstLink);
        var secondPath = await OpenAsync(browser, secondLink);

        var firstHtml = await (await browser.GetAsync(firstPath)).Content.ReadAsStringAsync();
        var secondHtml = await (await browser.GetAsync(secondPath)).Content.ReadAsStringAsync();
        Assert.Contains("Dara", firstHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("Elowen", firstHtml, StringComparison.Ordinal);
        Assert.Contains("Elowen", secondHtml, StringComparison.Ordinal);

        await browser.PostFormAsync(secondPath, "consent-sign", Answers(secondHtml, "refuse", "refuse", "Second Parent"));
        await browser.PostFormAsync(firstPath, "consent-sign", Answers(firstHtml, "give", "give", "First Parent"));
        await using var db = await portal.CreateDbAsync();
        Assert.Equal("First Parent", (await db.Set<ConsentSignature>().SingleAsync(s => s.ChildId == firstChild)).SignerName);
        Assert.Equal("Second Parent", (await db.Set<ConsentSignature>().SingleAsync(s => s.ChildId == secondChild)).SignerName);
    }

    [Fact]
    public async Task A_form_with_answers_missing_is_shown_again_with_errors_and_the_answers_kept()
    {
        var (link, _, childId) = await InviteAsync("Femi");
        var client = NewClient();
        var signPath = await OpenAsync(client, link);
        var html = await (await client.GetAsync(signPath)).Content.ReadAsStringAsync();
        var fields = Answers(html, "give", "give");
        fields.Remove(ItemName(html, 1));
        fields.Remove("Declaration");
        const string drawing = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";
        fields["SignatureDataUrl"] = drawing;

        var response = await client.PostFormAsync(signPath, "consent-sign", fields);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains($"name=\"SignatureDataUrl\" value=\"{drawing}\"", WebUtility.HtmlDecode(page), StringComparison.Ordinal);
        Assert.Contains("data-testid=\"error-summary\"", page, StringComparison.Ordinal);
        Assert.Contains("Tick the box to confirm the declaration.", page, StringComparison.Ordinal);
        Assert.Contains("value=\"Pat Parent\"", page, StringComparison.Ordinal);
        Assert.Matches($"name=\"{ItemName(html, 0)}\" value=\"give\" checked", page);
        await using var db = await portal.CreateDbAsync();
        Assert.False(await db.Set<ConsentSignature>().AnyAsync(s => s.ChildId == childId));
    }

    [Fact]
    public async Task The_signing_page_without_the_links_cookie_shows_no_form()
    {
        var (link, _, _) = await InviteAsync("Gus");
        var signPath = await OpenAsync(NewClient(), link);
        var html = await (await NewClient().GetAsync(signPath)).Content.ReadAsStringAsync();
        Assert.Contains("data-testid=\"link-problem\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Saturday coding club", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Gus", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/consent/l/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("/consent/l/not-a-token")]
    [InlineData("/consent/w/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public async Task Unknown_links_are_refused_and_audited(string link)
    {
        var before = (await portal.Factory.EventsAsync()).Count(e => e.Action == ConsentSigningService.ConsentLinkRefused);
        var response = await NewClient().GetAsync(link);
        Assert.Equal("/consent/problem?state=unknown", response.RedirectTarget());
        var problem = await (await NewClient().GetAsync("/consent/problem?state=unknown")).Content.ReadAsStringAsync();
        Assert.Contains("This link is not recognised", problem, StringComparison.Ordinal);
        Assert.Equal(before + 1, (await portal.Factory.EventsAsync()).Count(e => e.Action == ConsentSigningService.ConsentLinkRefused));
    }

    [Fact]
    public async Task Re_sending_stops_the_earlier_links_and_the_new_one_works()
    {
        var (oldLink, email, _) = await InviteAsync("Hana");
        var invitation = await portal.InvitationForAsync(email);
        await using (var scope = await portal.Factory.ScopeForAsync(portal.Lead))
        {
            await scope.ServiceProvider.GetRequiredService<ConsentRequestService>().ResendAsync(invitation.Id, invitation.Version);
        }

        await portal.DeliverAsync();
        var newLink = ConsentPortal.LinkIn(portal.LastMessageTo(email), "l");
        Assert.NotEqual(oldLink, newLink);
        Assert.StartsWith("/consent/problem?state=replaced", (await NewClient().GetAsync(oldLink)).RedirectTarget(), StringComparison.Ordinal);
        Assert.StartsWith("/consent/sign/", (await NewClient().GetAsync(newLink)).RedirectTarget(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_revoked_invitation_stops_its_links_and_the_open_form_cannot_be_submitted()
    {
        var (link, email, childId) = await InviteAsync("Ivo");
        var client = NewClient();
        var signPath = await OpenAsync(client, link);
        var html = await (await client.GetAsync(signPath)).Content.ReadAsStringAsync();
        var invitation = await portal.InvitationForAsync(email);
        await using (var scope = await portal.Factory.ScopeForAsync(portal.Lead))
        {
            await scope.ServiceProvider.GetRequiredService<ConsentRequestService>().RevokeAsync(invitation.Id, "Sent to the wrong family", invitation.Version);
        }

        var submitted = await client.PostAsync(signPath, FormFrom(html, Answers(html, "give", "give")));
        var answer = await submitted.Content.ReadAsStringAsync();
        Assert.DoesNotContain("signed-confirmation", answer, StringComparison.Ordinal);
        Assert.Contains("This request has been withdrawn", answer, StringComparison.Ordinal);
        Assert.StartsWith("/consent/problem?state=revoked", (await NewClient().GetAsync(link)).RedirectTarget(), StringComparison.Ordinal);
        await using var db = await portal.CreateDbAsync();
        Assert.False(await db.Set<ConsentSignature>().AnyAsync(s => s.ChildId == childId));
    }

    [Fact]
    public async Task The_signing_page_follows_its_invitation_at_once_though_the_form_it_shows_is_kept_in_memory()
    {
        var (link, email, _) = await InviteAsync("Wren");
        var client = NewClient();
        var signPath = await OpenAsync(client, link);
        for (var i = 0; i < 2; i++)
        {
            // Shown twice: the second time from the kept copy of the form.
            var shown = await (await client.GetAsync(signPath)).Content.ReadAsStringAsync();
            Assert.Contains("name=\"SignerName\"", shown, StringComparison.Ordinal);
            Assert.Contains("Wren", shown, StringComparison.Ordinal);
        }

        // Re-sent: the page opened with the earlier link's cookie stops showing the form.
        var invitation = await portal.InvitationForAsync(email);
        await using (var scope = await portal.Factory.ScopeForAsync(portal.Lead))
        {
            await scope.ServiceProvider.GetRequiredService<ConsentRequestService>().ResendAsync(invitation.Id, invitation.Version);
        }

        var replaced = await (await client.GetAsync(signPath)).Content.ReadAsStringAsync();
        Assert.DoesNotContain("name=\"SignerName\"", replaced, StringComparison.Ordinal);
        Assert.Contains("This link has been replaced", replaced, StringComparison.Ordinal);

        // The new link shows the form; once the invitation is withdrawn, the same page no longer does.
        await portal.DeliverAsync();
        var fresh = NewClient();
        Assert.Equal(signPath, await OpenAsync(fresh, ConsentPortal.LinkIn(portal.LastMessageTo(email), "l")));
        Assert.Contains("name=\"SignerName\"", await (await fresh.GetAsync(signPath)).Content.ReadAsStringAsync(), StringComparison.Ordinal);
        invitation = await portal.InvitationForAsync(email);
        await using (var scope = await portal.Factory.ScopeForAsync(portal.Lead))
        {
            await scope.ServiceProvider.GetRequiredService<ConsentRequestService>().RevokeAsync(invitation.Id, "Sent to the wrong family", invitation.Version);
        }

        var revoked = await (await fresh.GetAsync(signPath)).Content.ReadAsStringAsync();
        Assert.DoesNotContain("name=\"SignerName\"", revoked, StringComparison.Ordinal);
        Assert.Contains("This request has been withdrawn", revoked, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Taking_a_child_off_the_activity_stops_their_open_invitations()
    {
        var (link, email, childId) = await InviteAsync("Tess");
        await using (var scope = await portal.Factory.ScopeForAsync(portal.Lead))
        {
            await scope.ServiceProvider.GetRequiredService<SafeguardingPortal.Features.Activities.ActivityService>().UnenrolAsync(portal.ActivityId, childId);
        }

        Assert.Equal(InvitationStatus.Revoked, (await portal.InvitationForAsync(email)).Status);
        Assert.StartsWith("/consent/problem?state=revoked", (await NewClient().GetAsync(link)).RedirectTarget(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_raw_token_is_stored_in_the_database_or_shown_in_staff_lists_or_the_audit_trail()
    {
        var (link, _, _) = await InviteAsync("Jude");
        var raw = link[^43..];
        await using var db = await portal.CreateDbAsync();
        Assert.True(await db.Set<ConsentToken>().AnyAsync(t => t.Hash == ConsentTokens.Hash(raw)));
        if (TestDatabase.IsPostgres)
        {
            // Every row of every table, as PostgreSQL writes a row out as text.
            foreach (var table in db.Model.GetEntityTypes().Select(t => t.GetTableName()).OfType<string>().Distinct())
            {
                // The table names come from the model, not from input.
                var sql = "SELECT coalesce(string_agg(t::text, ' '), '') AS \"Value\" FROM \"" + table + "\" t";
                var text = await db.Database.SqlQueryRaw<string>(sql).SingleAsync();
                Assert.DoesNotContain(raw, text, StringComparison.Ordinal);
            }
        }
        else
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(FULL);");
            foreach (var file in Directory.GetFiles(portal.Factory.DataDirectory, "portal.db*"))
            {
                await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
                using var reader = new StreamReader(stream, Encoding.Latin1);
                Assert.DoesNotContain(raw, await reader.ReadToEndAsync(), StringComparison.Ordinal);
            }
        }

        Assert.DoesNotContain(await portal.Factory.EventsAsync(), e => e.Summary.Contains(raw, StringComparison.Ordinal) || e.Changes.Contains(raw, StringComparison.Ordinal));
        await using var scope = await portal.Factory.ScopeForAsync(portal.Lead);
        var rows = await scope.ServiceProvider.GetRequiredService<ConsentRequestService>().InvitationsAsync(portal.ActivityId);
        Assert.DoesNotContain(rows, r => r.ToString().Contains(raw, StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_unanswered_link_expires_after_the_configured_lifetime()
    {
        var (link, email, _) = await InviteAsync("Kofi");
        var invitation = await portal.InvitationForAsync(email);
        Assert.Equal(14, (invitation.ExpiresAtUtc - invitation.CreatedAtUtc).TotalDays, 3);
        portal.Factory.PortalTime.Advance(TimeSpan.FromDays(15));
        try
        {
            Assert.StartsWith("/consent/problem?state=expired", (await NewClient().GetAsync(link)).RedirectTarget(), StringComparison.Ordinal);
        }
        finally
        {
            // The clock is shared by the class's tests: later tests send afresh at the new time.
            await RunInvitationsJobAsync();
        }

        await using var db = await portal.CreateDbAsync();
        Assert.NotNull((await db.Set<ConsentInvitation>().SingleAsync(i => i.Id == invitation.Id)).ExpiredAtUtc);
    }

    private async Task<string> RunInvitationsJobAsync()
    {
        var job = portal.Factory.Services.GetServices<IPortalJob>().OfType<ConsentInvitationsJob>().Single();
        return (await portal.Factory.Services.GetRequiredService<PortalJobRunner>().RunAsync(job, "test")).Summary;
    }
}
