using System.Reflection;
using PdfSharp.Fonts;

namespace SafeguardingPortal.Infrastructure.Pdf;

/// <summary>
/// The fonts every portal document uses: Liberation Sans, shipped inside the assembly (SIL OFL 1.1,
/// licence in Fonts/OFL.txt), so a document looks the same on every machine and needs no system fonts.
/// PDFsharp takes its font resolver once per process; <see cref="EnsureRegistered"/> sets it the first time.
/// </summary>
public static class PortalFonts
{
    public const string Family = "Liberation Sans";

    private const string Regular = "LiberationSans-Regular";
    private const string Bold = "LiberationSans-Bold";
    private const string Italic = "LiberationSans-Italic";

    private static readonly Lock Gate = new();
    private static volatile bool registered;

    /// <summary>Sets the portal's font resolver for PDFsharp, once; safe to call from any thread, any number of times.</summary>
    public static void EnsureRegistered()
    {
        if (registered)
        {
            return;
        }

        lock (Gate)
        {
            if (registered)
            {
                return;
            }

            if (GlobalFontSettings.FontResolver is not EmbeddedFontResolver)
            {
                GlobalFontSettings.FontResolver = new EmbeddedFontResolver();
            }

            registered = true;
        }
    }

    /// <summary>Resolves every family name to Liberation Sans (bold italic is bold, slanted by PDFsharp).</summary>
    private sealed class EmbeddedFontResolver : IFontResolver
    {
        private static readonly Dictionary<string, Lazy<byte[]>> Faces = new(StringComparer.Ordinal)
        {
            [Regular] = new(() => Load(Regular)),
            [Bold] = new(() => Load(Bold)),
            [Italic] = new(() => Load(Italic)),
        };

        public FontResolverInfo ResolveTypeface(string familyName, bool bold, bool italic) => (bold, italic) switch
        {
            (true, true) => new FontResolverInfo(Bold, mustSimulateBold: false, mustSimulateItalic: true),
            (true, false) => new FontResolverInfo(Bold),
            (false, true) => new FontResolverInfo(Italic),
            _ => new FontResolverInfo(Regular),
        };

        public byte[]? GetFont(string faceName) => Faces.TryGetValue(faceName, out var face) ? face.Value : null;

        private static byte[] Load(string face)
        {
            var name = $"SafeguardingPortal.Fonts.{face}.ttf";
            using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(name)
                ?? throw new InvalidOperationException($"The font {name} is missing from the assembly.");
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            return copy.ToArray();
        }
    }
}
