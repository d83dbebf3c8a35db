using System.Net;
using Microsoft.EntityFrameworkCore;
using SafeguardingPortal.Features.Documents;
using SafeguardingPortal.Infrastructure.Audit;
using SafeguardingPortal.Infrastructure.Pdf;
using SafeguardingPortal.Tests.Infrastructure;
using SafeguardingPortal.Tests.Infrastructure.Pdf;

namespace SafeguardingPortal.Tests.Features.Documents;

/// <summary>The public /verify page through the real pipeline, on a portal that seals its documents.</summary>
public sealed class VerifyPageTests(DocumentsPortal portal) : IClassFixture<DocumentsPortal>
{
    [Fact]
    public async Task An_issued_sealed_document_is_genuine_unaltered_and_its_seal_valid()
    {
        var issued = await portal.IssueConsentAsync();
        Assert.True(issued.Sealed);

        var response = await DocumentsPortal.UploadAsync(portal.Factory.CreateBrowserlessClient(), issued.Bytes);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await DocumentsPortal.TextOfAsync(response);
        Assert.Contains("Genuine.", text, StringComparison.Ordinal);
        Assert.Contains("through this portal on", text, StringComparison.Ordinal);
        Assert.Contains("unaltered since, seal valid.", text, StringComparison.Ordinal);
        Assert.Contains(issued.Reference, text, StringComparison.Ordinal);
        Assert.Contains("Hilltop test seal", text, StringComparison.Ordinal);
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString() ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_document_issued_before_a_certificate_was_set_up_is_genuine_and_issued_unsealed()
    {
        var issued = await portal.IssueConsentAsync(portal.UnsealedIssuer);
        Assert.False(issued.Sealed);

        var text = await DocumentsPortal.TextOfAsync(await DocumentsPortal.UploadAsync(portal.Factory.CreateBrowserlessClient(), issued.Bytes));
        Assert.Contains("unaltered since. It was issued unsealed.", text, StringComparison.Ordinal);
        Assert.DoesNotContain("seal valid", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task One_flipped_byte_makes_it_altered_after_issue()
    {
        var issued = await portal.IssueConsentAsync();
        var altered = issued.Bytes.ToArray();
        altered[^100] ^= 0x01;

        var text = await DocumentsPortal.TextOfAsync(await DocumentsPortal.UploadAsync(portal.Factory.CreateBrowserlessClient(), altered));
        Assert.Contains("Warning. This file has been altered after it was issued.", text, StringComparison.Ordinal);
        Assert.Contains(issued.Reference, text, StringComparison.Ordinal);
        Assert.Contains("Its digital seal no longer matches its contents.", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_same_document_sealed_by_another_certificate_is_altered_not_genuine()
    {
        var issued = await portal.IssueConsentAsync();
        using var other = PdfTestKit.Certificate("Somebody else");
        using var otherSealer = new DocumentSealer(other);
        var forged = PortalDocumentRenderer.Render(ConsentRecordDocument.Compose(SampleDocuments.Consent(issued.Reference)), otherSealer, "x").Bytes;

        var text = await DocumentsPortal.TextOfAsync(await DocumentsPortal.UploadAsync(portal.Factory.CreateBrowserlessClient(), forged));
        Assert.Contains("This file has been altered after it was issued.", text, StringComparison.Ordinal);
        Assert.Contains("It carries a valid digital seal, but not the one this portal's copy has.", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_pdf_made_elsewhere_was_not_issued_by_this_portal()
    {
        using var builder = new UglyToad.PdfPig.Writer.PdfDocumentBuilder();
        var page = builder.AddPage(UglyToad.PdfPig.Content.PageSize.A4);
        page.AddText("A letter from somewhere else", 12, new UglyToad.PdfPig.Core.PdfPoint(50, 700), builder.AddStandard14Font(UglyToad.PdfPig.Fonts.Standard14Fonts.Standard14Font.Helvetica));
        var foreign = builder.Build();

        var text = await DocumentsPortal.TextOfAsync(await DocumentsPortal.UploadAsync(portal.Factory.CreateBrowserlessClient(), foreign));
        Assert.Contains("Warning. This file was not issued by this portal.", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_that_is_not_a_pdf_is_refused_with_a_linked_error()
    {
        var response = await DocumentsPortal.UploadAsync(portal.Factory.CreateBrowserlessClient(), "GIF89a not a pdf at all"u8.ToArray(), "picture.pdf");
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("This file is not a PDF.", html, StringComparison.Ordinal);
        Assert.Contains("href=\"verify#document\"", html, StringComparison.Ordinal);
        Assert.Contains("aria-invalid=\"true\"", html, StringComparison.Ordinal);
        Assert.Contains("aria-describedby=\"document-hint document-error\"", html, StringComparison.Ordinal);
        Assert.StartsWith("Error:", Title(html), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sending_no_file_asks_for_one()
    {
        var text = await DocumentsPortal.TextOfAsync(await DocumentsPortal.UploadAsync(portal.Factory.CreateBrowserlessClient(), null));
        Assert.Contains("Choose a PDF file to check.", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_over_10_MB_is_answered_too_large_without_being_checked()
    {
        var client = portal.Factory.CreateBrowserlessClient();
        var large = new byte[(10 * 1024 * 1024) + (100 * 1024)];
        "%PDF-1.7\n"u8.CopyTo(large);

        var response = await DocumentsPortal.UploadAsync(client, large);
        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal("/verify?problem=too-large", response.RedirectTarget());
        var text = await DocumentsPortal.TextOfAsync(await client.GetAsync(response.RedirectTarget()));
        Assert.Contains("This file is too large to check: the limit is 10 MB.", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_just_over_10_MB_inside_a_small_form_is_refused_too()
    {
        var large = new byte[(10 * 1024 * 1024) + 10];
        "%PDF-1.7\n"u8.CopyTo(large);

        var text = await DocumentsPortal.TextOfAsync(await DocumentsPortal.UploadAsync(portal.Factory.CreateBrowserlessClient(), large));
        Assert.Contains("This file is too large to check: the limit is 10 MB.", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_check_is_audited_as_a_security_event_without_the_file()
    {
        var issued = await portal.IssueConsentAsync();
        await DocumentsPortal.UploadAsync(portal.Factory.CreateBrowserlessClient(), issued.Bytes);

        await using var db = await portal.CreateDbAsync();
        var events = await db.AuditEvents.AsNoTracking().Where(e => e.Action == AuditActions.DocumentVerified && e.EntityKey == issued.Reference).ToListAsync();
        var check = Assert.Single(events);
        Assert.Contains("genuine, seal valid", check.Summary, StringComparison.Ordinal);
        Assert.Contains(issued.Sha256, check.Summary, StringComparison.Ordinal);
        Assert.True(check.Summary.Length < 400);
    }

    [Fact]
    public async Task The_page_is_public_static_and_labelled()
    {
        var response = await portal.Factory.CreateBrowserlessClient().GetAsync("/verify");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<label for=\"document\">", html, StringComparison.Ordinal);
        Assert.Contains("accept=\".pdf,application/pdf\"", html, StringComparison.Ordinal);
        Assert.Contains("enctype=\"multipart/form-data\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("_framework/blazor.server", html, StringComparison.Ordinal);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
    }

    private static string Title(string html)
    {
        var start = html.IndexOf("<title>", StringComparison.Ordinal) + "<title>".Length;
        return html[start..html.IndexOf("</title>", start, StringComparison.Ordinal)];
    }
}

/// <summary>The verify page's own rate limit, on a portal configured to a small one.</summary>
public sealed class VerifyRateLimitTests
{
    [Fact]
    public async Task The_verify_page_answers_429_once_the_per_address_limit_is_reached()
    {
        await using var factory = new PortalAppFactory(new Dictionary<string, string?> { ["Consent:PublicRequestsPerMinute"] = "3" });
        await factory.CreateUserAsync("admin.limit@example.org", "Ada Admin", SafeguardingPortal.Infrastructure.Identity.PortalRoles.Administrator);
        var client = factory.CreateBrowserlessClient();
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/verify")).StatusCode);
        }

        var refused = await client.GetAsync("/verify");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(60), refused.Headers.RetryAfter?.Delta);

        // Counted apart from the consent pages' limit.
        Assert.NotEqual(HttpStatusCode.TooManyRequests, (await client.GetAsync("/consent/problem")).StatusCode);
    }
}

/// <summary>A configured certificate that cannot be used stops the portal at start-up, saying why.</summary>
public sealed class SigningCertificateStartupTests
{
    [Fact]
    public void A_missing_certificate_file_stops_start_up_with_a_clear_message()
    {
        using var factory = new PortalAppFactory(new Dictionary<string, string?> { ["Documents:SigningCertificate:Path"] = "/nowhere/seal.pfx" });
        var failure = Assert.ThrowsAny<Exception>(() => factory.CreateClient());
        var messages = string.Join(" | ", Chain(failure).Select(e => e.Message));
        Assert.Contains("Documents:SigningCertificate:Path: the certificate file /nowhere/seal.pfx does not exist.", messages, StringComparison.Ordinal);
    }

    private static IEnumerable<Exception> Chain(Exception e)
    {
        for (var current = e; current is not null; current = current.InnerException)
        {
            yield return current;
            if (current is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions.SelectMany(Chain))
                {
                    yield return inner;
                }
            }
        }
    }
}
