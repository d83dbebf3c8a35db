using SafeguardingPortal.Infrastructure.Pdf;

namespace SafeguardingPortal.Tests.Infrastructure.Pdf;

public sealed class TextLayoutTests
{
    // Every character one unit wide: widths are character counts.
    private static double Measure(string s) => System.Globalization.StringInfo.ParseCombiningCharacters(s).Length;

    [Fact]
    public void Words_fill_each_line_up_to_the_width_and_none_is_lost()
    {
        var text = string.Join(' ', Enumerable.Range(1, 200).Select(i => $"w{i}"));
        var lines = TextLayout.Wrap(text, 20, Measure);
        Assert.All(lines, l => Assert.True(l.Length <= 20, l));
        Assert.Equal(text.Split(' '), lines.SelectMany(l => l.Split(' ')));

        // Greedy: the next word would not have fitted on any line but the last.
        for (var i = 0; i < lines.Count - 1; i++)
        {
            Assert.True(lines[i].Length + 1 + lines[i + 1].Split(' ')[0].Length > 20);
        }
    }

    [Fact]
    public void A_word_longer_than_the_line_is_cut_between_characters()
    {
        var word = new string('x', 95);
        var lines = TextLayout.Wrap($"before {word} after", 20, Measure);

        // "before" and the first piece would not fit together, nor the last piece and "after".
        Assert.Equal(["before", .. Enumerable.Repeat(new string('x', 20), 4), new string('x', 15), "after"], lines);
    }

    [Fact]
    public void A_cut_never_splits_a_surrogate_pair_or_a_combining_sequence()
    {
        var word = string.Concat(Enumerable.Repeat("😀e\u0301", 10));
        var lines = TextLayout.Wrap(word, 3, Measure);
        Assert.Equal(word, string.Concat(lines));
        Assert.All(lines, l => Assert.False(char.IsHighSurrogate(l[^1]) || l[0] == '\u0301', l));
    }

    [Fact]
    public void Line_breaks_are_kept_and_an_empty_line_stays_empty()
    {
        Assert.Equal(["one", "", "two three"], TextLayout.Wrap("one\r\n\ntwo   three", 40, Measure));
    }
}
