using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Options;
using PdfSharp.Pdf;
using PdfSharp.Pdf.Signatures;

namespace SafeguardingPortal.Infrastructure.Pdf;

/// <summary>The "Documents" section.</summary>
public sealed class DocumentOptions
{
    public const string Section = "Documents";

    public SigningCertificateOptions SigningCertificate { get; set; } = new();
}

/// <summary>
/// The organisation's certificate that seals issued documents (<c>Documents:SigningCertificate</c>):
/// a PFX file with its private key. Without a path, documents are issued unsealed and say so.
/// </summary>
public sealed class SigningCertificateOptions
{
    /// <summary>The PFX file; a relative path is taken from the content root.</summary>
    public string Path { get; set; } = "";

    /// <summary>The PFX password; put it in an environment variable (<c>Documents__SigningCertificate__Password</c>), not in the file.</summary>
    public string Password { get; set; } = "";

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Path);
}

/// <summary>A configured certificate that cannot be used; the message says what to fix.</summary>
public sealed class SigningCertificateException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Seals documents with the organisation's certificate through PDFsharp's digital signatures
/// (adbe.pkcs7.detached, SHA-256, an invisible signature), or leaves them unsealed when none is
/// configured. One per process; the certificate is loaded once and shared by every document.
/// </summary>
public sealed class DocumentSealer : IDisposable
{
    private readonly X509Certificate2? certificate;

    /// <param name="certificate">The sealing certificate with its private key, or null to issue unsealed documents.</param>
    public DocumentSealer(X509Certificate2? certificate)
    {
        if (certificate is not null && !certificate.HasPrivateKey)
        {
            throw new SigningCertificateException($"The sealing certificate \"{certificate.Subject}\" has no private key: export it as a PFX with its private key.");
        }

        this.certificate = certificate;
        Thumbprint = certificate?.GetCertHashString(HashAlgorithmName.SHA256);
        SignerName = certificate?.GetNameInfo(X509NameType.SimpleName, forIssuer: false);
    }

    public bool IsConfigured => certificate is not null;

    /// <summary>The certificate's SHA-256 fingerprint (hex), stored with every sealed document.</summary>
    public string? Thumbprint { get; }

    public string? SignerName { get; }

    /// <summary>From configuration: the certificate at <c>Documents:SigningCertificate:Path</c>, or none.</summary>
    public static DocumentSealer FromOptions(SigningCertificateOptions options, string contentRoot)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.IsConfigured ? new DocumentSealer(LoadCertificate(options, contentRoot)) : new DocumentSealer(null);
    }

    /// <summary>Loads the configured PFX, or explains exactly why it cannot be used.</summary>
    public static X509Certificate2 LoadCertificate(SigningCertificateOptions options, string contentRoot)
    {
        ArgumentNullException.ThrowIfNull(options);
        var path = System.IO.Path.GetFullPath(System.IO.Path.IsPathRooted(options.Path) ? options.Path : System.IO.Path.Combine(contentRoot, options.Path));
        if (!File.Exists(path))
        {
            throw new SigningCertificateException($"Documents:SigningCertificate:Path: the certificate file {path} does not exist.");
        }

        X509Certificate2 loaded;
        try
        {
            loaded = X509CertificateLoader.LoadPkcs12FromFile(path, options.Password, X509KeyStorageFlags.EphemeralKeySet);
        }
        catch (CryptographicException e)
        {
            throw new SigningCertificateException(
                $"Documents:SigningCertificate: the certificate file {path} could not be opened (is Documents:SigningCertificate:Password right, and is it a PFX file?): {e.Message}", e);
        }

        if (!loaded.HasPrivateKey)
        {
            loaded.Dispose();
            throw new SigningCertificateException($"Documents:SigningCertificate: the certificate in {path} has no private key; export it as a PFX together with its private key.");
        }

        return loaded;
    }

    /// <summary>Arranges for the document to be sealed when it is saved (nothing happens without a certificate).</summary>
    internal void Apply(PdfDocument document, string organisationName)
    {
        if (certificate is null)
        {
            return;
        }

        var signer = new PdfSharpDefaultSigner(certificate, PdfMessageDigestType.SHA256);
        DigitalSignatureHandler.ForDocument(document, signer, new DigitalSignatureOptions
        {
            Reason = "Issued by the safeguarding portal",
            Location = organisationName,
            ContactInfo = organisationName,
            AppName = "SafeguardingPortal",
        });
    }

    public void Dispose() => certificate?.Dispose();
}

/// <summary>Checks a configured certificate at start-up, so a wrong path or password stops the portal with a clear message.</summary>
internal sealed class SigningCertificateValidation(IHostEnvironment environment) : IValidateOptions<DocumentOptions>
{
    public ValidateOptionsResult Validate(string? name, DocumentOptions options)
    {
        if (!options.SigningCertificate.IsConfigured)
        {
            return ValidateOptionsResult.Success;
        }

        try
        {
            using var certificate = DocumentSealer.LoadCertificate(options.SigningCertificate, environment.ContentRootPath);
            return ValidateOptionsResult.Success;
        }
        catch (SigningCertificateException e)
        {
            return ValidateOptionsResult.Fail(e.Message);
        }
    }
}
