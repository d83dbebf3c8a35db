using System.IO.Compression;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Tokens;

namespace SafeguardingPortal.Tests.Infrastructure.Pdf;

/// <summary>Reads generated PDFs back with PdfPig (an independent reader), and makes test images and certificates.</summary>
public static class PdfTestKit
{
    /// <summary>The words of each page, in reading order, as PdfPig extracts them.</summary>
    public static IReadOnlyList<IReadOnlyList<string>> Words(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return [.. document.GetPages().Select(p => (IReadOnlyList<string>)[.. p.GetWords().Select(w => w.Text)])];
    }

    /// <summary>Each page's words joined by single spaces, for phrase checks.</summary>
    public static IReadOnlyList<string> PageTexts(byte[] pdf) => [.. Words(pdf).Select(w => string.Join(' ', w))];

    public static string AllText(byte[] pdf) => string.Join('\n', PageTexts(pdf));

    /// <summary>A custom entry of the Info dictionary (without its slash), e.g. "PortalReference".</summary>
    public static string? InfoEntry(byte[] pdf, string key)
    {
        using var document = PdfDocument.Open(pdf);
        return document.Information.DocumentInformationDictionary?.Data.TryGetValue(key, out var token) == true && token is StringToken s ? s.Data : null;
    }

    /// <summary>A self-signed RSA certificate with its private key, made for one test.</summary>
    public static X509Certificate2 Certificate(string name = "Test seal")
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest($"CN={name}", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(30));

        // Round-trip through PFX so the key is usable the way a configured certificate's is.
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pfx, "test"), "test", X509KeyStorageFlags.EphemeralKeySet);
    }

    /// <summary>A small RGB PNG (a dark diagonal stroke on white), encoded here so tests need no imaging library.</summary>
    public static byte[] SignaturePng(int width = 300, int height = 90)
    {
        var raw = new byte[height * ((width * 3) + 1)];
        for (var y = 0; y < height; y++)
        {
            var row = y * ((width * 3) + 1);
            raw[row] = 0;
            for (var x = 0; x < width; x++)
            {
                var ink = Math.Abs((x * height / width) - y) < 3;
                raw[row + 1 + (x * 3)] = raw[row + 2 + (x * 3)] = raw[row + 3 + (x * 3)] = ink ? (byte)20 : (byte)255;
            }
        }

        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            zlib.Write(raw);
        }

        using var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(header, width);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8; // bit depth
        header[9] = 2; // RGB
        Chunk(png, "IHDR", header);
        Chunk(png, "IDAT", compressed.ToArray());
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    private static void Chunk(Stream png, string type, byte[] data)
    {
        var length = new byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        png.Write(length);
        var typed = new byte[4 + data.Length];
        System.Text.Encoding.ASCII.GetBytes(type).CopyTo(typed, 0);
        data.CopyTo(typed, 4);
        png.Write(typed);
        var crc = new byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32(typed));
        png.Write(crc);
    }

    private static uint Crc32(byte[] data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }
}
