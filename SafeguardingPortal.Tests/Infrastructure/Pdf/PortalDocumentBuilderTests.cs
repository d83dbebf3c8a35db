using System.Text.RegularExpressions;
using SafeguardingPortal.Infrastructure.Pdf;
using UglyToad.PdfPig;

namespace SafeguardingPortal.Tests.Infrastructure.Pdf;

/// <summary>The layout layer, read back with PdfPig.</summary>
public sealed partial class PortalDocumentBuilderTests
{
    private static readonly DateTimeOffset Issued = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);

    private static byte[] Render(Action<PortalDocumentBuilder> compose, string reference = "T-TEST-0001") =>
        PortalDocumentRenderer.Render(
            new ComposedDocument(new PortalDocumentInfo(reference, "Layout test", "Hilltop Swimming Club", "A test document", Issued), "test.pdf", compose),
            new DocumentSealer(null),
            "https://portal.example.org/verify").Bytes;

    [Fact]
    public void Every_page_has_page_N_of_M_and_the_reference()
    {
        var pdf = Render(b =>
        {
            b.Heading("First", HeadingLevel.Title).Paragraph("One.").PageBreak();
            b.Heading("Second").Paragraph("Two.").PageBreak().PageBreak();
            b.Heading("Third").Paragraph("Three.");
        });

        var pages = PdfTestKit.PageTexts(pdf);
        Assert.Equal(3, pages.Count);
        for (var i = 0; i < pages.Count; i++)
        {
            Assert.Contains($"Page {i + 1} of 3", pages[i], StringComparison.Ordinal);
            Assert.Contains("Reference T-TEST-0001", pages[i], StringComparison.Ordinal);
            Assert.Single(PageNumber().Matches(pages[i]));
        }
    }

    [Fact]
    public void A_5000_word_text_breaks_across_pages_without_losing_or_repeating_a_word()
    {
        var random = new Random(6);
        var words = Enumerable.Range(1, 5000).Select(i => $"r{i}" + new string('m', random.Next(0, 9))).ToList();
        var text = string.Join(' ', words.Take(2500)) + "\n\n" + string.Join(' ', words.Skip(2500));
        var pdf = Render(b => b.Heading("Risks").Paragraph(text));

        var pages = PdfTestKit.Words(pdf);
        Assert.True(pages.Count > 5, $"only {pages.Count} pages");
        Assert.Equal(words, pages.SelectMany(p => p).Where(w => RiskWord().IsMatch(w)));
        Assert.All(PdfTestKit.PageTexts(pdf), (page, i) => Assert.Contains($"Page {i + 1} of {pages.Count}", page, StringComparison.Ordinal));
        AssertNothingOutsideTheMargins(pdf);
    }

    [Fact]
    public void A_very_long_unbroken_word_wraps_inside_the_margins()
    {
        var word = string.Concat(Enumerable.Repeat("Unbreakable", 60));
        var pdf = Render(b => b.Paragraph($"Start {word} end.").LabelValues([("Long value", word)]));

        var fragments = PdfTestKit.Words(pdf).SelectMany(p => p).Where(w => w.All(c => "Unbreakl".Contains(c, StringComparison.Ordinal))).ToList();
        Assert.True(fragments.Count >= 4, string.Join(" | ", fragments));
        Assert.Equal(word + word, string.Concat(fragments));
        AssertNothingOutsideTheMargins(pdf);
    }

    [Fact]
    public void Non_latin_names_round_trip()
    {
        var pdf = Render(b => b.Paragraph("Łukasz Żółć, Zoë Ó Súilleabháin, Алёна Ёлкина, Σοφία Παπαδοπούλου").LabelValues([("Signed by", "Łukasz Żółć")]));

        var text = PdfTestKit.AllText(pdf);
        Assert.Contains("Łukasz Żółć, Zoë Ó Súilleabháin, Алёна Ёлкина, Σοφία Παπαδοπούλου", text, StringComparison.Ordinal);
        Assert.Contains("Signed by Łukasz Żółć", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Metadata_carries_the_reference_title_author_and_issue_date()
    {
        var pdf = Render(b => b.Paragraph("Hello."), "C-ABCD-2345");

        Assert.Equal("C-ABCD-2345", PdfTestKit.InfoEntry(pdf, "PortalReference"));
        using var document = PdfDocument.Open(pdf);
        Assert.Equal("Layout test", document.Information.Title);
        Assert.Equal("Hilltop Swimming Club", document.Information.Author);
        Assert.Equal("C-ABCD-2345", document.Information.Keywords);
        Assert.Equal(Issued, document.Information.GetCreatedDateTimeOffset());
        Assert.Equal("C-ABCD-2345", PdfReferenceReader.TryRead(pdf));
    }

    [Fact]
    public void A_table_row_too_long_for_the_page_continues_on_the_next_with_the_header_repeated()
    {
        var longCell = string.Join(' ', Enumerable.Range(1, 1500).Select(i => $"c{i}"));
        var pdf = Render(b => b.Table([new TableColumn("Heading one", 1), new TableColumn("Heading two", 3)], [["short", "first row"], ["second", longCell], ["third", "last row"]]));

        var pages = PdfTestKit.Words(pdf);
        Assert.True(pages.Count >= 2);
        Assert.Equal(Enumerable.Range(1, 1500).Select(i => $"c{i}"), pages.SelectMany(p => p).Where(w => CellWord().IsMatch(w)));
        Assert.All(PdfTestKit.PageTexts(pdf), page => Assert.Contains("Heading one Heading two", page, StringComparison.Ordinal));
        Assert.Contains("third last row", PdfTestKit.PageTexts(pdf)[^1], StringComparison.Ordinal);
        AssertNothingOutsideTheMargins(pdf);
    }

    [Fact]
    public void An_image_is_drawn_scaled_into_its_box_and_unreadable_image_data_becomes_a_note()
    {
        var pdf = Render(b => b.Image(PdfTestKit.SignaturePng(1200, 360), 260, 90).Image([1, 2, 3], 100, 100, "(no picture)"));

        using var document = PdfDocument.Open(pdf);
        var image = Assert.Single(document.GetPage(1).GetImages());
        Assert.InRange(image.BoundingBox.Width, 250, 260.5);
        Assert.InRange(image.BoundingBox.Height, 70, 90.5);
        Assert.Contains("(no picture)", PdfTestKit.AllText(pdf), StringComparison.Ordinal);
    }

    [Fact]
    public void An_unsealed_document_says_so_in_plain_words_on_the_page_and_in_the_footer()
    {
        var pdf = Render(b => b.SealStatement());
        var text = PdfTestKit.AllText(pdf);
        Assert.Contains("This copy is not digitally sealed", text, StringComparison.Ordinal);
        Assert.Contains("Not digitally sealed", text, StringComparison.Ordinal);
        Assert.Contains("https://portal.example.org/verify", text, StringComparison.Ordinal);
    }

    private static void AssertNothingOutsideTheMargins(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        foreach (var page in document.GetPages())
        {
            Assert.All(page.Letters, l => Assert.InRange(l.BoundingBox.Left, 55, page.Width - 56));
            Assert.All(page.Letters, l => Assert.InRange(l.BoundingBox.Right, 55, page.Width - 56));
            Assert.All(page.Letters, l => Assert.InRange(l.BoundingBox.Bottom, 30, page.Height - 50));
        }
    }

    [GeneratedRegex(@"Page \d+ of \d+")]
    private static partial Regex PageNumber();

    [GeneratedRegex(@"^r\d+m*$")]
    private static partial Regex RiskWord();

    [GeneratedRegex(@"^c\d+$")]
    private static partial Regex CellWord();
}
