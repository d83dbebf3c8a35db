namespace SafeguardingPortal.Infrastructure.Pdf;

/// <summary>What a document says about itself in its metadata, and the reference every page's footer shows.</summary>
/// <param name="Reference">The portal's reference for the document; also written to the PDF's Info dictionary as <c>/PortalReference</c>.</param>
/// <param name="Title">The document's title (Info /Title).</param>
/// <param name="Author">Who issues it: the organisation (Info /Author).</param>
/// <param name="Subject">A one-line description (Info /Subject).</param>
/// <param name="CreatedAtUtc">The issuing instant, written as the creation date (never the machine's clock).</param>
public sealed record PortalDocumentInfo(string Reference, string Title, string Author, string Subject, DateTimeOffset CreatedAtUtc);

public enum TextStyle
{
    Body,
    Strong,
    Emphasis,
    Small,
    Muted,
}

public enum HeadingLevel
{
    Title,
    Section,
    Subsection,
}

/// <summary>A column of a table: its header and its share of the width (shares are relative to each other).</summary>
public sealed record TableColumn(string Header, double Share);
