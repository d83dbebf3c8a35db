using System.Text.RegularExpressions;
using SafeguardingPortal.Features.Documents;
using SafeguardingPortal.Infrastructure.Pdf;
using SafeguardingPortal.Tests.Infrastructure.Pdf;
using UglyToad.PdfPig;

namespace SafeguardingPortal.Tests.Features.Documents;

/// <summary>The consent document and the withdrawal receipt, composed from plain models and read back with PdfPig.</summary>
public sealed partial class ConsentRecordDocumentTests
{
    private static readonly string[] EventsInOrder = ["Invitation created", "Invitation e-mail sent", "Reminder e-mail sent", "Link opened", "Form signed"];

    private static byte[] Render(ComposedDocument document) =>
        PortalDocumentRenderer.Render(document, new DocumentSealer(null), "https://portal.example.org/verify").Bytes;

    [Fact]
    public void The_consent_record_shows_every_required_field()
    {
        var pdf = Render(ConsentRecordDocument.Compose(SampleDocuments.Consent(signature: SampleDocuments.Signature())));
        var text = PdfTestKit.AllText(pdf);

        foreach (var expected in new[]
        {
            "Hilltop Swimming Club", "Consent for online coaching", "Reference C-TEST-0001",
            "Child Łukasz Żółć", "Saturday video coaching",
            "Weekly technique sessions on a video call.", "Members live far apart and the pool is closed for repairs.",
            "Coaching continues through the closure.", "Strangers could join; the call is locked and two adults are present.", "Microsoft Teams",
            "Online activity consent, version 3",
            "Taking part online (needed to take part)", "Joining the weekly video sessions from home.",
            "Photos shared", "Photos from sessions may appear in the club newsletter.",
            "Zoë Ó Súilleabháin", "Mother",
            "14 July 2026 at 14:05 (BST)",
            "I have parental responsibility and I have read the information above.",
        })
        {
            Assert.Contains(expected, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Answers_are_given_in_words_item_by_item()
    {
        var text = PdfTestKit.AllText(Render(ConsentRecordDocument.Compose(SampleDocuments.Consent())));
        var online = text.IndexOf("Taking part online (needed to take part)", StringComparison.Ordinal);
        var photos = text.IndexOf("Photos shared Photos from sessions", StringComparison.Ordinal);
        Assert.True(online >= 0 && photos > online);
        Assert.Contains("Answer: Consent given", text[online..photos], StringComparison.Ordinal);
        Assert.Contains("Answer: Consent refused", text[photos..], StringComparison.Ordinal);
        Assert.Single(Regex.Matches(text, "Answer: Consent given"));
        Assert.Single(Regex.Matches(text, "Answer: Consent refused"));
    }

    [Fact]
    public void The_drawn_signature_is_shown_when_given_and_its_absence_is_said_otherwise()
    {
        var with = Render(ConsentRecordDocument.Compose(SampleDocuments.Consent(signature: SampleDocuments.Signature())));
        using (var document = PdfDocument.Open(with))
        {
            Assert.Single(document.GetPages().SelectMany(p => p.GetImages()));
        }

        var without = Render(ConsentRecordDocument.Compose(SampleDocuments.Consent()));
        using (var document = PdfDocument.Open(without))
        {
            Assert.Empty(document.GetPages().SelectMany(p => p.GetImages()));
        }

        Assert.Contains("No signature was drawn; the typed name is the signature.", PdfTestKit.AllText(without), StringComparison.Ordinal);
    }

    [Fact]
    public void The_evidence_page_lists_every_event_in_order_with_masked_addresses_and_the_fingerprints()
    {
        var pdf = Render(ConsentRecordDocument.Compose(SampleDocuments.Consent()));
        var pages = PdfTestKit.PageTexts(pdf);
        var evidenceStart = pages.ToList().FindIndex(p => p.Contains("Evidence: certificate of completion", StringComparison.Ordinal));
        Assert.True(evidenceStart > 0, "the evidence starts on a page of its own");
        var evidence = string.Join(' ', pages.Skip(evidenceStart));

        var order = EventsInOrder.Select(e => evidence.IndexOf(e, StringComparison.Ordinal)).ToList();
        Assert.DoesNotContain(-1, order);
        Assert.Equal(order.Order(), order);
        Assert.Contains("2026-07-14", evidence, StringComparison.Ordinal);
        Assert.Contains("13:05:09 UTC", evidence, StringComparison.Ordinal);
        Assert.Contains("203.0.113.7", evidence, StringComparison.Ordinal);
        Assert.Contains("AppleWebKit/605.1.15", evidence, StringComparison.Ordinal);
        Assert.Contains("z•••@example.org", evidence, StringComparison.Ordinal);
        Assert.DoesNotContain("zoe.parent@example.org", PdfTestKit.AllText(pdf), StringComparison.Ordinal);

        // 64 hex digits may wrap inside the cell: compare without the line break.
        var squeezed = evidence.Replace(" ", "", StringComparison.Ordinal);
        Assert.Contains(SampleDocuments.Consent().PresentedSha256, squeezed, StringComparison.Ordinal);
        Assert.Contains(SampleDocuments.Consent().AnswersSha256, squeezed, StringComparison.Ordinal);
    }

    [Fact]
    public void Long_risks_break_across_pages_and_every_page_is_numbered_of_the_total()
    {
        var risks = string.Join(' ', Enumerable.Range(1, 5000).Select(i => $"risk{i}"));
        var pdf = Render(ConsentRecordDocument.Compose(SampleDocuments.Consent(risks: risks)));
        var words = PdfTestKit.Words(pdf);

        Assert.Equal(Enumerable.Range(1, 5000).Select(i => $"risk{i}"), words.SelectMany(p => p).Where(w => RiskWord().IsMatch(w)));
        Assert.All(PdfTestKit.PageTexts(pdf), (page, i) => Assert.Contains($"Page {i + 1} of {words.Count}", page, StringComparison.Ordinal));
    }

    [Fact]
    public void Metadata_carries_the_signature_reference()
    {
        var pdf = Render(ConsentRecordDocument.Compose(SampleDocuments.Consent(reference: "C-7K3M-9QXD")));
        Assert.Equal("C-7K3M-9QXD", PdfTestKit.InfoEntry(pdf, "PortalReference"));
        using var document = PdfDocument.Open(pdf);
        Assert.Equal("Consent for online coaching: Łukasz Żółć", document.Information.Title);
        Assert.Equal("Hilltop Swimming Club", document.Information.Author);
    }

    [Fact]
    public void The_withdrawal_receipt_says_what_was_withdrawn_by_whom_when_and_how()
    {
        var pdf = Render(WithdrawalReceiptDocument.Compose(SampleDocuments.Withdrawal()));
        var text = PdfTestKit.AllText(pdf);

        foreach (var expected in new[]
        {
            "Withdrawal of consent: receipt", "Reference W-TEST-0001", "Consent withdrawn from C-TEST-0001", "For Łukasz Żółć",
            "Activity Saturday video coaching", "Photos shared", "Videos shared", "Withdrawn by Zoë Ó Súilleabháin",
            "By phone to the organisation", "Recorded by Lee Lead", "1 December 2026 at 09:30 (GMT)", "We have moved away.",
            "This copy is not digitally sealed", "Page 1 of 1",
        })
        {
            Assert.Contains(expected, text, StringComparison.Ordinal);
        }

        Assert.Equal("W-TEST-0001", PdfTestKit.InfoEntry(pdf, "PortalReference"));
    }

    [GeneratedRegex(@"^risk\d+$")]
    private static partial Regex RiskWord();
}
