using PdfSharp.Drawing;

namespace SafeguardingPortal.Infrastructure.Pdf;

/// <summary>Tables: label and value pairs, and column tables whose rows wrap and carry on across pages with their header repeated.</summary>
public sealed partial class PortalDocumentBuilder
{
    /// <summary>A two-column table of labels (bold) and values; long values wrap and may continue on the next page.</summary>
    public PortalDocumentBuilder LabelValues(IEnumerable<(string Label, string Value)> rows, double labelShare = 0.32)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var widths = new[] { ContentWidth * labelShare, ContentWidth * (1 - labelShare) };
        var label = Font(9.5, XFontStyleEx.Bold);
        var value = Font(9.5, XFontStyleEx.Regular);
        DrawRule(y);
        foreach (var (l, v) in rows)
        {
            DrawRow([(l, label), (v, value)], widths, shaded: false, header: null);
        }

        y += ParagraphGap + 2;
        return this;
    }

    /// <summary>A table with a header row (repeated on every page it reaches); cells wrap and rows may continue on the next page.</summary>
    public PortalDocumentBuilder Table(IReadOnlyList<TableColumn> columns, IEnumerable<IReadOnlyList<string>> rows, double fontSize = 8.5)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(rows);
        var total = columns.Sum(c => c.Share);
        var widths = columns.Select(c => ContentWidth * c.Share / total).ToArray();
        var headerFont = Font(fontSize, XFontStyleEx.Bold);
        var cellFont = Font(fontSize, XFontStyleEx.Regular);
        var headerCells = columns.Select(c => (c.Header, headerFont)).ToArray();
        void Header() => DrawRow(headerCells, widths, shaded: true, header: null);

        // The header never sits alone at the foot of a page.
        if (y + (4 * LineHeight(cellFont)) + (4 * CellPadding) > Bottom)
        {
            NewPage();
        }

        DrawRule(y);
        Header();
        foreach (var row in rows)
        {
            DrawRow([.. row.Select(cell => (cell, cellFont))], widths, shaded: false, header: Header);
        }

        y += ParagraphGap + 2;
        return this;
    }

    private void DrawRow((string Text, XFont Font)[] cells, double[] widths, bool shaded, Action? header)
    {
        var wrapped = cells.Select((c, i) => Wrap(c.Text, c.Font, widths[i] - (2 * CellPadding))).ToArray();
        var lineHeight = cells.Max(c => LineHeight(c.Font));
        var lineCount = Math.Max(1, wrapped.Max(w => w.Count));
        var needed = (lineCount * lineHeight) + (2 * CellPadding);

        // A short row moves to the next page whole; a long one is split between lines.
        if (y + needed > Bottom && needed <= (Bottom - Top) / 3)
        {
            NewPageWithin(header);
        }

        var start = 0;
        while (start < lineCount)
        {
            var fit = (int)Math.Floor((Bottom - y - (2 * CellPadding)) / lineHeight);
            if (fit <= 0)
            {
                NewPageWithin(header);
                continue;
            }

            var end = Math.Min(lineCount, start + fit);
            var height = ((end - start) * lineHeight) + (2 * CellPadding);
            if (shaded)
            {
                gfx.DrawRectangle(new XSolidBrush(Shade), Margin, y, ContentWidth, height);
            }

            var x = Margin;
            for (var c = 0; c < cells.Length; c++)
            {
                var brush = new XSolidBrush(Ink);
                for (var l = start; l < end && l < wrapped[c].Count; l++)
                {
                    if (wrapped[c][l].Length > 0)
                    {
                        gfx.DrawString(wrapped[c][l], cells[c].Font, brush, x + CellPadding, y + CellPadding + ((l - start) * lineHeight), XStringFormats.TopLeft);
                    }
                }

                x += widths[c];
            }

            y += height;
            DrawRule(y);
            start = end;
            if (start < lineCount)
            {
                NewPageWithin(header);
            }
        }
    }

    private void NewPageWithin(Action? header)
    {
        NewPage();
        DrawRule(y);
        header?.Invoke();
    }
}
