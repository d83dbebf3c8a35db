using SafeguardingPortal.Infrastructure.Pdf;

namespace SafeguardingPortal.Features.Documents;

/// <summary>Everything the personal-device authorisation record shows, as plain values.</summary>
public sealed record DeviceAuthorisationRecordModel
{
    public required string OrganisationName { get; init; }

    /// <summary>The authorisation's reference, e.g. "D-7K3M-9QXD".</summary>
    public required string Reference { get; init; }

    public required string PersonName { get; init; }

    public string PersonRole { get; init; } = "";

    public required string DeviceKind { get; init; }

    public required string DeviceDescription { get; init; }

    public required string WhyNoOrganisationalDevice { get; init; }

    public required string Purpose { get; init; }

    public required string CommunicatesWith { get; init; }

    public required string AppsAndAccounts { get; init; }

    /// <summary>The people who can see the communication, and how.</summary>
    public required IReadOnlyList<(string Name, string HowTheySee)> Viewers { get; init; }

    public required IReadOnlyList<string> Conditions { get; init; }

    public required DateOnly ValidFrom { get; init; }

    public required DateOnly ValidUntil { get; init; }

    public required DateOnly ReviewOn { get; init; }

    public required string RequestedByName { get; init; }

    public required DateTimeOffset RequestedAtUtc { get; init; }

    public required string DecidedByName { get; init; }

    public required DateTimeOffset DecidedAtUtc { get; init; }
}

/// <summary>
/// The printable record of a senior manager's authorisation for a member of staff or volunteer to use
/// a personal device: what was asked, the decision with its conditions and dates, who can see the
/// communication, and spaces to sign on paper where the organisation's policy asks for it.
/// </summary>
public static class DeviceAuthorisationDocument
{
    public static ComposedDocument Compose(DeviceAuthorisationRecordModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var info = new PortalDocumentInfo(
            model.Reference,
            $"Personal-device authorisation: {model.PersonName}",
            model.OrganisationName,
            $"Authorisation {model.Reference} to use a personal device to communicate with children and young people",
            model.DecidedAtUtc);
        return new ComposedDocument(info, $"device-authorisation-{model.Reference}.pdf", builder => Write(builder, model));
    }

    private static void Write(PortalDocumentBuilder b, DeviceAuthorisationRecordModel m)
    {
        b.Paragraph(m.OrganisationName, TextStyle.Strong)
            .Heading("Personal-device authorisation", HeadingLevel.Title)
            .Paragraph("A senior manager's authorisation for one person to use their own device to communicate with children and young people, " +
                "where an organisational device cannot be used.", TextStyle.Muted)
            .LabelValues(
            [
                ("Reference", m.Reference),
                ("Authorised person", string.IsNullOrWhiteSpace(m.PersonRole) ? m.PersonName : $"{m.PersonName} ({m.PersonRole})"),
                ("Device", $"{m.DeviceKind}: {m.DeviceDescription}"),
                ("Valid", $"From {Day(m.ValidFrom)} to {Day(m.ValidUntil)} (inclusive)"),
                ("Review by", Day(m.ReviewOn)),
                ("Authorised by", $"{m.DecidedByName}, {DocumentText.UkDateTime(m.DecidedAtUtc)}"),
                ("Requested by", $"{m.RequestedByName}, {DocumentText.UkDateTime(m.RequestedAtUtc)}"),
            ])
            .SealStatement();

        b.Heading("Conditions");
        if (m.Conditions.Count == 0)
        {
            b.Paragraph("No conditions beyond the organisation's online-safety and safeguarding policies.");
        }
        else
        {
            for (var i = 0; i < m.Conditions.Count; i++)
            {
                b.Paragraph($"{i + 1}. {m.Conditions[i]}");
            }
        }

        b.Heading("Who can see the communication");
        b.Table([new TableColumn("Name", 0.35), new TableColumn("How they see it", 0.65)], m.Viewers.Select(v => new[] { v.Name, v.HowTheySee }), 9.5);

        b.Heading("What was asked for")
            .Heading("Why an organisational device cannot be used", HeadingLevel.Subsection).Paragraph(m.WhyNoOrganisationalDevice)
            .Heading("What the device will be used for", HeadingLevel.Subsection).Paragraph(m.Purpose)
            .Heading("Children, groups or activities", HeadingLevel.Subsection).Paragraph(m.CommunicatesWith)
            .Heading("Apps, platforms and organisation-authorised accounts", HeadingLevel.Subsection).Paragraph(m.AppsAndAccounts);

        b.Heading("Sign-off on paper")
            .Paragraph("Where the organisation's policy asks for a signed copy, the senior manager and the authorised person sign below and the copy is kept with the person's safeguarding records. " +
                "The authorisation ends on its last day, or earlier if it is revoked; the portal's register shows where it stands today.", TextStyle.Small)
            .Space(6)
            .LabelValues(
            [
                ("Senior manager", $"{m.DecidedByName}\n\nSignature: ____________________________   Date: ______________"),
                ("Authorised person", $"{m.PersonName}\nI will use the device only as described above and keep to its conditions.\n\nSignature: ____________________________   Date: ______________"),
            ]);
    }

    private static string Day(DateOnly day) => day.ToString("d MMMM yyyy", System.Globalization.CultureInfo.GetCultureInfo("en-GB"));
}
