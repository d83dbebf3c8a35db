using System.Globalization;
using System.Net;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;
using SafeguardingPortal.Components.Shared;
using SafeguardingPortal.Features.Documents;
using SafeguardingPortal.Infrastructure;
using SafeguardingPortal.Infrastructure.Data;
using SafeguardingPortal.Infrastructure.Email;
using SafeguardingPortal.Infrastructure.Email.Queue;

namespace SafeguardingPortal.Features.Consent;

/// <summary>
/// Writes the consent e-mails when they are sent. Each invitation or reminder carries a fresh signing
/// token and each confirmation a withdrawal token; the token is created here, its hash saved before
/// the message leaves, and the raw value exists only in the message.
/// </summary>
public sealed class ConsentEmailComposer(IOptions<PortalOptions> portalOptions, PortalClock clock) : IEmailComposer
{
    private readonly PortalOptions portal = portalOptions.Value;
    private readonly ConditionalWeakTable<OutgoingEmail, ConsentToken> tokensByEmail = [];

    public bool Handles(string kind) => ConsentEmailKinds.All.Contains(kind);

    public async Task<IReadOnlyList<MimeMessage?>> ComposeAsync(PortalDbContext db, IReadOnlyList<OutgoingEmail> emails, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(emails);
        var now = clock.UtcNow;
        var invitationIds = emails.Where(e => e.Kind is ConsentEmailKinds.Invitation or ConsentEmailKinds.Reminder).Select(e => e.RelatedId).ToList();
        var invitations = await db.Set<ConsentInvitation>().AsNoTracking().Include(i => i.Request)
            .Where(i => invitationIds.Contains(i.Id)).ToDictionaryAsync(i => i.Id, ct);
        var signatureIds = emails.Where(e => e.Kind == ConsentEmailKinds.Confirmation).Select(e => e.RelatedId).ToList();
        var signatures = await db.Set<ConsentSignature>().AsNoTracking().Include(s => s.Answers)
            .Where(s => signatureIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, ct);
        var withdrawalIds = emails.Where(e => e.Kind is ConsentEmailKinds.WithdrawalConfirmation or ConsentEmailKinds.WithdrawalNotice).Select(e => e.RelatedId).ToList();
        var withdrawals = await db.Set<ConsentWithdrawal>().AsNoTracking().Include(w => w.Signature)
            .Where(w => withdrawalIds.Contains(w.Id)).ToDictionaryAsync(w => w.Id, ct);
        var withdrawalReferences = withdrawals.Values.Select(w => w.Reference).ToList();
        var disposals = (await db.Set<Recordings.DisposalTask>().AsNoTracking().Where(t => withdrawalReferences.Contains(t.WithdrawalReference))
            .Select(t => new { t.WithdrawalReference, Recording = t.Recording!.Reference, t.DueBy }).ToListAsync(ct))
            .ToLookup(t => t.WithdrawalReference, t => (t.Recording, t.DueBy));
        var records = await DocumentsAsync(db, DocumentKind.ConsentRecord, signatureIds, ct);
        var receipts = await DocumentsAsync(db, DocumentKind.WithdrawalReceipt, emails.Where(e => e.Kind == ConsentEmailKinds.WithdrawalConfirmation).Select(e => e.RelatedId).ToList(), ct);
        var requestIds = signatures.Values.Select(s => s.InvitationId).Concat(withdrawals.Values.Select(w => w.Signature!.InvitationId)).OfType<int>().ToList();
        var requestsByInvitation = await db.Set<ConsentInvitation>().AsNoTracking().Where(i => requestIds.Contains(i.Id))
            .Select(i => new { i.Id, i.Request }).ToDictionaryAsync(x => x.Id, x => x.Request!, ct);

        var messages = new List<MimeMessage?>(emails.Count);
        foreach (var email in emails)
        {
            messages.Add(email.Kind switch
            {
                ConsentEmailKinds.Invitation or ConsentEmailKinds.Reminder when invitations.TryGetValue(email.RelatedId, out var invitation)
                    && invitation.Status == InvitationStatus.Awaiting && invitation.ExpiresAtUtc > now
                    => Invitation(db, email, invitation, now),
                ConsentEmailKinds.Confirmation when signatures.TryGetValue(email.RelatedId, out var signature)
                    && signature.InvitationId is { } iid && requestsByInvitation.TryGetValue(iid, out var request)
                    => Confirmation(db, email, signature, request, records.GetValueOrDefault(signature.Id), now),
                ConsentEmailKinds.WithdrawalConfirmation when withdrawals.TryGetValue(email.RelatedId, out var withdrawal)
                    => WithdrawalConfirmation(email, withdrawal, withdrawal.Signature!.InvitationId is { } wi && requestsByInvitation.TryGetValue(wi, out var r) ? r : null, receipts.GetValueOrDefault(withdrawal.Id)),
                ConsentEmailKinds.WithdrawalNotice when withdrawals.TryGetValue(email.RelatedId, out var withdrawal)
                    => WithdrawalNotice(email, withdrawal, [.. disposals[withdrawal.Reference]]),
                _ => null,
            });
        }

        return messages;
    }

    public async Task RecordOutcomeAsync(PortalDbContext db, IReadOnlyList<(OutgoingEmail Email, EmailDeliveryResult Result)> outcomes, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(outcomes);
        var now = clock.UtcNow;
        var invitationOutcomes = outcomes.Where(o => o.Email.Kind is ConsentEmailKinds.Invitation or ConsentEmailKinds.Reminder).ToList();
        var ids = invitationOutcomes.Select(o => o.Email.RelatedId).ToList();
        var invitations = await db.Set<ConsentInvitation>().Where(i => ids.Contains(i.Id)).ToDictionaryAsync(i => i.Id, ct);
        foreach (var (email, result) in invitationOutcomes)
        {
            var masked = EmailAddressMask.Mask(email.ToAddress);
            var reminder = email.Kind == ConsentEmailKinds.Reminder;
            db.Add(new ConsentInvitationEvent
            {
                InvitationId = email.RelatedId,
                AtUtc = now,
                Kind = result.Delivered ? (reminder ? InvitationEventKinds.ReminderSent : InvitationEventKinds.Sent) : InvitationEventKinds.SendFailed,
                Detail = result.Delivered ? $"To {masked}" : $"To {masked}: {result.Error}",
            });
            if (result.Delivered && !reminder && invitations.TryGetValue(email.RelatedId, out var invitation) && invitation.FirstSentAtUtc is null)
            {
                invitation.FirstSentAtUtc = now;
            }

            if (!result.Delivered && tokensByEmail.TryGetValue(email, out var token))
            {
                // Nobody received this token: it must not work.
                token.InvalidatedAtUtc = now;
            }
        }
    }

    private MimeMessage Invitation(PortalDbContext db, OutgoingEmail email, ConsentInvitation invitation, DateTimeOffset now)
    {
        var raw = IssueToken(db, email, invitation.Id, null, TokenPurpose.Sign, now);
        var request = invitation.Request!;
        var link = portal.LinkTo($"consent/l/{raw}");
        var reminder = email.Kind == ConsentEmailKinds.Reminder;
        var forChild = invitation.SignerKind == SignerKind.Child;
        var subject = (reminder ? "Reminder: " : "") + (invitation.SignerKind switch
        {
            SignerKind.Child => $"{request.OrganisationName} would like your agreement for “{request.ActivityTitle}”",
            SignerKind.Adult => $"Your consent is needed: “{request.ActivityTitle}”",
            _ => $"Consent needed for {invitation.SubjectName}: “{request.ActivityTitle}”",
        });
        var expires = invitation.ExpiresAtUtc.ToUkDate();
        var lines = new List<string>
        {
            $"Dear {invitation.RecipientName},",
            "",
            invitation.SignerKind switch
            {
                SignerKind.Child => $"{request.OrganisationName} is asking whether you are happy to take part in “{request.ActivityTitle}”. Your parent or carer is being asked too.",
                SignerKind.Adult => $"{request.OrganisationName} is asking for your consent about “{request.ActivityTitle}”.",
                _ => $"{request.OrganisationName} is asking for your written consent for {invitation.SubjectName} about the online activity “{request.ActivityTitle}”.",
            },
            reminder ? "We have not had an answer yet, so this is a friendly reminder." : "",
            "",
            forChild ? "Open this link to read about it and choose your answers:" : "Open this link to read exactly what it involves and give or refuse consent for each part:",
            link,
            "",
            $"The link works until {expires}. It is personal to you: please do not forward this e-mail.",
            "You can change your mind at any time after answering, using the link in the confirmation e-mail we send you.",
            "",
            Contact(request),
        };
        return Build(email, subject, lines, link, forChild ? "Open the form" : "Read and answer");
    }

    /// <summary>The issued PDFs of one kind for the given records, by record: attached exactly as issued.</summary>
    private static async Task<Dictionary<int, IssuedDocument>> DocumentsAsync(PortalDbContext db, DocumentKind kind, List<int> relatedIds, CancellationToken ct) =>
        relatedIds.Count == 0
            ? []
            : (await db.IssuedDocuments.AsNoTracking().Where(d => d.Kind == kind && relatedIds.Contains(d.RelatedId)).ToListAsync(ct))
                .GroupBy(d => d.RelatedId).ToDictionary(g => g.Key, g => g.OrderBy(d => d.Id).First());

    private MimeMessage Confirmation(PortalDbContext db, OutgoingEmail email, ConsentSignature signature, ConsentRequest request, IssuedDocument? record, DateTimeOffset now)
    {
        var raw = IssueToken(db, email, signature.InvitationId!.Value, signature.Id, TokenPurpose.Withdraw, now);
        var link = portal.LinkTo($"consent/w/{raw}");
        var lines = new List<string>
        {
            $"Dear {signature.SignerName},",
            "",
            $"Thank you. Your answers for {signature.SubjectName} about “{request.ActivityTitle}” were recorded on {signature.SignedAtUtc.ToUkDateTime()} (UK time). Reference: {signature.Reference}.",
            "",
        };
        lines.AddRange(signature.Answers.OrderBy(a => a.TemplateItemId).Select(a => $"• {a.Label}: {(a.Given ? "consent given" : "consent refused")}"));
        lines.AddRange(
        [
            "",
            "You can withdraw consent for any part, or all of it, at any time. Keep this e-mail: this link lets you do that.",
            link,
            "",
        ]);
        if (record is not null)
        {
            lines.AddRange([AttachedCopy(record, "your signed consent record"), ""]);
        }

        lines.Add(Contact(request));
        return Build(email, $"Your consent has been recorded ({signature.Reference})", lines, link, "Withdraw consent", record);
    }

    private MimeMessage WithdrawalConfirmation(OutgoingEmail email, ConsentWithdrawal withdrawal, ConsentRequest? request, IssuedDocument? receipt)
    {
        var lines = new List<string>
        {
            $"Dear {email.ToName},",
            "",
            $"Your withdrawal of consent for {withdrawal.Signature!.SubjectName}{(request is null ? "" : $" about “{request.ActivityTitle}”")} was recorded on {withdrawal.WithdrawnAtUtc.ToUkDateTime()} (UK time). Reference: {withdrawal.Reference}.",
            "",
            $"Withdrawn: {withdrawal.Items}.",
            "",
            "It took effect straight away, and the organisation's safeguarding lead has been told. Where a recording already exists, it will be disposed of securely under the organisation's recording policy.",
            "",
            receipt is null ? "" : AttachedCopy(receipt, "the receipt for your withdrawal"),
            "",
            request is null ? "" : Contact(request),
        };
        return Build(email, $"Your withdrawal of consent has been recorded ({withdrawal.Reference})", lines, null, null, receipt);
    }

    private MimeMessage WithdrawalNotice(OutgoingEmail email, ConsentWithdrawal withdrawal, IReadOnlyList<(string Recording, DateOnly DueBy)> recordings)
    {
        var link = portal.LinkTo("consent/withdrawals");
        var lines = new List<string>
        {
            $"Dear {email.ToName},",
            "",
            $"Consent has been withdrawn (reference {withdrawal.Reference}, {withdrawal.WithdrawnAtUtc.ToUkDateTime()} UK time). It took effect at once in every list.",
        };
        if (recordings.Count > 0)
        {
            lines.Add("");
            lines.Add($"Consent to recording was withdrawn, and the person is in {(recordings.Count == 1 ? "1 recording" : $"{recordings.Count} recordings")}: {string.Join(", ", recordings.Select(r => r.Recording).Order(StringComparer.Ordinal))}. "
                + $"Under the recording policy {(recordings.Count == 1 ? "it" : "each")} must be disposed of securely by {recordings.Min(r => r.DueBy):d MMM yyyy}; the task is waiting under Recordings → Disposal tasks ({portal.LinkTo("recordings/disposals")}).");
            lines.Add("");
        }

        lines.Add("Please sign in to the portal, act on it (for example, tell the activity's lead) and acknowledge it:");
        lines.Add(link);
        return Build(email, $"Consent withdrawn: action needed ({withdrawal.Reference})", lines, link, "Open withdrawals");
    }

    private string IssueToken(PortalDbContext db, OutgoingEmail email, int invitationId, int? signatureId, TokenPurpose purpose, DateTimeOffset now)
    {
        var (raw, hash) = ConsentTokens.Create();
        var token = new ConsentToken { Hash = hash, Purpose = purpose, InvitationId = invitationId, SignatureId = signatureId, CreatedAtUtc = now };
        db.Add(token);
        tokensByEmail.AddOrUpdate(email, token);
        return raw;
    }

    private static string Contact(ConsentRequest request)
    {
        var who = string.Join(", ", new[] { request.ContactName, request.ContactEmail, request.ContactPhone }.Where(s => !string.IsNullOrWhiteSpace(s)));
        return (who.Length > 0 ? $"Questions or worries? Contact our safeguarding lead: {who}. " : "")
            + $"You can also talk to the NSPCC helpline on 0808 800 5000.";
    }

    private string AttachedCopy(IssuedDocument document, string what) =>
        $"Attached is {what} as a PDF ({document.FileName}). Anyone can check that it is genuine and unchanged at {portal.LinkTo("verify")}.";

    private static MimeMessage Build(OutgoingEmail email, string subject, List<string> lines, string? link, string? linkText, IssuedDocument? attachment = null)
    {
        var message = new MimeMessage();
        message.To.Add(new MailboxAddress(email.ToName, email.ToAddress));
        message.Subject = subject;
        message.MessageId = MimeKit.Utils.MimeUtils.GenerateMessageId();
        var html = new StringBuilder("<!DOCTYPE html><html lang=\"en-GB\"><body style=\"font-family:Arial,sans-serif;font-size:16px;line-height:1.5;color:#1b1b1b\">");
        foreach (var line in lines)
        {
            if (link is not null && line == link)
            {
                html.Append(CultureInfo.InvariantCulture, $"<p><a href=\"{WebUtility.HtmlEncode(link)}\" style=\"display:inline-block;padding:12px 20px;background:#1d4f91;color:#ffffff;text-decoration:underline;border-radius:4px\">{WebUtility.HtmlEncode(linkText)}</a></p>");
                html.Append(CultureInfo.InvariantCulture, $"<p style=\"font-size:14px\">If the button does not work, copy this address into your browser: {WebUtility.HtmlEncode(link)}</p>");
            }
            else if (line.Length > 0)
            {
                html.Append(CultureInfo.InvariantCulture, $"<p>{WebUtility.HtmlEncode(line)}</p>");
            }
        }

        html.Append("</body></html>");
        var body = new BodyBuilder { TextBody = string.Join("\n", lines), HtmlBody = html.ToString() };
        if (attachment is not null)
        {
            body.Attachments.Add(attachment.FileName, attachment.Bytes, new ContentType("application", "pdf"));
        }

        message.Body = body.ToMessageBody();
        return message;
    }
}
