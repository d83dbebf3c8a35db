using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SafeguardingPortal.Features.Consent;
using SafeguardingPortal.Features.Documents;
using SafeguardingPortal.Infrastructure.Data;
using SafeguardingPortal.Infrastructure.Identity;
using SafeguardingPortal.Infrastructure.Pdf;
using SafeguardingPortal.Tests.Infrastructure;

namespace SafeguardingPortal.Tests.Features.Documents;

/// <summary>A portal configured with a sealing certificate (a PFX made for the test run), set up and ready to issue.</summary>
public sealed partial class DocumentsPortal : IAsyncLifetime
{
    public const string CertificatePassword = "test seal password";

    private readonly string certificateFolder = Path.Combine(Path.GetTempPath(), $"portal-seal-{Guid.NewGuid():N}");

    public PortalAppFactory Factory { get; private set; } = default!;

    public string CertificatePath => Path.Combine(certificateFolder, "seal.pfx");

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(certificateFolder);
        await File.WriteAllBytesAsync(CertificatePath, DevelopmentCertificateCommand.Create("CN=Hilltop test seal", CertificatePassword, DateTimeOffset.UtcNow));
        Factory = new PortalAppFactory(new Dictionary<string, string?>
        {
            ["Documents:SigningCertificate:Path"] = CertificatePath,
            ["Documents:SigningCertificate:Password"] = CertificatePassword,
            ["Consent:PublicRequestsPerMinute"] = "100000",
        });
        await Factory.CreateUserAsync("admin.documents@example.org", "Ada Admin", PortalRoles.Administrator);
    }

    public async ValueTask DisposeAsync()
    {
        await Factory.DisposeAsync();
        Directory.Delete(certificateFolder, recursive: true);
    }

    public DocumentIssuer Issuer => Factory.Services.GetRequiredService<DocumentIssuer>();

    /// <summary>An issuer for the same portal without a certificate (documents issued before one was set up).</summary>
    public DocumentIssuer UnsealedIssuer => new(new DocumentSealer(null), Factory.Services.GetRequiredService<IOptions<PortalOptions>>());

    public async Task<PortalDbContext> CreateDbAsync() =>
        await Factory.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();

    /// <summary>Issues and saves a consent record under a new reference.</summary>
    public async Task<IssuedDocument> IssueConsentAsync(DocumentIssuer? issuer = null, string? reference = null)
    {
        await using var db = await CreateDbAsync();
        var issued = (issuer ?? Issuer).IssueConsentRecord(db, Random.Shared.Next(1, 1_000_000), SampleDocuments.Consent(reference ?? NewReference("C")), Factory.PortalTime.GetUtcNow());
        await db.SaveChangesAsync();
        return issued;
    }

    public static string NewReference(string prefix) => ConsentWithdrawals.NewReference(prefix);

    /// <summary>Uploads a file on /verify as a browser would (the page's antiforgery token, multipart form).</summary>
    public static async Task<HttpResponseMessage> UploadAsync(HttpClient client, byte[]? content, string fileName = "document.pdf")
    {
        var page = await client.GetAsync("/verify");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var token = AntiforgeryToken().Match(await page.Content.ReadAsStringAsync());
        Assert.True(token.Success, "The verify page has no antiforgery token.");

        using var form = new MultipartFormDataContent
        {
            { new StringContent("verify-document"), "_handler" },
            { new StringContent(WebUtility.HtmlDecode(token.Groups[1].Value)), "__RequestVerificationToken" },
        };
        if (content is not null)
        {
            var file = new ByteArrayContent(content);
            file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
            form.Add(file, "Document", fileName);
        }

        return await client.PostAsync("/verify", form);
    }

    /// <summary>The page's answer as text (tags removed, whitespace collapsed).</summary>
    public static async Task<string> TextOfAsync(HttpResponseMessage response)
    {
        var html = await response.Content.ReadAsStringAsync();
        return WebUtility.HtmlDecode(Whitespace().Replace(Tags().Replace(html, " "), " "));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tags();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
