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

    /// <summary>
    /// A PNG of any 8-bit colour type (0 grey, 2 RGB, 4 grey + alpha, 6 RGBA) whose rows use the
    /// given filter types (0 none, 1 sub, 2 up, 3 average, 4 Paeth), encoded by the spec's forward
    /// filters. <paramref name="pixel"/> gives each pixel's samples. The IDAT is split in two chunks.
    /// </summary>
    public static byte[] Png(int width, int height, int colourType, Func<int, int, byte[]> pixel, Func<int, byte> filterOfRow)
    {
        var channels = colourType switch { 0 => 1, 2 => 3, 4 => 2, 6 => 4, _ => throw new ArgumentOutOfRangeException(nameof(colourType)) };
        var stride = width * channels;
        var rows = new byte[height][];
        for (var y = 0; y < height; y++)
        {
            rows[y] = new byte[stride];
            for (var x = 0; x < width; x++)
            {
                pixel(x, y).CopyTo(rows[y], x * channels);
            }
        }

        var raw = new byte[height * (stride + 1)];
        for (var y = 0; y < height; y++)
        {
            var filter = filterOfRow(y);
            raw[y * (stride + 1)] = filter;
            for (var i = 0; i < stride; i++)
            {
                int a = i >= channels ? rows[y][i - channels] : 0;
                int b = y > 0 ? rows[y - 1][i] : 0;
                int c = i >= channels && y > 0 ? rows[y - 1][i - channels] : 0;
                var predictor = filter switch
                {
                    0 => 0,
                    1 => a,
                    2 => b,
                    3 => (a + b) / 2,
                    4 => Paeth(a, b, c),
                    _ => throw new ArgumentOutOfRangeException(nameof(filterOfRow)),
                };
                raw[(y * (stride + 1)) + 1 + i] = (byte)(rows[y][i] - predictor);
            }
        }

        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            zlib.Write(raw);
        }

        var idat = compressed.ToArray();
        using var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(header, width);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8;
        header[9] = (byte)colourType;
        Chunk(png, "IHDR", header);
        Chunk(png, "tEXt", System.Text.Encoding.ASCII.GetBytes("Comment\0made by the tests"));
        Chunk(png, "IDAT", idat[..(idat.Length / 2)]);
        Chunk(png, "IDAT", idat[(idat.Length / 2)..]);
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    private static int Paeth(int a, int b, int c)
    {
        var p = a + b - c;
        var pa = Math.Abs(p - a);
        var pb = Math.Abs(p - b);
        var pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }

    /// <summary>A chunk with its length and CRC, for tests that build odd PNGs.</summary>
    public static void WriteChunk(Stream png, string type, byte[] data) => Chunk(png, type, data);

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
