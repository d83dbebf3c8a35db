using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace SafeguardingPortal.Infrastructure.Pdf;

/// <summary>
/// <c>dotnet run --project SafeguardingPortal -- dev-certificate &lt;file.pfx&gt; [--password P]</c>:
/// writes a self-signed RSA 3072 sealing certificate for development and prints the settings that
/// use it. A self-signed seal proves a file is unchanged since this portal sealed it, nothing more;
/// real use needs a certificate people can trust (docs/decisions/0009).
/// </summary>
public static class DevelopmentCertificateCommand
{
    public const string Name = "dev-certificate";

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var rest = args.SkipWhile(a => a != Name).Skip(1).ToList();
        string? file = null;
        string? password = null;
        for (var i = 0; i < rest.Count; i++)
        {
            if (rest[i] == "--password" && i + 1 < rest.Count)
            {
                password = rest[++i];
            }
            else if (!rest[i].StartsWith("--", StringComparison.Ordinal) && file is null)
            {
                file = rest[i];
            }
            else
            {
                error.WriteLine($"Unknown argument: {rest[i]}");
                return 2;
            }
        }

        if (file is null)
        {
            error.WriteLine($"Usage: dotnet run --project SafeguardingPortal -- {Name} <file.pfx> [--password P]");
            return 2;
        }

        var path = Path.GetFullPath(file);
        if (File.Exists(path))
        {
            error.WriteLine($"{path} already exists; choose another name or delete it first.");
            return 1;
        }

        password ??= Convert.ToBase64String(RandomNumberGenerator.GetBytes(18));
        var pfx = Create("CN=Safeguarding portal development seal, O=Development only", password, DateTimeOffset.UtcNow);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, pfx);
        if (!OperatingSystem.IsWindows())
        {
            // It holds a private key: readable by its owner only.
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        output.WriteLine($"Wrote a self-signed development sealing certificate to {path}");
        output.WriteLine("Issued documents are sealed with it once the portal is started with:");
        output.WriteLine($"  Documents__SigningCertificate__Path={path}");
        output.WriteLine($"  Documents__SigningCertificate__Password={password}");
        output.WriteLine("(environment variables; or set Documents:SigningCertificate:Path in appsettings.json and keep the password out of the file).");
        output.WriteLine("For development only: PDF readers will say the signer is not trusted.");
        return 0;
    }

    /// <summary>A self-signed RSA 3072 / SHA-256 certificate for document signing, valid two years, as a PFX.</summary>
    public static byte[] Create(string subject, string password, DateTimeOffset now)
    {
        using var rsa = RSA.Create(3072);
        var request = new CertificateRequest(subject, rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        using var certificate = request.CreateSelfSigned(now.AddMinutes(-5), now.AddYears(2));
        return certificate.Export(X509ContentType.Pfx, password);
    }
}
