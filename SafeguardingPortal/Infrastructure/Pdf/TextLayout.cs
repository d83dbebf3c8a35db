using System.Globalization;
using System.Text;

namespace SafeguardingPortal.Infrastructure.Pdf;

/// <summary>
/// The portal's own line breaker: fills lines word by word up to a measured width. A line break in
/// the text starts a new line, an empty line stays empty, and a word wider than the whole line is
/// cut between characters (never inside a surrogate pair or combining sequence), so nothing ever
/// runs off the page.
/// </summary>
public static class TextLayout
{
    public static IReadOnlyList<string> Wrap(string? text, double width, Func<string, double> measure)
    {
        ArgumentNullException.ThrowIfNull(measure);
        var lines = new List<string>();
        var normalised = (text ?? "").Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Replace('\t', ' ');
        var spaceWidth = measure(" ");
        foreach (var source in normalised.Split('\n'))
        {
            var words = source.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (words.Length == 0)
            {
                lines.Add("");
                continue;
            }

            var line = new StringBuilder();
            var lineWidth = 0d;
            foreach (var word in words)
            {
                var wordWidth = measure(word);
                if (line.Length > 0 && lineWidth + spaceWidth + wordWidth <= width)
                {
                    line.Append(' ').Append(word);
                    lineWidth += spaceWidth + wordWidth;
                    continue;
                }

                if (line.Length > 0)
                {
                    lines.Add(line.ToString());
                    line.Clear();
                    lineWidth = 0;
                }

                if (wordWidth <= width)
                {
                    line.Append(word);
                    lineWidth = wordWidth;
                    continue;
                }

                // Too wide for any line: as many characters per line as fit, the rest starts the next line.
                var pieces = BreakWord(word, width, measure);
                for (var i = 0; i < pieces.Count - 1; i++)
                {
                    lines.Add(pieces[i]);
                }

                line.Append(pieces[^1]);
                lineWidth = measure(pieces[^1]);
            }

            lines.Add(line.ToString());
        }

        return lines;
    }

    private static List<string> BreakWord(string word, double width, Func<string, double> measure)
    {
        var pieces = new List<string>();
        var piece = new StringBuilder();
        var pieceWidth = 0d;
        var elements = StringInfo.GetTextElementEnumerator(word);
        while (elements.MoveNext())
        {
            var element = elements.GetTextElement();
            var elementWidth = measure(element);
            if (piece.Length > 0 && pieceWidth + elementWidth > width)
            {
                pieces.Add(piece.ToString());
                piece.Clear();
                pieceWidth = 0;
            }

            piece.Append(element);
            pieceWidth += elementWidth;
        }

        pieces.Add(piece.ToString());
        return pieces;
    }
}
