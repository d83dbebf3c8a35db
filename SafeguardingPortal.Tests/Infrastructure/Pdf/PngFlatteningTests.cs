using System.IO.Compression;
using SafeguardingPortal.Infrastructure.Pdf;
using UglyToad.PdfPig;

namespace SafeguardingPortal.Tests.Infrastructure.Pdf;

/// <summary>
/// The portal's own PNG reader for drawn signatures: every filter type and colour type it takes,
/// flattened onto white exactly, and everything else refused so PDFsharp's reader takes over.
/// </summary>
public sealed class PngFlatteningTests
{
    private const int Width = 37; // odd sizes catch row-length slips
    private const int Height = 23;

    public static TheoryData<int, byte> ColourTypesAndFilters()
    {
        var data = new TheoryData<int, byte>();
        foreach (var colourType in new[] { 0, 2, 4, 6 })
        {
            for (byte filter = 0; filter <= 4; filter++)
            {
                data.Add(colourType, filter);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ColourTypesAndFilters))]
    public void Every_filter_and_colour_type_decodes_to_the_pixels_flattened_onto_white(int colourType, byte filter)
    {
        var png = PdfTestKit.Png(Width, Height, colourType, (x, y) => Sample(colourType, x, y), _ => filter);

        Assert.True(PngFlattening.TryFlatten(png, out var image));

        var expectGrey = colourType is 0 or 4;
        Assert.Equal(expectGrey ? 1 : 3, image.Channels);
        Assert.Equal((Width, Height), (image.Width, image.Height));
        Assert.Equal(Expected(colourType, expectGrey), Inflate(image.Deflated));
    }

    [Fact]
    public void Rows_may_each_use_a_different_filter()
    {
        var png = PdfTestKit.Png(Width, Height, 6, (x, y) => Sample(6, x, y), y => (byte)(y % 5));

        Assert.True(PngFlattening.TryFlatten(png, out var image));
        Assert.Equal(Expected(6, grey: false), Inflate(image.Deflated));
    }

    [Fact]
    public void A_grey_drawing_in_RGBA_as_a_canvas_writes_it_becomes_one_grey_channel()
    {
        // Dark ink where x == y, soft edge beside it, transparent black elsewhere.
        var png = PdfTestKit.Png(Width, Height, 6, (x, y) => x == y ? [17, 17, 17, 255] : x == y + 1 ? [17, 17, 17, 128] : [0, 0, 0, 0], _ => 1);

        Assert.True(PngFlattening.TryFlatten(png, out var image));

        Assert.Equal(1, image.Channels);
        var pixels = Inflate(image.Deflated);
        Assert.Equal(17, pixels[(5 * Width) + 5]);
        Assert.Equal(255 - (((128 * (255 - 17)) + 127) / 255), pixels[(5 * Width) + 6]);
        Assert.Equal(255, pixels[(5 * Width) + 9]);
    }

    [Fact]
    public void What_it_does_not_handle_is_refused_not_misread()
    {
        var good = PdfTestKit.Png(Width, Height, 2, (x, y) => Sample(2, x, y), _ => 0);

        Assert.False(PngFlattening.TryFlatten([1, 2, 3], out _));
        Assert.False(PngFlattening.TryFlatten(good.AsSpan(0, good.Length / 2), out _)); // cut short
        Assert.False(PngFlattening.TryFlatten(WithHeader(good, bitDepth: 16, colourType: 2), out _));
        Assert.False(PngFlattening.TryFlatten(WithHeader(good, bitDepth: 8, colourType: 3), out _)); // palette
        Assert.False(PngFlattening.TryFlatten(WithHeader(good, bitDepth: 8, colourType: 2, interlace: 1), out _));
        Assert.False(PngFlattening.TryFlatten(WithHeader(good, bitDepth: 8, colourType: 2, width: 4000, height: 4000), out _)); // too many pixels
        Assert.False(PngFlattening.TryFlatten(WithUnknownFilter(), out _));
    }

    [Fact]
    public void An_RGBA_signature_is_drawn_in_the_document_as_grey_pixels_on_white()
    {
        var png = PdfTestKit.Png(Width, Height, 6, (x, y) => x == y ? [17, 17, 17, 255] : [0, 0, 0, 0], _ => 4);
        var pdf = PortalDocumentRenderer.Render(
            new ComposedDocument(new PortalDocumentInfo("T-PNG-0001", "Image test", "Hilltop Swimming Club", "A test", DateTimeOffset.UnixEpoch), "t.pdf", b => b.Image(png, 200, 200)),
            new DocumentSealer(null),
            "https://portal.example.org/verify").Bytes;

        using var document = PdfDocument.Open(pdf);
        var image = Assert.Single(document.GetPage(1).GetImages());
        Assert.Equal((Width, Height), (image.WidthInSamples, image.HeightInSamples));
        Assert.True(image.TryGetBytesAsMemory(out var decoded));
        var pixels = decoded.ToArray();
        Assert.Equal(Width * Height, pixels.Length);
        Assert.Equal(17, pixels[(3 * Width) + 3]);
        Assert.Equal(255, pixels[(3 * Width) + 4]);
        Assert.InRange(image.BoundingBox.Width, 199, 200.5);
    }

    /// <summary>Varied samples: every channel differs so a swapped or shifted channel shows.</summary>
    private static byte[] Sample(int colourType, int x, int y)
    {
        var grey = (byte)((x * 7) + (y * 13));
        var alpha = (byte)((x * 29) + (y * 3));
        return colourType switch
        {
            0 => [grey],
            2 => [(byte)(x * 11), (byte)(y * 17), (byte)((x * y) + 5)],
            4 => [grey, alpha],
            _ => [(byte)(x * 11), (byte)(y * 17), (byte)((x * y) + 5), alpha],
        };
    }

    /// <summary>What flattening onto white must give, worked out independently from <see cref="Sample"/>.</summary>
    private static byte[] Expected(int colourType, bool grey)
    {
        var output = new List<byte>();
        for (var y = 0; y < Height; y++)
        {
            for (var x = 0; x < Width; x++)
            {
                var s = Sample(colourType, x, y);
                int alpha = colourType is 4 or 6 ? s[^1] : 255;
                var colour = colourType is 0 or 4 ? new[] { s[0] } : new[] { s[0], s[1], s[2] };
                foreach (var c in grey ? colour[..1] : colour)
                {
                    var blended = 255 - ((alpha * (255 - c)) + 127) / 255;
                    output.Add((byte)blended);
                }
            }
        }

        return [.. output];
    }

    private static byte[] Inflate(byte[] deflated)
    {
        using var inflate = new ZLibStream(new MemoryStream(deflated), CompressionMode.Decompress);
        using var output = new MemoryStream();
        inflate.CopyTo(output);
        return output.ToArray();
    }

    private static byte[] WithHeader(byte[] png, byte bitDepth, byte colourType, byte interlace = 0, int width = Width, int height = Height)
    {
        // IHDR's data starts at byte 16 (8 signature + 4 length + 4 type); the CRC is not checked by the reader.
        var copy = (byte[])png.Clone();
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(copy.AsSpan(16), width);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(copy.AsSpan(20), height);
        copy[24] = bitDepth;
        copy[25] = colourType;
        copy[28] = interlace;
        return copy;
    }

    private static byte[] WithUnknownFilter()
    {
        var raw = new byte[Height * ((Width * 3) + 1)];
        raw[0] = 9; // filter types go up to 4
        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            zlib.Write(raw);
        }

        using var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(header, Width);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), Height);
        header[8] = 8;
        header[9] = 2;
        PdfTestKit.WriteChunk(png, "IHDR", header);
        PdfTestKit.WriteChunk(png, "IDAT", compressed.ToArray());
        PdfTestKit.WriteChunk(png, "IEND", []);
        return png.ToArray();
    }
}
