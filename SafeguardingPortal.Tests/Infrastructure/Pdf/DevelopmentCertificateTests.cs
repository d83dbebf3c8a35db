using System.Security.Cryptography.X509Certificates;
using SafeguardingPortal.Infrastructure.Pdf;

namespace SafeguardingPortal.Tests.Infrastructure.Pdf;

public sealed class DevelopmentCertificateTests
{
    [Fact]
    public void The_command_writes_a_usable_RSA_3072_certificate_and_prints_the_settings()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"devcert-{Guid.NewGuid():N}");
        var file = Path.Combine(folder, "seal.pfx");
        var output = new StringWriter();
        try
        {
            Assert.Equal(0, DevelopmentCertificateCommand.Run(["dev-certificate", file, "--password", "pass phrase"], output, new StringWriter()));

            var printed = output.ToString();
            Assert.Contains($"Documents__SigningCertificate__Path={file}", printed, StringComparison.Ordinal);
            Assert.Contains("Documents__SigningCertificate__Password=pass phrase", printed, StringComparison.Ordinal);
            using var certificate = DocumentSealer.LoadCertificate(new SigningCertificateOptions { Path = file, Password = "pass phrase" }, "/");
            Assert.True(certificate.HasPrivateKey);
            Assert.Equal(3072, certificate.GetRSAPublicKey()!.KeySize);
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
            }

            using var sealer = new DocumentSealer(X509CertificateLoader.LoadPkcs12FromFile(file, "pass phrase"));
            Assert.True(sealer.IsConfigured);

            // A second run never overwrites the first.
            Assert.Equal(1, DevelopmentCertificateCommand.Run(["dev-certificate", file], new StringWriter(), new StringWriter()));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void A_missing_file_or_a_wrong_password_is_explained()
    {
        var missing = Assert.Throws<SigningCertificateException>(() => DocumentSealer.LoadCertificate(new SigningCertificateOptions { Path = "nowhere/seal.pfx" }, "/srv/portal"));
        Assert.Contains("/srv/portal/nowhere/seal.pfx does not exist", missing.Message, StringComparison.Ordinal);

        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllBytes(file, DevelopmentCertificateCommand.Create("CN=x", "right", DateTimeOffset.UtcNow));
            var wrong = Assert.Throws<SigningCertificateException>(() => DocumentSealer.LoadCertificate(new SigningCertificateOptions { Path = file, Password = "wrong" }, "/"));
            Assert.Contains("could not be opened", wrong.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
