using SafeguardingPortal.Infrastructure.Pdf;

namespace SafeguardingPortal.Features.Documents;

/// <summary>The short receipt a withdrawal produces: what was withdrawn, by whom, when and how.</summary>
public static class WithdrawalReceiptDocument
{
    public static ComposedDocument Compose(WithdrawalReceiptModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var info = new PortalDocumentInfo(
            model.Reference,
            $"Withdrawal of consent: {model.SubjectName}",
            model.OrganisationName,
            $"Receipt {model.Reference} for a withdrawal of consent {model.ConsentReference}",
            model.WithdrawnAtUtc);
        return new ComposedDocument(info, $"withdrawal-{model.Reference}.pdf", builder => Write(builder, model));
    }

    private static void Write(PortalDocumentBuilder b, WithdrawalReceiptModel m)
    {
        var rows = new List<(string, string)>
        {
            ("Reference", m.Reference),
            ("Consent withdrawn from", m.ConsentReference),
            ("For", m.SubjectName),
            ("Activity", m.ActivityTitle),
            ("What was withdrawn", m.ItemsWithdrawn.Count == 0 ? "—" : string.Join("\n", m.ItemsWithdrawn)),
            ("Withdrawn by", m.WithdrawnByName),
            ("How", DocumentText.Method(m.Method)),
        };
        if (!string.IsNullOrWhiteSpace(m.RecordedBy))
        {
            rows.Add(("Recorded by", m.RecordedBy));
        }

        rows.Add(("When", DocumentText.UkDateTime(m.WithdrawnAtUtc)));
        rows.Add(("Reason", string.IsNullOrWhiteSpace(m.Reason) ? "No reason was given (none is needed)." : m.Reason));

        b.Paragraph(m.OrganisationName, TextStyle.Strong)
            .Heading("Withdrawal of consent: receipt", HeadingLevel.Title)
            .LabelValues(rows)
            .Paragraph($"The withdrawal took effect as soon as it was recorded, and the safeguarding lead at {m.OrganisationName} has been told. " +
                "Any answer in the consent record that is not listed above still stands.")
            .Paragraph($"The original consent record ({m.ConsentReference}) is kept unchanged; this receipt is kept beside it.", TextStyle.Small)
            .SealStatement();
    }
}
