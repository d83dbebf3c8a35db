using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
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
    private readonly SealSigner? signer;

    /// <param name="certificate">The sealing certificate with its private key, or null to issue unsealed documents.</param>
    public DocumentSealer(X509Certificate2? certificate)
    {
        if (certificate is not null && !certificate.HasPrivateKey)
        {
            throw new SigningCertificateException($"The sealing certificate \"{certificate.Subject}\" has no private key: export it as a PFX with its private key.");
        }

        this.certificate = certificate;
        signer = certificate is null ? null : new SealSigner(certificate);
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
        if (signer is null)
        {
            return;
        }

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

/// <summary>
/// Makes the seal's CMS signature (adbe.pkcs7.detached: SHA-256, signing time, the certificate and
/// the chain below its root). PDFsharp's own signer signs every document twice (once only to learn
/// the signature's size) and builds the certificate chain each time; this one works out the size
/// and the chain once per certificate and is shared by every document (docs/decisions/0009).
/// Thread-safe: nothing changes after construction.
/// </summary>
internal sealed class SealSigner : IDigitalSigner
{
    // Room for what can vary between signatures (DER integer lengths): the placeholder is padded.
    private const int SizeMargin = 64;

    private readonly X509Certificate2 certificate;
    private readonly X509Certificate2Collection chain;
    private readonly int size;

    public SealSigner(X509Certificate2 certificate)
    {
        this.certificate = certificate;
        CertificateName = certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false);
        chain = IssuingChain(certificate);
        size = Sign(new byte[32], DateTime.UtcNow).Length + SizeMargin;
    }

    public string CertificateName { get; }

    public Task<int> GetSignatureSizeAsync() => Task.FromResult(size);

    public async Task<byte[]> GetSignatureAsync(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        stream.Position = 0;
        var signed = new byte[stream.Length];
        await stream.ReadExactlyAsync(signed).ConfigureAwait(false);
        return Sign(signed, DateTime.UtcNow);
    }

    private byte[] Sign(byte[] content, DateTime signingTimeUtc)
    {
        var cms = new SignedCms(new ContentInfo(content), detached: true);
        var cmsSigner = new CmsSigner(SubjectIdentifierType.IssuerAndSerialNumber, certificate)
        {
            DigestAlgorithm = new Oid("2.16.840.1.101.3.4.2.1"), // SHA-256
            IncludeOption = X509IncludeOption.None,
        };
        cmsSigner.Certificates.Add(certificate);
        cmsSigner.Certificates.AddRange(chain);
        cmsSigner.SignedAttributes.Add(new Pkcs9SigningTime(signingTimeUtc));
        cms.ComputeSignature(cmsSigner, silent: true);
        return cms.Encode();
    }

    /// <summary>The certificates between this one and its root (the root itself is left out, as readers hold their own).</summary>
    private static X509Certificate2Collection IssuingChain(X509Certificate2 certificate)
    {
        var issuers = new X509Certificate2Collection();
        using var chain = new X509Chain();
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationFlags = X509VerificationFlags.AllFlags;
        chain.Build(certificate);
        foreach (var element in chain.ChainElements.Skip(1))
        {
            var isRoot = element.Certificate.SubjectName.RawData.AsSpan().SequenceEqual(element.Certificate.IssuerName.RawData);
            if (!isRoot)
            {
                issuers.Add(element.Certificate);
            }
        }

        return issuers;
    }
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
