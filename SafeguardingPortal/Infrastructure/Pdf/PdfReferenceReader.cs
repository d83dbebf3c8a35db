using System.Text;
using System.Text.RegularExpressions;
using PdfSharp.Pdf.IO;

namespace SafeguardingPortal.Infrastructure.Pdf;

/// <summary>
/// Reads the portal's reference from a PDF's Info dictionary (<c>/PortalReference</c>). PDFsharp
/// reads the metadata when the file's structure is intact; when it is not (an altered file may be
/// damaged), a scan of the raw bytes for the key still finds it, since the portal writes it as a
/// plain literal string outside any compressed stream.
/// </summary>
public static partial class PdfReferenceReader
{
    private static readonly byte[] Key = Encoding.ASCII.GetBytes(PortalDocumentBuilder.ReferenceKey);

    public static string? TryRead(byte[] pdf)
    {
        ArgumentNullException.ThrowIfNull(pdf);
        try
        {
            using var document = PdfReader.Open(new MemoryStream(pdf, writable: false), PdfDocumentOpenMode.Import);
            var reference = document.Info.Elements.GetString(PortalDocumentBuilder.ReferenceKey);
            if (IsReference(reference))
            {
                return reference;
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A damaged or foreign file: fall back to the raw scan.
        }

        return ScanRaw(pdf);
    }

    private static string? ScanRaw(ReadOnlySpan<byte> pdf)
    {
        var at = pdf.LastIndexOf(Key);
        if (at < 0)
        {
            return null;
        }

        var rest = pdf[(at + Key.Length)..];
        var open = rest.IndexOf((byte)'(');
        if (open < 0 || open > 4 || rest[..open].Trim(" \r\n\t"u8).Length > 0)
        {
            return null;
        }

        var close = rest[(open + 1)..].IndexOf((byte)')');
        if (close is < 1 or > 40)
        {
            return null;
        }

        var reference = Encoding.ASCII.GetString(rest.Slice(open + 1, close));
        return IsReference(reference) ? reference : null;
    }

    private static bool IsReference(string? value) => value is not null && ReferencePattern().IsMatch(value);

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9-]{0,39}$")]
    private static partial Regex ReferencePattern();
}
