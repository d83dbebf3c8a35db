using SafeguardingPortal.Features.Consent;
using SafeguardingPortal.Infrastructure.Email.Queue;
using SafeguardingPortal.Infrastructure.Pdf;

namespace SafeguardingPortal.Features.Documents;

/// <summary>
/// The consent document, one per signature: what was asked and answered, by whom and when, then the
/// evidence page (certificate of completion). A pure function of <see cref="ConsentRecordModel"/>.
/// </summary>
public static class ConsentRecordDocument
{
    public static ComposedDocument Compose(ConsentRecordModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var info = new PortalDocumentInfo(
            model.Reference,
            $"{model.Title}: {model.SubjectName}",
            model.OrganisationName,
            $"Signed consent record {model.Reference} for {model.Activity.Title}",
            model.SignedAtUtc);
        return new ComposedDocument(info, $"consent-{model.Reference}.pdf", builder => Write(builder, model));
    }

    private static void Write(PortalDocumentBuilder b, ConsentRecordModel m)
    {
        var forChild = m.SubjectKind == ConsentSubjectKind.Child;
        b.Paragraph(m.OrganisationName, TextStyle.Strong)
            .Heading(m.Title, HeadingLevel.Title)
            .Paragraph("Signed consent record", TextStyle.Muted)
            .LabelValues(
            [
                ("Reference", m.Reference),
                (forChild ? "Child" : "Adult giving their own consent", m.SubjectName),
                ("Activity", m.Activity.Title),
                ("Form", $"{m.TemplateName}, version {m.TemplateVersion}"),
                ("Signed by", SignerLine(m)),
                ("Signed on", DocumentText.UkDateTime(m.SignedAtUtc)),
                ("How", m.Source == SignatureSource.Paper
                    ? "On a paper form" + (string.IsNullOrWhiteSpace(m.RecordedBy) ? "" : $", recorded in the portal by {m.RecordedBy}")
                    : "Online, through a personal link sent by e-mail"),
            ])
            .SealStatement();

        b.Heading("About the activity")
            .Heading("What the activity is", HeadingLevel.Subsection).Paragraph(m.Activity.Description)
            .Heading("Why it happens online", HeadingLevel.Subsection).Paragraph(m.Activity.WhyOnline)
            .Heading("Benefits", HeadingLevel.Subsection).Paragraph(m.Activity.Benefits)
            .Heading("Risks, and how they are managed", HeadingLevel.Subsection).Paragraph(m.Activity.Risks)
            .Heading("Platform", HeadingLevel.Subsection).Paragraph(m.Activity.Platform);

        if (m.Recording is { } recording)
        {
            b.Heading("About recording sessions")
                .Heading("Why sessions are recorded", HeadingLevel.Subsection).Paragraph(recording.Purpose)
                .Heading("How long recordings are kept", HeadingLevel.Subsection).Paragraph(recording.KeptFor)
                .Heading("Who can see recordings", HeadingLevel.Subsection).Paragraph(recording.SeenBy);
        }

        b.Heading("The answers");
        foreach (var item in m.Items)
        {
            b.Heading(item.Required ? $"{item.Label} (needed to take part)" : item.Label, HeadingLevel.Subsection)
                .Paragraph(item.Explanation)
                .Paragraph($"Answer: {DocumentText.Answer(item.Given)}", TextStyle.Strong);
        }

        b.Heading("Signature");
        if (!string.IsNullOrWhiteSpace(m.Declaration))
        {
            b.Paragraph(m.Declaration, TextStyle.Emphasis);
        }

        b.LabelValues(
        [
            ("Name, as typed", m.SignerName),
            ("Relationship", string.IsNullOrWhiteSpace(m.Relationship) ? RelationshipFor(m.SignerKind) : m.Relationship),
            ("Date and time (UK)", DocumentText.UkDateTime(m.SignedAtUtc)),
        ]);
        if (m.SignatureImage is { Length: > 0 } image)
        {
            b.Paragraph("Drawn signature:", TextStyle.Small)
                .Image(image, 260, 90, "(A drawn signature was given but could not be shown.)");
        }
        else
        {
            b.Paragraph("No signature was drawn; the typed name is the signature.", TextStyle.Small);
        }

        WriteEvidence(b, m);
    }

    private static void WriteEvidence(PortalDocumentBuilder b, ConsentRecordModel m)
    {
        b.PageBreak()
            .Heading("Evidence: certificate of completion", HeadingLevel.Title)
            .Paragraph($"Reference {m.Reference}. Everything the portal recorded about how this consent was asked for and given, in order. " +
                "Times are in UTC to the second; addresses are as the portal's server saw them; e-mail addresses are partly hidden.", TextStyle.Small);
        if (m.Events.Count == 0)
        {
            b.Paragraph(m.Source == SignatureSource.Paper
                ? "This consent was given on a paper form, so there is no online invitation to show. The scan of the form is kept with the record."
                : "No invitation events were recorded for this signature.");
        }
        else
        {
            b.Table(
                [new TableColumn("When (UTC)", 20), new TableColumn("What happened", 30), new TableColumn("IP address", 16), new TableColumn("Browser (user agent)", 34)],
                m.Events.OrderBy(e => e.AtUtc).Select(e => (IReadOnlyList<string>)
                [
                    DocumentText.UtcOnTwoLines(e.AtUtc),
                    EventText(e),
                    string.IsNullOrWhiteSpace(e.IpAddress) ? "—" : e.IpAddress,
                    string.IsNullOrWhiteSpace(e.UserAgent) ? "—" : e.UserAgent,
                ]));
        }

        b.Heading("Fingerprints")
            .Paragraph("A SHA-256 fingerprint changes completely if even one character changes. These were computed when the form was signed.", TextStyle.Small)
            .LabelValues(
            [
                ("Form version as shown (SHA-256)", m.PresentedSha256),
                ("Answers as given (SHA-256)", m.AnswersSha256),
            ], 0.36);
    }

    private static string EventText(EvidenceEvent e)
    {
        var text = DocumentText.EventName(e.Kind);
        if (!string.IsNullOrWhiteSpace(e.EmailAddress))
        {
            text += $" to {EmailAddressMask.Mask(e.EmailAddress)}";
        }

        return string.IsNullOrWhiteSpace(e.Detail) ? text : $"{text}\n{e.Detail}";
    }

    private static string SignerLine(ConsentRecordModel m) => m.SignerKind switch
    {
        SignerKind.Child => $"{m.SignerName} (the child)",
        SignerKind.Adult => $"{m.SignerName} (for themselves)",
        _ => string.IsNullOrWhiteSpace(m.Relationship) ? m.SignerName : $"{m.SignerName} ({m.Relationship})",
    };

    private static string RelationshipFor(SignerKind kind) => kind switch
    {
        SignerKind.Child => "The child",
        SignerKind.Adult => "Themselves",
        _ => "Parent or carer",
    };
}
