using System.Buffers;
using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.IO.Compression;

namespace SafeguardingPortal.Infrastructure.Pdf;

/// <summary>
/// Turns a PNG (a drawn signature, typically RGBA on a transparent background) into plain pixels
/// flattened onto white (grey or RGB), which the document builder embeds as an image of its own.
/// PDFsharp's own PNG reader decodes pixel by pixel in managed code and was most of the cost of a
/// consent document (docs/decisions/0009); this uses the runtime's native zlib and plain loops.
/// Handles what browsers' canvases and ordinary tools write: 8-bit grey, grey + alpha, RGB and
/// RGBA, not interlaced. Anything else (palettes, 16-bit, interlaced) returns false and the caller
/// falls back to PDFsharp's reader. The page is white, so flattening onto white looks the same.
/// </summary>
public static class PngFlattening
{
    /// <summary>Larger images are refused: a small PNG can inflate to a very large bitmap.</summary>
    public const int MaxPixels = 4_000_000;

    private static ReadOnlySpan<byte> Signature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>The image flattened onto white, or false when this PNG is not one it handles.</summary>
    public static bool TryFlatten(ReadOnlySpan<byte> png, [NotNullWhen(true)] out FlatImage? image)
    {
        image = null;
        int width = 0, height = 0;
        if (png.Length < 8 + 25 || !png[..8].SequenceEqual(Signature))
        {
            return false;
        }

        var position = 8;
        var channels = 0;
        using var idat = new MemoryStream();
        var sawHeader = false;
        while (position + 8 <= png.Length)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(png[position..]);
            var type = png.Slice(position + 4, 4);
            if (length < 0 || position + 12 + (long)length > png.Length)
            {
                return false;
            }

            var data = png.Slice(position + 8, length);
            if (type.SequenceEqual("IHDR"u8))
            {
                if (length != 13)
                {
                    return false;
                }

                width = BinaryPrimitives.ReadInt32BigEndian(data);
                height = BinaryPrimitives.ReadInt32BigEndian(data[4..]);
                var bitDepth = data[8];
                channels = data[9] switch { 0 => 1, 2 => 3, 4 => 2, 6 => 4, _ => 0 };
                // Compression 0, filter method 0, no interlacing.
                if (bitDepth != 8 || channels == 0 || data[10] != 0 || data[11] != 0 || data[12] != 0
                    || width <= 0 || height <= 0 || (long)width * height > MaxPixels)
                {
                    return false;
                }

                sawHeader = true;
            }
            else if (type.SequenceEqual("IDAT"u8))
            {
                if (!sawHeader)
                {
                    return false;
                }

                idat.Write(data);
            }
            else if (type.SequenceEqual("IEND"u8))
            {
                break;
            }
            else if (type.SequenceEqual("tRNS"u8))
            {
                // A single transparent colour for grey or RGB: rare in drawn signatures; let PDFsharp handle it.
                return false;
            }

            position += 12 + length;
        }

        if (!sawHeader || idat.Length == 0)
        {
            return false;
        }

        // The inflated rows are large (a 600 × 180 RGBA signature is 432 KB): borrowed from the shared
        // pool, so issuing documents does not keep allocating large-object-heap arrays.
        var stride = width * channels;
        var size = height * (stride + 1);
        var raw = ArrayPool<byte>.Shared.Rent(size);
        try
        {
            try
            {
                idat.Position = 0;
                using var inflate = new ZLibStream(idat, CompressionMode.Decompress);
                inflate.ReadExactly(raw.AsSpan(0, size));
            }
            catch (Exception e) when (e is InvalidDataException or EndOfStreamException)
            {
                return false;
            }

            if (!Unfilter(raw, height, stride, channels))
            {
                return false;
            }

            image = Flatten(raw, width, height, channels);
            return true;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(raw);
        }
    }

    /// <summary>Undoes PNG's per-row filters in place (PNG spec 9); false on an unknown filter type.</summary>
    private static bool Unfilter(byte[] raw, int height, int stride, int bpp)
    {
        for (var y = 0; y < height; y++)
        {
            var rowStart = (y * (stride + 1)) + 1;
            var row = raw.AsSpan(rowStart, stride);
            var previous = y == 0 ? Span<byte>.Empty : raw.AsSpan(rowStart - stride - 1, stride);
            switch (raw[rowStart - 1])
            {
                case 0:
                    break;
                case 1:
                    for (var i = bpp; i < stride; i++)
                    {
                        row[i] += row[i - bpp];
                    }

                    break;
                case 2:
                    if (y > 0)
                    {
                        for (var i = 0; i < stride; i++)
                        {
                            row[i] += previous[i];
                        }
                    }

                    break;
                case 3:
                    for (var i = 0; i < stride; i++)
                    {
                        var left = i >= bpp ? row[i - bpp] : 0;
                        var up = y > 0 ? previous[i] : 0;
                        row[i] += (byte)((left + up) >> 1);
                    }

                    break;
                case 4:
                    for (var i = 0; i < stride; i++)
                    {
                        int a = i >= bpp ? row[i - bpp] : 0;
                        int b = y > 0 ? previous[i] : 0;
                        int c = i >= bpp && y > 0 ? previous[i - bpp] : 0;
                        var p = a + b - c;
                        var pa = Math.Abs(p - a);
                        var pb = Math.Abs(p - b);
                        var pc = Math.Abs(p - c);
                        row[i] += (byte)(pa <= pb && pa <= pc ? a : pb <= pc ? b : c);
                    }

                    break;
                default:
                    return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Flattens onto white and compresses, a row at a time: grey (one channel) when every pixel is
    /// grey, else RGB.
    /// </summary>
    private static FlatImage Flatten(byte[] raw, int width, int height, int channels)
    {
        var stride = width * channels;
        var grey = channels <= 2 || AllGrey(raw, width, height, channels);
        var outputChannels = grey ? 1 : 3;
        var row = new byte[width * outputChannels];
        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            for (var y = 0; y < height; y++)
            {
                var source = raw.AsSpan((y * (stride + 1)) + 1, stride);
                FlattenRow(source, row, channels, grey);
                zlib.Write(row);
            }
        }

        return new FlatImage(width, height, outputChannels, compressed.ToArray());
    }

    private static void FlattenRow(ReadOnlySpan<byte> source, Span<byte> row, int channels, bool grey)
    {
        var width = source.Length / channels;
        switch (channels, grey)
        {
            case (1, _):
                source.CopyTo(row);
                break;
            case (2, _):
                for (var x = 0; x < width; x++)
                {
                    row[x] = OverWhite(source[x * 2], source[(x * 2) + 1]);
                }

                break;
            case (4, true):
                for (var x = 0; x < width; x++)
                {
                    row[x] = OverWhite(source[x * 4], source[(x * 4) + 3]);
                }

                break;
            case (4, false):
                for (var x = 0; x < width; x++)
                {
                    var alpha = source[(x * 4) + 3];
                    row[x * 3] = OverWhite(source[x * 4], alpha);
                    row[(x * 3) + 1] = OverWhite(source[(x * 4) + 1], alpha);
                    row[(x * 3) + 2] = OverWhite(source[(x * 4) + 2], alpha);
                }

                break;
            case (3, true):
                for (var x = 0; x < width; x++)
                {
                    row[x] = source[x * 3];
                }

                break;
            default:
                source.CopyTo(row);
                break;
        }
    }

    private static bool AllGrey(byte[] raw, int width, int height, int channels)
    {
        var stride = width * channels;
        for (var y = 0; y < height; y++)
        {
            var source = raw.AsSpan((y * (stride + 1)) + 1, stride);
            for (var x = 0; x < stride; x += channels)
            {
                if (source[x] != source[x + 1] || source[x + 1] != source[x + 2])
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>Over white: c' = 255 - alpha * (255 - c) / 255, rounded.</summary>
    private static byte OverWhite(byte colour, int alpha) => alpha switch
    {
        255 => colour,
        0 => 255,
        _ => (byte)(255 - (((alpha * (255 - colour)) + 127) / 255)),
    };
}

/// <summary>
/// Pixels, row by row from the top, 8 bits per channel, one channel (grey) or three (RGB),
/// compressed with zlib: ready to be a PDF image's FlateDecode stream.
/// </summary>
public sealed record FlatImage(int Width, int Height, int Channels, byte[] Deflated);
