using System.IO.Compression;
using System.Net;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using SafeguardingPortal.Features.Consent;
using SafeguardingPortal.Features.Documents;
using SafeguardingPortal.Infrastructure.Identity;
using SafeguardingPortal.Tests.Infrastructure;
using SafeguardingPortal.Tests.Infrastructure.Audit;
using UglyToad.PdfPig;

namespace SafeguardingPortal.Tests.Features.Consent;

/// <summary>
/// The PDFs consent issues, through the real pipeline: a record with each signature (online and on
/// paper) and a receipt with each withdrawal, issued once, attached to the signer's e-mail exactly as
/// stored, and downloaded by staff one at a time or as an activity's ZIP.
/// </summary>
public sealed class ConsentDocumentTests(ConsentPortal portal) : IClassFixture<ConsentPortal>
{
    private static string ItemName(string page, int index) => Regex.Matches(page, "name=\"(item-\\d+)\" value=\"give\"").Select(m => m.Groups[1].Value).Distinct().ElementAt(index);

    /// <summary>Sends, opens and signs (photos given, videos refused); returns the child, the parent's address and the signature.</summary>
    private async Task<(int ChildId, string Email, ConsentSignature Signature)> SignAsync(string childName)
    {
        var (childId, _, email) = await portal.AddFamilyAsync(childName);
        await portal.SendAsync(childId);
        await portal.DeliverAsync();
        var client = portal.Factory.CreateBrowserlessClient();
        client.DefaultRequestHeaders.UserAgent.ParseAdd("DocumentTests/1.0");
        var signPath = (await client.GetAsync(ConsentPortal.LinkIn(portal.LastMessageTo(email), "l"))).RedirectTarget()!;
        var html = await (await client.GetAsync(signPath)).Content.ReadAsStringAsync();
        var answered = await client.PostFormAsync(signPath, "consent-sign", new Dictionary<string, string>
        {
            [ItemName(html, 0)] = "give",
            [ItemName(html, 1)] = "refuse",
            ["SignerName"] = "Łucja Żółć",
            ["Relationship"] = "Mother",
            ["Declaration"] = "true",
        });
        Assert.Contains("signed-confirmation", await answered.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await using var db = await portal.CreateDbAsync();
        return (childId, email, await db.Set<ConsentSignature>().AsNoTracking().Include(s => s.Answers).SingleAsync(s => s.ChildId == childId));
    }

    private static string TextOf(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return string.Join("\n", document.GetPages().Select(p => string.Join(" ", p.GetWords().Select(w => w.Text))));
    }

    private static byte[] PdfAttachedTo(MimeMessage message)
    {
        var attachment = Assert.Single(message.Attachments.OfType<MimePart>(), a => a.ContentType.MimeType == "application/pdf");
        using var stream = new MemoryStream();
        attachment.Content!.DecodeTo(stream);
        return stream.ToArray();
    }

    [Fact]
    public async Task Signing_issues_one_record_with_the_answers_in_words_and_the_evidence_and_the_confirmation_attaches_it_as_issued()
    {
        var (_, email, signature) = await SignAsync("Aziz");

        await using var db = await portal.CreateDbAsync();
        var issued = Assert.Single(await db.IssuedDocuments.AsNoTracking().Where(d => d.Kind == DocumentKind.ConsentRecord && d.RelatedId == signature.Id).ToListAsync());
        Assert.Equal(signature.Reference, issued.Reference);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(issued.Bytes)), issued.Sha256);

        var text = TextOf(issued.Bytes);
        Assert.Contains(signature.Reference, text, StringComparison.Ordinal);
        Assert.Contains("Aziz", text, StringComparison.Ordinal);
        Assert.Contains("Saturday coding club", text, StringComparison.Ordinal);
        Assert.Contains("Łucja Żółć", text, StringComparison.Ordinal);
        Assert.Contains("Consent given", text, StringComparison.Ordinal);
        Assert.Contains("Consent refused", text, StringComparison.Ordinal);
        Assert.Contains("Link opened", text, StringComparison.Ordinal);

        // Long values (hashes, the user agent) wrap inside their table cells.
        var unwrapped = Regex.Replace(text, "\\s+", "");
        Assert.Contains(signature.AnswersSha256, unwrapped, StringComparison.Ordinal);
        Assert.Contains(signature.PresentedSha256, unwrapped, StringComparison.Ordinal);
        Assert.Contains("DocumentTests/1.0", unwrapped, StringComparison.Ordinal);
        Assert.Matches("Page 1 of [2-9]", text);

        await portal.DeliverAsync();
        var confirmation = portal.LastMessageTo(email);
        Assert.Contains(signature.Reference, confirmation.Subject, StringComparison.Ordinal);
        Assert.Equal(issued.Bytes, PdfAttachedTo(confirmation));
        Assert.Contains("/verify", confirmation.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_withdrawal_issues_its_receipt_which_the_withdrawal_confirmation_attaches_and_staff_download_beside_the_original()
    {
        var (childId, email, signature) = await SignAsync("Bea");
        await portal.DeliverAsync();
        var client = portal.Factory.CreateBrowserlessClient();
        var page = (await client.GetAsync(ConsentPortal.LinkIn(portal.LastMessageTo(email), "w"))).RedirectTarget()!;
        var html = await (await client.GetAsync(page)).Content.ReadAsStringAsync();
        var photos = Regex.Match(html, "name=\"Answer\" value=\"(\\d+)\"[^>]*data-testid=\"withdraw-PhotosShared\"").Groups[1].Value;
        await client.PostFormAsync(page, "consent-withdraw", new Dictionary<string, string> { ["Answer"] = photos, ["WithdrawnByName"] = "Łucja Żółć", ["Reason"] = "Moving away" });

        await using var db = await portal.CreateDbAsync();
        var withdrawal = await db.Set<ConsentWithdrawal>().AsNoTracking().SingleAsync(w => w.SignatureId == signature.Id);
        var receipt = await db.IssuedDocuments.AsNoTracking().SingleAsync(d => d.Kind == DocumentKind.WithdrawalReceipt && d.RelatedId == withdrawal.Id);
        Assert.Equal(withdrawal.Reference, receipt.Reference);
        var text = TextOf(receipt.Bytes);
        Assert.Contains(withdrawal.Reference, text, StringComparison.Ordinal);
        Assert.Contains(signature.Reference, text, StringComparison.Ordinal);
        Assert.Contains("Photos", text, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Moving away", text, StringComparison.Ordinal);

        await portal.DeliverAsync();
        var confirmation = portal.Smtp.Messages.Last(m => m.To.Mailboxes.Any(a => a.Address == email) && (m.Subject ?? "").Contains(withdrawal.Reference, StringComparison.Ordinal));
        Assert.Equal(receipt.Bytes, PdfAttachedTo(confirmation));

        var lead = portal.Factory.CreateBrowserlessClient();
        await lead.SignInAsync("lead.consent@example.org");
        var downloaded = await lead.GetAsync($"/consent/documents/withdrawals/{withdrawal.Id}");
        Assert.Equal(HttpStatusCode.OK, downloaded.StatusCode);
        Assert.Equal("application/pdf", downloaded.Content.Headers.ContentType?.MediaType);
        Assert.Equal(receipt.Bytes, await downloaded.Content.ReadAsByteArrayAsync());
        // A manager reads the registers and may have the signed record, but a receipt (with the reason given) is for those who handle withdrawals.
        var managerEmail = $"manager.{Guid.NewGuid():N}@example.org";
        await portal.Factory.CreateUserAsync(managerEmail, "Mo Manager", PortalRoles.Manager);
        var manager = portal.Factory.CreateBrowserlessClient();
        await manager.SignInAsync(managerEmail);
        Assert.Equal(HttpStatusCode.OK, (await manager.GetAsync($"/consent/documents/signatures/{signature.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await manager.GetAsync($"/consent/documents/withdrawals/{withdrawal.Id}")).StatusCode);
        using var managerZip = new ZipArchive(new MemoryStream(await manager.GetByteArrayAsync($"/activities/{portal.ActivityId}/consent/documents.zip")), ZipArchiveMode.Read);
        Assert.DoesNotContain(managerZip.Entries, e => e.FullName == receipt.FileName);
        Assert.Contains(managerZip.Entries, e => e.FullName == $"consent-{signature.Reference}.pdf");

        await using var scope = await portal.Factory.ScopeForAsync(portal.Lead);
        var row = Assert.Single(await scope.ServiceProvider.GetRequiredService<ConsentRequestService>().WithdrawalsAsync(openOnly: false), w => w.Id == withdrawal.Id);
        Assert.True(row.ReceiptIssued);
        Assert.True(row.RecordIssued);
        var history = await scope.ServiceProvider.GetRequiredService<ConsentRequestService>().ChildHistoryAsync(childId);
        Assert.Contains(history, e => e.WithdrawalId == withdrawal.Id && e.DocumentIssued);
        Assert.Contains(history, e => e.SignatureId == signature.Id && e.WithdrawalId is null && e.DocumentIssued);
    }

    [Fact]
    public async Task Staff_download_a_record_exactly_as_issued_only_for_activities_they_may_see_and_every_download_is_audited()
    {
        var (_, _, signature) = await SignAsync("Cato");
        await using var db = await portal.CreateDbAsync();
        var issued = await db.IssuedDocuments.AsNoTracking().SingleAsync(d => d.Kind == DocumentKind.ConsentRecord && d.RelatedId == signature.Id);

        var lead = portal.Factory.CreateBrowserlessClient();
        await lead.SignInAsync("lead.consent@example.org");
        var response = await lead.GetAsync($"/consent/documents/signatures/{signature.Id}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        Assert.Equal($"consent-{signature.Reference}.pdf", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        Assert.Equal(issued.Bytes, await response.Content.ReadAsByteArrayAsync());
        Assert.Contains(await portal.Factory.EventsAsync(), e => e.Action == "Exported" && e.Summary.Contains(issued.FileName, StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.NotFound, (await lead.GetAsync("/consent/documents/signatures/999999")).StatusCode);

        var staffEmail = $"staff.{Guid.NewGuid():N}@example.org";
        await portal.Factory.CreateUserAsync(staffEmail, "Stan Staff", PortalRoles.Staff);
        var staff = portal.Factory.CreateBrowserlessClient();
        await staff.SignInAsync(staffEmail);
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.GetAsync($"/consent/documents/signatures/{signature.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.GetAsync($"/activities/{portal.ActivityId}/consent/documents.zip")).StatusCode);

        var anonymous = await portal.Factory.CreateBrowserlessClient().GetAsync($"/consent/documents/signatures/{signature.Id}");
        Assert.NotEqual(HttpStatusCode.OK, anonymous.StatusCode);
        Assert.DoesNotContain("%PDF", await anonymous.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_activitys_documents_download_as_one_zip_holding_every_issued_file_unchanged()
    {
        await SignAsync("Dara");
        await SignAsync("Eli");
        await using var scope = await portal.Factory.ScopeForAsync(portal.Lead);
        var summary = await scope.ServiceProvider.GetRequiredService<ConsentRequestService>().ActivityDocumentsSummaryAsync(portal.ActivityId);
        Assert.True(summary.Count >= 2);

        var lead = portal.Factory.CreateBrowserlessClient();
        await lead.SignInAsync("lead.consent@example.org");
        var response = await lead.GetAsync($"/activities/{portal.ActivityId}/consent/documents.zip");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/zip", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsByteArrayAsync();
        // The exact size is announced before the first byte, so the browser can show the download's progress.
        Assert.Equal(body.Length, response.Content.Headers.ContentLength);
        using var zip = new ZipArchive(new MemoryStream(body), ZipArchiveMode.Read);
        await using var db = await portal.CreateDbAsync();
        var stored = await db.IssuedDocuments.AsNoTracking().ToDictionaryAsync(d => d.FileName);
        Assert.True(zip.Entries.Count >= summary.Count);
        Assert.Equal(zip.Entries.Count, zip.Entries.Select(e => e.FullName).Distinct().Count());
        foreach (var entry in zip.Entries)
        {
            await using var stream = await entry.OpenAsync(TestContext.Current.CancellationToken);
            using var bytes = new MemoryStream();
            await stream.CopyToAsync(bytes, TestContext.Current.CancellationToken);
            Assert.Equal(stored[entry.FullName].Bytes, bytes.ToArray());
        }
    }

    [Fact]
    public async Task A_paper_form_gets_its_record_too_saying_it_was_signed_on_paper_and_who_recorded_it()
    {
        var (childId, parentId, _) = await portal.AddFamilyAsync("Fern");
        await using var scope = await portal.Factory.ScopeForAsync(portal.Lead);
        var service = scope.ServiceProvider.GetRequiredService<ConsentRequestService>();
        await using var db = await portal.CreateDbAsync();
        var items = await db.Set<ConsentTemplateVersion>().AsNoTracking().Where(v => v.Id == portal.PhotosVersionId).SelectMany(v => v.Items).ToListAsync();
        var reference = await service.RecordPaperConsentAsync(new PaperConsentModel
        {
            ActivityId = portal.ActivityId,
            TemplateVersionId = portal.PhotosVersionId,
            ChildId = childId,
            ParentCarerId = parentId,
            SignerName = "Paper Parent",
            Relationship = "Father",
            SignedOn = DateTime.Today,
            Answers = items.ToDictionary(i => i.Id, _ => true),
            ScanContent = [0x25, 0x50, 0x44, 0x46, 0x2D, 0x31, 0x2E, 0x34, 0x0A, 0x25, 0x25, 0x45, 0x4F, 0x46],
        });

        var signature = await db.Set<ConsentSignature>().AsNoTracking().SingleAsync(s => s.Reference == reference);
        var issued = await db.IssuedDocuments.AsNoTracking().SingleAsync(d => d.Kind == DocumentKind.ConsentRecord && d.RelatedId == signature.Id);
        var text = TextOf(issued.Bytes);
        Assert.Contains("paper form", text, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Paper Parent", text, StringComparison.Ordinal);
        Assert.Contains("Lee Lead", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Consent refused", text, StringComparison.Ordinal);
    }
}
