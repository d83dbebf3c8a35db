using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SafeguardingPortal.Features.Documents;
using SafeguardingPortal.Infrastructure.Data;
using SafeguardingPortal.Infrastructure.Identity;
using SafeguardingPortal.Infrastructure.Pdf;
using SafeguardingPortal.Tests.Features.Documents;
using SafeguardingPortal.Tests.Infrastructure;

namespace SafeguardingPortal.Tests.EndToEnd;

/// <summary>
/// Checking documents in a real browser: someone uploads the sealed PDF they were sent and is told
/// it is genuine; then a file that is not a PDF, and is told so next to the field. Both states pass
/// axe's WCAG 2.2 AA rules.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class VerifyJourneyTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_visitor_checks_a_sealed_document_and_then_a_file_that_is_not_a_pdf()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"verify-journey-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        var certificate = Path.Combine(folder, "seal.pfx");
        await File.WriteAllBytesAsync(certificate, DevelopmentCertificateCommand.Create("CN=Journey seal", "journey", DateTimeOffset.UtcNow));
        await using var portal = new PortalAppFactory(
            new Dictionary<string, string?> { ["Documents:SigningCertificate:Path"] = certificate, ["Documents:SigningCertificate:Password"] = "journey" },
            realServer: true);
        try
        {
            await portal.CreateUserAsync("admin.journey@example.org", "Ada Admin", PortalRoles.Administrator);
            var baseUrl = portal.ServerAddress.ToString().TrimEnd('/');
            IssuedDocument issued;
            await using (var db = await portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync())
            {
                issued = portal.Services.GetRequiredService<DocumentIssuer>().IssueConsentRecord(db, 1, SampleDocuments.Consent("C-JRNY-0001"), DateTimeOffset.UtcNow);
                await db.SaveChangesAsync();
            }

            var pdf = Path.Combine(folder, issued.FileName);
            await File.WriteAllBytesAsync(pdf, issued.Bytes);
            var notPdf = Path.Combine(folder, "holiday.pdf");
            await File.WriteAllTextAsync(notPdf, "just some text");

            await browser.RunJourneyAsync(nameof(VerifyJourneyTests), async page =>
            {
                await page.GotoAsync($"{baseUrl}/verify");
                await AssertAccessibleAsync(page, "the empty verify page");

                await page.GetByLabel("PDF file to check").SetInputFilesAsync(pdf);
                await page.GetByRole(AriaRole.Button, new() { Name = "Check the file" }).ClickAsync();
                var headline = page.GetByTestId("verification-headline");
                await Assertions.Expect(headline).ToContainTextAsync("unaltered since, seal valid.");
                await Assertions.Expect(page.GetByTestId("verification-result")).ToContainTextAsync("C-JRNY-0001");
                await AssertAccessibleAsync(page, "a genuine result");

                await page.GetByLabel("PDF file to check").SetInputFilesAsync(notPdf);
                await page.GetByRole(AriaRole.Button, new() { Name = "Check the file" }).ClickAsync();
                await Assertions.Expect(page.GetByTestId("document-error")).ToContainTextAsync("This file is not a PDF.");
                await Assertions.Expect(page).ToHaveTitleAsync("Error: Check a document");
                await AssertAccessibleAsync(page, "the not-a-PDF error");
            });
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static Task AssertAccessibleAsync(IPage page, string what) => Accessibility.AssertWcagAsync(page, what);
}
