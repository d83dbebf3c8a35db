using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace SafeguardingPortal.Infrastructure.Pdf;

public enum SealStatus
{
    /// <summary>The file has no digital signature.</summary>
    None,

    /// <summary>The signature matches the bytes it covers.</summary>
    Valid,

    /// <summary>There is a signature, but the bytes it covers have changed (or it was never valid).</summary>
    Invalid,

    /// <summary>Something that looks like a signature could not be read.</summary>
    Unreadable,
}

/// <param name="Status">What the last signature in the file says about the bytes it covers.</param>
/// <param name="CoversWholeFile">Whether that signature covers the whole file (nothing was appended after it).</param>
/// <param name="SignerThumbprint">The signing certificate's SHA-256 fingerprint (hex), when readable.</param>
/// <param name="SignerName">The signing certificate's name, when readable.</param>
public sealed record SealInspection(SealStatus Status, bool CoversWholeFile, string? SignerThumbprint, string? SignerName)
{
    public static SealInspection NoSeal { get; } = new(SealStatus.None, false, null, null);
}

/// <summary>
/// Checks the digital seal of a PDF independently of PDFsharp (which can sign but not verify):
/// finds the last signature dictionary's <c>/ByteRange</c>, takes the <c>/Contents</c> it leaves out,
/// and verifies that CMS signature (adbe.pkcs7.detached) over exactly the covered bytes. It says
/// whether the mathematics holds and who signed; whether that signer is the organisation is the
/// caller's question (compare the fingerprint with the one stored at issue).
/// </summary>
public static class PdfSealInspector
{
    private static readonly byte[] ByteRangeKey = Encoding.ASCII.GetBytes("/ByteRange");

    public static SealInspection Inspect(ReadOnlySpan<byte> pdf)
    {
        var at = pdf.LastIndexOf(ByteRangeKey);
        if (at < 0)
        {
            return SealInspection.NoSeal;
        }

        if (!TryReadByteRange(pdf[(at + ByteRangeKey.Length)..], out var range)
            || range[0] < 0 || range[1] <= 0 || range[0] + range[1] > range[2] || range[3] < 0 || range[2] + range[3] > pdf.Length)
        {
            return new SealInspection(SealStatus.Unreadable, false, null, null);
        }

        var coversWholeFile = range[0] == 0 && range[2] + range[3] == pdf.Length;
        var gap = pdf[(int)(range[0] + range[1])..(int)range[2]].Trim(" \r\n\t"u8);
        if (gap.Length < 2 || gap[0] != (byte)'<' || gap[^1] != (byte)'>' || !TryDecodeHex(gap[1..^1], out var contents) || !TryTrimDer(contents, out var der))
        {
            return new SealInspection(SealStatus.Unreadable, coversWholeFile, null, null);
        }

        var signed = new byte[range[1] + range[3]];
        pdf.Slice((int)range[0], (int)range[1]).CopyTo(signed);
        pdf.Slice((int)range[2], (int)range[3]).CopyTo(signed.AsSpan((int)range[1]));

        var cms = new SignedCms(new ContentInfo(signed), detached: true);
        try
        {
            cms.Decode(der);
        }
        catch (CryptographicException)
        {
            return new SealInspection(SealStatus.Unreadable, coversWholeFile, null, null);
        }

        var signer = cms.SignerInfos.Count > 0 ? cms.SignerInfos[0].Certificate : null;
        var thumbprint = signer?.GetCertHashString(HashAlgorithmName.SHA256);
        var name = signer?.GetNameInfo(X509NameType.SimpleName, forIssuer: false);
        try
        {
            cms.CheckSignature(verifySignatureOnly: true);
            return new SealInspection(SealStatus.Valid, coversWholeFile, thumbprint, name);
        }
        catch (CryptographicException)
        {
            return new SealInspection(SealStatus.Invalid, coversWholeFile, thumbprint, name);
        }
    }

    private static bool TryReadByteRange(ReadOnlySpan<byte> text, out long[] range)
    {
        range = new long[4];
        var i = 0;
        SkipWhitespace(text, ref i);
        if (i >= text.Length || text[i] != (byte)'[')
        {
            return false;
        }

        i++;
        for (var n = 0; n < 4; n++)
        {
            SkipWhitespace(text, ref i);
            var start = i;
            long value = 0;
            while (i < text.Length && text[i] is >= (byte)'0' and <= (byte)'9' && i - start < 12)
            {
                value = (value * 10) + (text[i] - '0');
                i++;
            }

            if (i == start)
            {
                return false;
            }

            range[n] = value;
        }

        SkipWhitespace(text, ref i);
        return i < text.Length && text[i] == (byte)']';
    }

    private static void SkipWhitespace(ReadOnlySpan<byte> text, ref int i)
    {
        while (i < text.Length && text[i] is (byte)' ' or (byte)'\r' or (byte)'\n' or (byte)'\t' or 0 or 12)
        {
            i++;
        }
    }

    private static bool TryDecodeHex(ReadOnlySpan<byte> hex, out byte[] bytes)
    {
        var digits = new List<byte>(hex.Length);
        foreach (var b in hex)
        {
            if (b is (byte)' ' or (byte)'\r' or (byte)'\n' or (byte)'\t')
            {
                continue;
            }

            if (!char.IsAsciiHexDigit((char)b))
            {
                bytes = [];
                return false;
            }

            digits.Add(b);
        }

        if (digits.Count % 2 == 1)
        {
            digits.Add((byte)'0');
        }

        bytes = Convert.FromHexString(Encoding.ASCII.GetString([.. digits]));
        return bytes.Length > 0;
    }

    /// <summary>The signature is zero-padded to its placeholder's size: keep only the DER value itself.</summary>
    private static bool TryTrimDer(byte[] contents, out byte[] der)
    {
        der = contents;
        if (contents.Length < 2 || contents[0] != 0x30)
        {
            return false;
        }

        long length;
        int header;
        if (contents[1] < 0x80)
        {
            length = contents[1];
            header = 2;
        }
        else
        {
            var count = contents[1] & 0x7F;
            if (count is 0 or > 4 || contents.Length < 2 + count)
            {
                return false;
            }

            length = 0;
            for (var i = 0; i < count; i++)
            {
                length = (length << 8) | contents[2 + i];
            }

            header = 2 + count;
        }

        if (header + length > contents.Length)
        {
            return false;
        }

        der = contents[..(int)(header + length)];
        return true;
    }
}
