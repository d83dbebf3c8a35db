using System.Security.Cryptography;

namespace SafeguardingPortal.Infrastructure.Pdf;

/// <summary>A document ready to render: its metadata, the file name it is offered under, and how to lay it out.</summary>
public sealed record ComposedDocument(PortalDocumentInfo Info, string FileName, Action<PortalDocumentBuilder> Compose);

/// <summary>The bytes of a rendered PDF with their SHA-256 (lower-case hex) and how it was sealed.</summary>
public sealed record RenderedDocument(byte[] Bytes, string Sha256, bool Sealed, string? SealThumbprint);

public static class PortalDocumentRenderer
{
    /// <summary>Lays the document out, seals it when the sealer has a certificate, and returns the bytes.</summary>
    public static RenderedDocument Render(ComposedDocument document, DocumentSealer sealer, string verifyAddress)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(sealer);
        using var builder = new PortalDocumentBuilder(document.Info, sealer.IsConfigured, verifyAddress);
        document.Compose(builder);
        var pdf = builder.Finish();
        sealer.Apply(pdf, document.Info.Author);
        using var output = new PooledBufferStream();
        pdf.Save(output, closeStream: false);
        var bytes = output.ToArray();
        return new RenderedDocument(bytes, Convert.ToHexStringLower(SHA256.HashData(bytes)), sealer.IsConfigured, sealer.Thumbprint);
    }
}
