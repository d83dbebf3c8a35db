using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace SafeguardingPortal.Features.Consent;

/// <summary>The recording policy's terms, in plain words, shown with a form that asks about recording.</summary>
public sealed record RecordingTerms(string Purpose, string KeptFor, string SeenBy);

/// <summary>One item as the signer sees it.</summary>
public sealed record PresentedItem(int ItemId, ConsentItemKind Kind, string Label, string Explanation, bool Required);

/// <summary>
/// Exactly what the signing page shows for one invitation. It is built only from records that never
/// change (the request's copy of the activity, the published template version, the invitation), so it
/// can be rebuilt at any time; <see cref="Sha256"/> over its canonical JSON is stored as evidence.
/// </summary>
public sealed record ConsentPresentation(
    string OrganisationName,
    string TemplateName,
    int TemplateVersion,
    string TemplateSha256,
    string Title,
    string Introduction,
    SignerKind SignerKind,
    string SubjectName,
    string RecipientName,
    string Relationship,
    string ActivityTitle,
    string ActivityDescription,
    string WhyOnline,
    string Benefits,
    string Risks,
    string PlatformName,
    string ContactName,
    string ContactEmail,
    string ContactPhone,
    string Helpline,
    string Declaration,
    IReadOnlyList<PresentedItem> Items,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] RecordingTerms? Recording = null)
{
    public const string NspccHelpline = "NSPCC helpline: 0808 800 5000";

    private static readonly JsonSerializerOptions Canonical = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        WriteIndented = false,
    };

    public static ConsentPresentation For(ConsentRequest request, ConsentTemplateVersion version, ConsentInvitation invitation)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(version);
        ArgumentNullException.ThrowIfNull(invitation);
        var forChild = invitation.SignerKind == SignerKind.Child;
        var declaration = invitation.SignerKind switch
        {
            SignerKind.Child => request.ChildDeclaration,
            _ => request.Declaration,
        };
        return new ConsentPresentation(
            request.OrganisationName,
            version.Name,
            version.Number,
            version.ContentSha256,
            version.Title,
            forChild && version.ChildIntroduction.Length > 0 ? version.ChildIntroduction : version.Introduction,
            invitation.SignerKind,
            invitation.SubjectName,
            invitation.RecipientName,
            invitation.Relationship,
            request.ActivityTitle,
            request.ActivityDescription,
            request.WhyOnline,
            request.Benefits,
            request.Risks,
            request.PlatformName,
            request.ContactName,
            request.ContactEmail,
            request.ContactPhone,
            request.Helpline,
            declaration,
            [.. version.Items.OrderBy(i => i.Position).Select(i => new PresentedItem(
                i.Id, i.Kind, i.Label, forChild && i.ChildExplanation.Length > 0 ? i.ChildExplanation : i.Explanation, i.Required))],
            request.RecordingPolicyId is null ? null : new RecordingTerms(request.RecordingPurpose, request.RecordingKeptFor, request.RecordingSeenBy));
    }

    public string ToCanonicalJson() => JsonSerializer.Serialize(this, Canonical);

    public string ComputeSha256() => HashHex(ToCanonicalJson());

    /// <summary>The SHA-256 of a signature's answers and the signer's statement, in canonical form.</summary>
    public static string AnswersSha256(ConsentSignature signature)
    {
        ArgumentNullException.ThrowIfNull(signature);
        var canonical = JsonSerializer.Serialize(
            new
            {
                signature.Reference,
                signature.PresentedSha256,
                SignedAtUtc = signature.SignedAtUtc.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
                signature.SignerName,
                signature.Relationship,
                SignatureImageSha256 = signature.SignatureImage is { Length: > 0 } image ? Convert.ToHexStringLower(SHA256.HashData(image)) : "",
                Answers = signature.Answers.OrderBy(a => a.TemplateItemId).Select(a => new { a.TemplateItemId, Kind = a.Kind.ToString(), a.Label, a.Given }),
            },
            Canonical);
        return HashHex(canonical);
    }

    public static string HashHex(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
