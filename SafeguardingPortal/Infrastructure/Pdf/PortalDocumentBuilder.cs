using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace SafeguardingPortal.Infrastructure.Pdf;

/// <summary>
/// The portal's own small layout API over PDFsharp: A4 pages filled top to bottom with headings,
/// wrapped paragraphs, notices, tables whose rows may continue on the next page, images, rules and
/// page breaks; every page gets a footer with the reference and "Page N of M". Documents are written
/// against this class only, so PDFsharp stays an implementation detail (docs/decisions/0009).
/// Not thread-safe: one builder per document.
/// </summary>
public sealed partial class PortalDocumentBuilder : IDisposable
{
    /// <summary>The Info dictionary key that carries the portal's reference.</summary>
    public const string ReferenceKey = "/PortalReference";

    private const double Margin = 56.7; // 20 mm
    // Room between the last line of content and the footer's rule.
    private const double FooterBand = 14;
    private const double CellPadding = 4;
    private const double ParagraphGap = 5;

    private static readonly XColor Ink = XColor.FromArgb(0x1A, 0x1A, 0x1A);
    private static readonly XColor MutedInk = XColor.FromArgb(0x55, 0x55, 0x55);
    private static readonly XColor Line = XColor.FromArgb(0xB0, 0xB0, 0xB0);
    private static readonly XColor Shade = XColor.FromArgb(0xF0, 0xF0, 0xF0);

    private readonly PdfDocument document = new();
    private readonly List<XImage> images = [];
    private readonly Dictionary<(double Size, XFontStyleEx Style), XFont> fonts = [];
    private PdfPage page = default!;
    private XGraphics gfx = default!;
    private double y;
    private bool finished;
    private int flatImages;

    /// <param name="info">The document's metadata and reference.</param>
    /// <param name="sealed">Whether the document will be digitally sealed when saved (its text says so either way).</param>
    /// <param name="verifyAddress">Where people can check the document (the public /verify page), shown in the seal statement.</param>
    public PortalDocumentBuilder(PortalDocumentInfo info, bool @sealed, string verifyAddress)
    {
        ArgumentNullException.ThrowIfNull(info);
        PortalFonts.EnsureRegistered();
        Info = info;
        Sealed = @sealed;
        VerifyAddress = verifyAddress;
        document.Options.CompressContentStreams = true;
        // zlib's fastest level: about a millisecond less per document for about a fifth more bytes (docs/decisions/0009).
        document.Options.FlateEncodeMode = PdfFlateEncodeMode.BestSpeed;
        AddPage();
    }

    public PortalDocumentInfo Info { get; }

    /// <summary>Whether this document will carry the organisation's digital seal.</summary>
    public bool Sealed { get; }

    public string VerifyAddress { get; }

    /// <summary>The page number being filled (1-based).</summary>
    public int PageNumber => document.PageCount;

    private double ContentWidth => page.Width.Point - (2 * Margin);

    private const double Top = Margin;

    private double Bottom => page.Height.Point - Margin - FooterBand;

    private bool AtTopOfPage => y <= Top + 0.01;

    public PortalDocumentBuilder Heading(string text, HeadingLevel level = HeadingLevel.Section)
    {
        var font = level switch
        {
            HeadingLevel.Title => Font(17, XFontStyleEx.Bold),
            HeadingLevel.Section => Font(13, XFontStyleEx.Bold),
            _ => Font(10.5, XFontStyleEx.Bold),
        };
        var before = level switch { HeadingLevel.Title => 0, HeadingLevel.Section => 12, _ => 7 };
        var lines = Wrap(text, font, ContentWidth);
        var lineHeight = LineHeight(font);

        // A heading stays with at least three lines of what follows it.
        var needed = before + (lines.Count * lineHeight) + (3 * LineHeight(Font(10, XFontStyleEx.Regular)));
        if (!AtTopOfPage && y + needed > Bottom)
        {
            NewPage();
        }

        if (!AtTopOfPage)
        {
            y += before;
        }

        DrawLines(lines, font, Ink, Margin, lineHeight);
        y += level == HeadingLevel.Title ? 6 : 3;
        return this;
    }

    /// <summary>Text wrapped to the page width; line breaks in the text are kept, and an empty line leaves a gap.</summary>
    public PortalDocumentBuilder Paragraph(string? text, TextStyle style = TextStyle.Body)
    {
        var (font, colour) = StyleOf(style);
        DrawLines(Wrap(text ?? "", font, ContentWidth), font, colour, Margin, LineHeight(font));
        y += ParagraphGap;
        return this;
    }

    /// <summary>Text in a shaded, bordered box (kept on one page when it fits on one).</summary>
    public PortalDocumentBuilder Notice(string text, TextStyle style = TextStyle.Strong)
    {
        var (font, colour) = StyleOf(style);
        var lineHeight = LineHeight(font);
        var lines = Wrap(text, font, ContentWidth - (4 * CellPadding));
        var height = (lines.Count * lineHeight) + (4 * CellPadding);
        if (height > Bottom - Top)
        {
            return Paragraph(text, style);
        }

        if (y + height > Bottom)
        {
            NewPage();
        }

        gfx.DrawRectangle(new XPen(Line, 0.8), new XSolidBrush(Shade), Margin, y, ContentWidth, height);
        var top = y;
        y += 2 * CellPadding;
        DrawLines(lines, font, colour, Margin + (2 * CellPadding), lineHeight);
        y = top + height + ParagraphGap + 2;
        return this;
    }

    /// <summary>
    /// An image (PNG or JPEG) scaled to fit the box, never enlarged past the box, in a thin frame;
    /// moved to the next page when it does not fit. Unreadable image data is replaced by a short note.
    /// </summary>
    public PortalDocumentBuilder Image(byte[] content, double maxWidth, double maxHeight, string? unreadableNote = null)
    {
        ArgumentNullException.ThrowIfNull(content);

        // Our own PNG reader first (native zlib, no per-pixel objects); PDFsharp's for anything else.
        XImage? image = null;
        if (!PngFlattening.TryFlatten(content, out var flat))
        {
            try
            {
                image = XImage.FromStream(new MemoryStream(content, writable: false));
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                return Paragraph(unreadableNote ?? "(The image could not be shown.)", TextStyle.Emphasis);
            }

            images.Add(image);
        }

        var pixelWidth = Math.Max(1, flat?.Width ?? image!.PixelWidth);
        var pixelHeight = Math.Max(1, flat?.Height ?? image!.PixelHeight);
        maxWidth = Math.Min(maxWidth, ContentWidth - (2 * CellPadding));
        maxHeight = Math.Min(maxHeight, Bottom - Top - (2 * CellPadding));
        var scale = Math.Min(maxWidth / pixelWidth, maxHeight / pixelHeight);
        var width = pixelWidth * scale;
        var height = pixelHeight * scale;
        if (y + height + (2 * CellPadding) > Bottom)
        {
            NewPage();
        }

        gfx.DrawRectangle(new XPen(Line, 0.6), Margin, y, width + (2 * CellPadding), height + (2 * CellPadding));
        if (flat is not null)
        {
            DrawFlatImage(flat, Margin + CellPadding, y + CellPadding, width, height);
        }
        else
        {
            gfx.DrawImage(image!, Margin + CellPadding, y + CellPadding, width, height);
        }

        y += height + (2 * CellPadding) + ParagraphGap;
        return this;
    }

    /// <summary>
    /// Embeds the pixels as an image XObject (already Flate-compressed) and paints it with a content
    /// stream of its own: "q w 0 0 h x y cm /Name Do Q", in PDF coordinates (origin bottom left).
    /// PDFsharp wraps its own content in q/Q, so the two do not disturb each other.
    /// </summary>
    private void DrawFlatImage(FlatImage flat, double left, double top, double width, double height)
    {
        var xobject = new PdfDictionary(document);
        xobject.Elements.SetName("/Type", "/XObject");
        xobject.Elements.SetName("/Subtype", "/Image");
        xobject.Elements.SetInteger("/Width", flat.Width);
        xobject.Elements.SetInteger("/Height", flat.Height);
        xobject.Elements.SetName("/ColorSpace", flat.Channels == 1 ? "/DeviceGray" : "/DeviceRGB");
        xobject.Elements.SetInteger("/BitsPerComponent", 8);
        xobject.Elements.SetName("/Filter", "/FlateDecode");
        xobject.Elements.SetBoolean("/Interpolate", true);
        xobject.CreateStream(flat.Deflated);
        document.Internals.AddObject(xobject);

        var name = $"/PortalImage{flatImages++}";
        var resources = page.Resources.Elements.GetDictionary("/XObject");
        if (resources is null)
        {
            resources = new PdfDictionary(document);
            page.Resources.Elements["/XObject"] = resources;
        }

        resources.Elements[name] = xobject.Reference;
        var bottom = page.Height.Point - top - height;
        page.Contents.AppendContent().CreateStream(Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture,
            $"q {width:0.###} 0 0 {height:0.###} {left:0.###} {bottom:0.###} cm {name} Do Q\n")));
    }

    /// <summary>A thin horizontal line across the page.</summary>
    public PortalDocumentBuilder Rule()
    {
        if (y + 10 > Bottom)
        {
            NewPage();
            return this;
        }

        y += 3;
        DrawRule(y);
        y += 7;
        return this;
    }

    public PortalDocumentBuilder Space(double points)
    {
        y += points;
        if (y > Bottom)
        {
            NewPage();
        }

        return this;
    }

    /// <summary>Starts a new page (nothing happens at the top of an empty page: no blank pages).</summary>
    public PortalDocumentBuilder PageBreak()
    {
        if (!AtTopOfPage)
        {
            NewPage();
        }

        return this;
    }

    /// <summary>
    /// The standard words about the document's seal: sealed documents say a reader shows the seal;
    /// unsealed ones say plainly that this copy is not digitally sealed. Both say where to check.
    /// </summary>
    public PortalDocumentBuilder SealStatement()
    {
        var check = string.IsNullOrWhiteSpace(VerifyAddress) ? "" : $" To check that a copy is genuine and unaltered, upload it at {VerifyAddress}.";
        return Sealed
            ? Notice($"This document is digitally sealed by {Info.Author}. A PDF reader shows the seal; any change made to the file after it was issued breaks it.{check}", TextStyle.Body)
            : Notice($"This copy is not digitally sealed: the organisation has not set up a sealing certificate, so a PDF reader cannot show that it is unaltered.{check}", TextStyle.Body);
    }

    /// <summary>Finishes the document: footers on every page ("Page N of M" and the reference) and the metadata.</summary>
    internal PdfDocument Finish()
    {
        if (finished)
        {
            return document;
        }

        finished = true;
        gfx.Dispose();
        var count = document.PageCount;
        var footerFont = Font(8, XFontStyleEx.Regular);
        var brush = new XSolidBrush(MutedInk);
        for (var i = 0; i < count; i++)
        {
            var p = document.Pages[i];
            using var footer = XGraphics.FromPdfPage(p, XGraphicsPdfPageOptions.Append);
            var baseline = p.Height.Point - Margin + 8;
            footer.DrawLine(new XPen(Line, 0.6), Margin, baseline - 12, p.Width.Point - Margin, baseline - 12);
            var left = Sealed ? $"Reference {Info.Reference}" : $"Reference {Info.Reference} · Not digitally sealed";
            footer.DrawString(left, footerFont, brush, new XPoint(Margin, baseline), XStringFormats.BaseLineLeft);
            footer.DrawString($"Page {i + 1} of {count}", footerFont, brush, new XPoint(p.Width.Point - Margin, baseline), XStringFormats.BaseLineRight);
        }

        var meta = document.Info;
        meta.Title = Info.Title;
        meta.Author = Info.Author;
        meta.Subject = Info.Subject;
        meta.Keywords = Info.Reference;
        meta.Creator = "SafeguardingPortal";
        meta.CreationDate = Info.CreatedAtUtc.UtcDateTime;
        meta.ModificationDate = Info.CreatedAtUtc.UtcDateTime;
        meta.Elements[ReferenceKey] = new PdfString(Info.Reference);

        // The file identifier comes from the reference rather than a random number.
        var id = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(Info.Reference)).AsSpan(0, 16));
        document.Internals.FirstDocumentID = id;
        document.Internals.SecondDocumentID = id;
        return document;
    }

    public void Dispose()
    {
        if (!finished)
        {
            gfx.Dispose();
            finished = true;
        }

        foreach (var image in images)
        {
            image.Dispose();
        }

        document.Dispose();
    }

    private void AddPage()
    {
        page = document.AddPage();
        page.Size = PageSize.A4;
        gfx = XGraphics.FromPdfPage(page);
        y = Top;
    }

    private void NewPage()
    {
        gfx.Dispose();
        AddPage();
    }

    private void DrawLines(IReadOnlyList<string> lines, XFont font, XColor colour, double x, double lineHeight)
    {
        var brush = new XSolidBrush(colour);
        foreach (var line in lines)
        {
            if (y + lineHeight > Bottom)
            {
                NewPage();
            }

            if (line.Length > 0)
            {
                gfx.DrawString(line, font, brush, x, y, XStringFormats.TopLeft);
            }

            y += line.Length > 0 ? lineHeight : lineHeight / 2;
        }
    }

    private void DrawRule(double at) => gfx.DrawLine(new XPen(Line, 0.6), Margin, at, Margin + ContentWidth, at);

    private IReadOnlyList<string> Wrap(string text, XFont font, double width) =>
        TextLayout.Wrap(text, width, s => gfx.MeasureString(s, font).Width);

    private static double LineHeight(XFont font) => font.GetHeight() * 1.12;

    private (XFont Font, XColor Colour) StyleOf(TextStyle style) => style switch
    {
        TextStyle.Strong => (Font(10, XFontStyleEx.Bold), Ink),
        TextStyle.Emphasis => (Font(10, XFontStyleEx.Italic), Ink),
        TextStyle.Small => (Font(8.5, XFontStyleEx.Regular), Ink),
        TextStyle.Muted => (Font(8.5, XFontStyleEx.Regular), MutedInk),
        _ => (Font(10, XFontStyleEx.Regular), Ink),
    };

    private XFont Font(double size, XFontStyleEx style)
    {
        if (!fonts.TryGetValue((size, style), out var font))
        {
            font = new XFont(PortalFonts.Family, size, style, new XPdfFontOptions(PdfFontEncoding.Unicode));
            fonts[(size, style)] = font;
        }

        return font;
    }
}
