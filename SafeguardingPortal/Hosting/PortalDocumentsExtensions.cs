using Microsoft.Extensions.Options;
using SafeguardingPortal.Features.Documents;
using SafeguardingPortal.Infrastructure.Pdf;

namespace SafeguardingPortal.Hosting;

public static class PortalDocumentsExtensions
{
    /// <summary>
    /// Issued documents: the fonts, the organisation's sealing certificate (<c>Documents:SigningCertificate</c>,
    /// checked at start-up), the issuer and the public verifier. The verify page's guards run in
    /// <see cref="PortalWebExtensions.UsePortal"/>, before its form is read.
    /// </summary>
    public static WebApplicationBuilder AddPortalDocuments(this WebApplicationBuilder builder)
    {
        PortalFonts.EnsureRegistered();
        var services = builder.Services;
        services.AddOptions<DocumentOptions>()
            .Bind(builder.Configuration.GetSection(DocumentOptions.Section))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<DocumentOptions>, SigningCertificateValidation>();
        services.AddSingleton(sp => DocumentSealer.FromOptions(
            sp.GetRequiredService<IOptions<DocumentOptions>>().Value.SigningCertificate,
            sp.GetRequiredService<IHostEnvironment>().ContentRootPath));
        services.AddSingleton<DocumentIssuer>();
        services.AddScoped<DocumentVerifier>();
        return builder;
    }
}
