using System.Diagnostics;
using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using SafeguardingPortal.Infrastructure.Pdf;

namespace SafeguardingPortal.Tests.Infrastructure.Pdf;

/// <summary>Sealing with PDFsharp and checking the seal independently (and with poppler's pdfsig).</summary>
public sealed class SealTests
{
    private static RenderedDocument Render(DocumentSealer sealer, string reference = "S-TEST-0001") =>
        PortalDocumentRenderer.Render(
            new ComposedDocument(new PortalDocumentInfo(reference, "Seal test", "Hilltop Swimming Club", "Sealed", DateTimeOffset.UtcNow), "seal.pdf",
                b => b.Heading("Sealed", HeadingLevel.Title).Paragraph("Łukasz Żółć signed this.").SealStatement()),
            sealer,
            "https://portal.example.org/verify");

    [Fact]
    public void A_sealed_document_has_a_valid_seal_over_the_whole_file_by_the_configured_certificate()
    {
        using var certificate = PdfTestKit.Certificate("Hilltop seal");
        using var sealer = new DocumentSealer(certificate);
        var rendered = Render(sealer);

        Assert.True(rendered.Sealed);
        Assert.Equal(certificate.GetCertHashString(HashAlgorithmName.SHA256), rendered.SealThumbprint);
        var seal = PdfSealInspector.Inspect(rendered.Bytes);
        Assert.Equal(SealStatus.Valid, seal.Status);
        Assert.True(seal.CoversWholeFile);
        Assert.Equal(rendered.SealThumbprint, seal.SignerThumbprint);
        Assert.Equal("Hilltop seal", seal.SignerName);

        var text = PdfTestKit.AllText(rendered.Bytes);
        Assert.Contains("This document is digitally sealed by Hilltop Swimming Club", text, StringComparison.Ordinal);
        Assert.DoesNotContain("not digitally sealed", text, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(rendered.Bytes)), rendered.Sha256);
    }

    [Fact]
    public void Changing_one_signed_byte_breaks_the_seal()
    {
        using var certificate = PdfTestKit.Certificate();
        using var sealer = new DocumentSealer(certificate);
        var bytes = Render(sealer).Bytes;

        // A byte of the trailer: inside the signed ranges (the placeholder for the signature sits earlier).
        bytes[^100] ^= 0x01;
        Assert.Equal(SealStatus.Invalid, PdfSealInspector.Inspect(bytes).Status);
    }

    [Fact]
    public void Bytes_appended_after_the_seal_leave_it_valid_but_not_covering_the_file()
    {
        using var certificate = PdfTestKit.Certificate();
        using var sealer = new DocumentSealer(certificate);
        var bytes = Render(sealer).Bytes;

        var seal = PdfSealInspector.Inspect([.. bytes, .. "\n% appended\n"u8]);
        Assert.Equal(SealStatus.Valid, seal.Status);
        Assert.False(seal.CoversWholeFile);
    }

    [Fact]
    public void Documents_sealed_at_the_same_time_by_one_sealer_are_all_valid()
    {
        using var certificate = PdfTestKit.Certificate();
        using var sealer = new DocumentSealer(certificate);
        var rendered = new RenderedDocument[8];
        Parallel.For(0, rendered.Length, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i => rendered[i] = Render(sealer, $"S-PAR-{i:D4}"));

        Assert.All(rendered, (r, i) =>
        {
            Assert.Equal(SealStatus.Valid, PdfSealInspector.Inspect(r.Bytes).Status);
            Assert.Equal($"S-PAR-{i:D4}", PdfReferenceReader.TryRead(r.Bytes));
        });
    }

    [Fact]
    public async Task The_seal_signs_SHA_256_with_the_signing_time_and_carries_the_certificate_and_its_size_fits_every_signature()
    {
        using var certificate = PdfTestKit.Certificate("Hilltop seal");
        var signer = new SealSigner(certificate);
        var size = await signer.GetSignatureSizeAsync();
        var before = DateTime.UtcNow.AddSeconds(-1);

        foreach (var length in new[] { 1, 1000, 250_000 })
        {
            var content = RandomNumberGenerator.GetBytes(length);
            var signature = await signer.GetSignatureAsync(new MemoryStream(content));

            Assert.InRange(signature.Length, 1, size);
            var cms = new SignedCms(new ContentInfo(content), detached: true);
            cms.Decode(signature);
            cms.CheckSignature(verifySignatureOnly: true);
            var info = Assert.Single(cms.SignerInfos.Cast<SignerInfo>());
            Assert.Equal("2.16.840.1.101.3.4.2.1", info.DigestAlgorithm.Value);
            Assert.Equal(certificate.Thumbprint, info.Certificate?.Thumbprint);
            var signingTime = info.SignedAttributes.Cast<CryptographicAttributeObject>()
                .SelectMany(a => a.Values.Cast<AsnEncodedData>()).OfType<Pkcs9SigningTime>().Single().SigningTime;
            Assert.InRange(signingTime, before, DateTime.UtcNow.AddSeconds(1));
        }

        Assert.Equal("Hilltop seal", signer.CertificateName);
    }

    [Fact]
    public void An_unsealed_document_has_no_seal()
    {
        var rendered = Render(new DocumentSealer(null));
        Assert.False(rendered.Sealed);
        Assert.Null(rendered.SealThumbprint);
        Assert.Equal(SealStatus.None, PdfSealInspector.Inspect(rendered.Bytes).Status);
    }

    [Fact]
    public void A_certificate_without_its_private_key_is_refused_with_a_clear_message()
    {
        using var certificate = PdfTestKit.Certificate();
        using var publicOnly = System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadCertificate(certificate.RawData);
        var refused = Assert.Throws<SigningCertificateException>(() => new DocumentSealer(publicOnly));
        Assert.Contains("no private key", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Poppler_pdfsig_reports_the_seal_valid()
    {
        Assert.SkipWhen(!File.Exists("/usr/bin/pdfsig"), "poppler-utils is not installed (.ci/test installs it)");
        using var certificate = PdfTestKit.Certificate("Hilltop seal");
        using var sealer = new DocumentSealer(certificate);
        var file = Path.Combine(Path.GetTempPath(), $"sealed-{Guid.NewGuid():N}.pdf");
        File.WriteAllBytes(file, Render(sealer).Bytes);
        try
        {
            using var pdfsig = Process.Start(new ProcessStartInfo("/usr/bin/pdfsig", [file]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
            var output = pdfsig.StandardOutput.ReadToEnd();
            pdfsig.WaitForExit();
            Assert.Contains("Signature Validation: Signature is Valid.", output, StringComparison.Ordinal);
            Assert.Contains("Total document signed", output, StringComparison.Ordinal);
            Assert.Contains("adbe.pkcs7.detached", output, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
