using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using SafeguardingPortal.Features.Documents;
using SafeguardingPortal.Infrastructure;
using SafeguardingPortal.Infrastructure.Audit;
using SafeguardingPortal.Infrastructure.Data;
using SafeguardingPortal.Infrastructure.Email.Queue;

namespace SafeguardingPortal.Features.Consent;

/// <summary>
/// The public side of consent: opening e-mailed links, showing and signing the form, withdrawing.
/// Nobody is signed in, so every rule is enforced from the token alone; every refused use is audited
/// (without the token), and the raw token never leaves the request that carried it.
/// </summary>
public sealed partial class ConsentSigningService(IDbContextFactory<PortalDbContext> dbFactory, PortalClock clock, AuditTrail auditTrail, EmailDeliverySignal deliverySignal, IMemoryCache cache, DocumentIssuer documents)
{
    public const int MaxSignatureImageBytes = 200 * 1024;
    public const string ConsentLinkRefused = "ConsentLinkRefused";

    /// <summary>Checks an e-mailed signing link; records "opened" once per invitation. The link is not used up.</summary>
    public async Task<LinkOutcome> OpenSigningLinkAsync(string? rawToken, LinkEvidence evidence, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (token, invitation) = await FindAsync(db, rawToken, ct);
        var now = clock.UtcNow;
        var state = ConsentTokens.EvaluateSigning(token, invitation, now);
        if (state != LinkState.Valid)
        {
            await RefuseAsync("signing link", state, invitation, evidence, ct);
            return new LinkOutcome(state, state == LinkState.Unknown ? null : invitation!.PublicId, invitation?.SignedAtUtc);
        }

        if (invitation!.OpenedAtUtc is null)
        {
            // The concurrency token makes two simultaneous first opens record one "opened" event.
            invitation.OpenedAtUtc = now;
            invitation.Version = Guid.NewGuid();
            db.AuditActor = LinkActor(invitation, evidence);
            db.Add(new ConsentInvitationEvent { InvitationId = invitation.Id, AtUtc = now, Kind = InvitationEventKinds.Opened, IpAddress = ConsentWithdrawals.Clip(evidence.IpAddress, 64), UserAgent = ConsentWithdrawals.Clip(evidence.UserAgent, 512) });
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                // Opened at the same moment in another tab (or signed): the first one's record stands.
            }
        }

        return new LinkOutcome(LinkState.Valid, invitation.PublicId);
    }

    /// <summary>Whom to contact about an invitation (public details only), for pages that explain a refused link.</summary>
    public async Task<SigningView> GetContactAsync(string? publicId, LinkState state, CancellationToken ct = default)
    {
        if (string.IsNullOrEmpty(publicId) || publicId.Length != 32)
        {
            return new SigningView(state, null, "", "", "", "", null, null);
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var invitation = await db.Set<ConsentInvitation>().AsNoTracking().Include(i => i.Request).FirstOrDefaultAsync(i => i.PublicId == publicId, ct);
        return Refused(state, invitation);
    }

    /// <summary>
    /// Records the answers and the evidence once. A second submission (double click, second tab,
    /// concurrent post) finds the invitation signed and reports the first signature; nothing more is stored.
    /// </summary>
    public async Task<SignOutcome> SignAsync(string publicId, string? rawToken, SigningSubmission submission, LinkEvidence evidence, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(submission);
        ArgumentNullException.ThrowIfNull(evidence);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // The token first, then the invitation: a concurrent signing commits both at once, and read in this order
        // a read that straddles that commit sees the invitation answered (reported as already signed), never a
        // spent token beside an unanswered invitation (which would read as a replaced link).
        var (token, _) = await FindAsync(db, rawToken, ct);
        var invitation = await db.Set<ConsentInvitation>().Include(i => i.Request).FirstOrDefaultAsync(i => i.PublicId == publicId, ct);
        var now = clock.UtcNow;
        var state = ConsentTokens.EvaluateSigning(token, invitation, now);
        if (state == LinkState.Used)
        {
            // A second submit, a second tab, or someone else with the spent link: audited, and told of the first signature.
            await RefuseAsync("signing form", state, invitation, evidence, ct);
            return await AlreadySignedAsync(db, invitation!, ct);
        }

        if (state != LinkState.Valid)
        {
            await RefuseAsync("signing form", state, invitation, evidence, ct);
            return new SignOutcome(state, new Dictionary<string, string>(), null, false, null);
        }

        var version = await LoadVersionAsync(db, invitation!.Request!.TemplateVersionId, ct)
            ?? throw new InvalidOperationException($"The published template version {invitation.Request.TemplateVersionId} is missing.");
        var presentation = ConsentPresentation.For(invitation.Request, version, invitation);
        var (errors, image) = Validate(presentation, submission);
        if (errors.Count > 0)
        {
            return new SignOutcome(LinkState.Valid, errors, null, false, null);
        }

        var signature = new ConsentSignature
        {
            Reference = ConsentWithdrawals.NewReference("C"),
            InvitationId = invitation.Id,
            ActivityId = invitation.Request.ActivityId,
            TemplateVersionId = version.Id,
            Source = SignatureSource.Online,
            SignerKind = invitation.SignerKind,
            ChildId = invitation.ChildId,
            ParentCarerId = invitation.ParentCarerId,
            StaffMemberId = invitation.StaffMemberId,
            SubjectName = invitation.SubjectName,
            SignerName = ConsentWithdrawals.Clip(submission.SignerName, 200),
            Relationship = ConsentWithdrawals.Clip(submission.Relationship, 60),
            SignerEmail = invitation.RecipientEmail,
            SignatureImage = image,
            SignedAtUtc = now,
            IpAddress = ConsentWithdrawals.Clip(evidence.IpAddress, 64),
            UserAgent = ConsentWithdrawals.Clip(evidence.UserAgent, 512),
            PresentedSha256 = presentation.ComputeSha256(),
            Answers = [.. presentation.Items.Select(i => new ConsentAnswer { TemplateItemId = i.ItemId, Kind = i.Kind, Label = i.Label, Given = submission.Answers[i.ItemId] })],
        };
        signature.AnswersSha256 = ConsentPresentation.AnswersSha256(signature);
        invitation.Status = InvitationStatus.Answered;
        invitation.SignedAtUtc = now;
        invitation.Version = Guid.NewGuid();
        db.Add(signature);
        db.Add(new ConsentInvitationEvent
        {
            InvitationId = invitation.Id,
            AtUtc = now,
            Kind = InvitationEventKinds.Answered,
            IpAddress = signature.IpAddress,
            UserAgent = signature.UserAgent,
            Detail = $"Signed by {signature.SignerName} ({signature.Relationship}); answers SHA-256 {signature.AnswersSha256}",
        });
        foreach (var t in await db.Set<ConsentToken>().Where(t => t.InvitationId == invitation.Id && t.Purpose == TokenPurpose.Sign && t.InvalidatedAtUtc == null).ToListAsync(ct))
        {
            t.InvalidatedAtUtc = now;
        }

        foreach (var e in await db.Set<OutgoingEmail>().Where(e => e.Kind == ConsentEmailKinds.Reminder && e.RelatedId == invitation.Id && e.Status == OutgoingEmailStatus.Queued).ToListAsync(ct))
        {
            e.Status = OutgoingEmailStatus.Cancelled;
        }

        db.AuditActor = LinkActor(invitation, evidence);
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await db.SaveChangesAsync(ct);

            // The signed record is issued once, here, with the signature: its bytes are the record from now on.
            await ConsentDocuments.IssueOnlineRecordAsync(db, documents, signature, presentation, now, ct);

            // Refusing recording for someone already recorded means those recordings must go.
            await Recordings.RecordingService.RaiseForRefusalAsync(db, signature, now, ct);
            EmailDispatcher.Enqueue(db, ConsentEmailKinds.Confirmation, signature.Id, invitation.RecipientEmail, signature.SignerName, now);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another submission for this invitation won the race (concurrency token or the unique
            // index on the invitation): report its signature, store nothing more.
            await using var fresh = await dbFactory.CreateDbContextAsync(CancellationToken.None);

            // An immediate transaction waits for the other writer to finish, so its signature is visible.
            await using (await fresh.Database.BeginTransactionAsync(CancellationToken.None))
            {
            }

            var current = await fresh.Set<ConsentInvitation>().AsNoTracking().FirstAsync(i => i.Id == invitation.Id, CancellationToken.None);
            if (current.Status == InvitationStatus.Answered)
            {
                return await AlreadySignedAsync(fresh, current, CancellationToken.None);
            }

            var lateState = ConsentTokens.EvaluateSigning(token, current, clock.UtcNow);
            if (lateState == LinkState.Valid)
            {
                // Something else changed the invitation at the same moment (opened in another tab, or
                // staff touched it): nothing was stored; the signer sends the form again.
                return new SignOutcome(LinkState.Valid, new Dictionary<string, string> { [""] = "Your answers could not be saved just now. Please check them and send the form again." }, null, false, null);
            }

            await RefuseAsync("signing form", lateState, current, evidence, CancellationToken.None);
            return new SignOutcome(lateState, new Dictionary<string, string>(), null, false, null);
        }

        deliverySignal.Notify();
        return new SignOutcome(LinkState.Valid, new Dictionary<string, string>(), signature.Reference, false, signature.SignerEmail);
    }

    private static async Task<SignOutcome> AlreadySignedAsync(PortalDbContext db, ConsentInvitation invitation, CancellationToken ct)
    {
        var signature = await db.Set<ConsentSignature>().AsNoTracking().FirstOrDefaultAsync(s => s.InvitationId == invitation.Id, ct);
        return new SignOutcome(LinkState.Valid, new Dictionary<string, string>(), signature?.Reference, true, invitation.RecipientEmail);
    }

    private static (Dictionary<string, string> Errors, byte[]? Image) Validate(ConsentPresentation presentation, SigningSubmission submission)
    {
        var errors = new Dictionary<string, string>();
        var forChild = presentation.SignerKind == SignerKind.Child;
        foreach (var item in presentation.Items)
        {
            if (!submission.Answers.ContainsKey(item.ItemId))
            {
                errors[$"item-{item.ItemId}"] = forChild ? $"Choose yes or no for “{item.Label}”." : $"Choose whether you give or refuse consent for “{item.Label}”.";
            }
        }

        if (submission.Answers.Keys.Any(k => presentation.Items.All(i => i.ItemId != k)))
        {
            errors[""] = "The form was changed before it was sent. Reload the page and try again.";
        }

        var name = submission.SignerName?.Trim() ?? "";
        if (name.Length < 2)
        {
            errors["SignerName"] = forChild ? "Type your full name." : "Type your full name as your signature.";
        }
        else if (name.Length > 200)
        {
            errors["SignerName"] = "Your name must be 200 characters or fewer.";
        }

        var relationship = submission.Relationship?.Trim() ?? "";
        if (presentation.SignerKind == SignerKind.ParentCarer && relationship.Length == 0)
        {
            errors["Relationship"] = $"Say how you are related to {presentation.SubjectName}, for example mother, father or foster carer.";
        }
        else if (relationship.Length > 60)
        {
            errors["Relationship"] = "This must be 60 characters or fewer.";
        }

        if (!submission.Declaration)
        {
            errors["Declaration"] = forChild ? "Tick the box to say you have read this and understand it." : "Tick the box to confirm the declaration.";
        }

        byte[]? image = null;
        if (!string.IsNullOrWhiteSpace(submission.SignatureDataUrl))
        {
            image = DecodePng(submission.SignatureDataUrl);
            if (image is null)
            {
                errors["Signature"] = "The drawn signature could not be read. Clear it and draw it again, or leave it blank: your typed name is enough.";
            }
        }

        return (errors, image);
    }

    /// <summary>A PNG from a data URL, or null when it is not one or is too large.</summary>
    public static byte[]? DecodePng(string dataUrl)
    {
        const string prefix = "data:image/png;base64,";
        if (!dataUrl.StartsWith(prefix, StringComparison.Ordinal) || dataUrl.Length > prefix.Length + (MaxSignatureImageBytes / 3 * 4) + 4)
        {
            return null;
        }

        var buffer = new byte[MaxSignatureImageBytes];
        if (!Convert.TryFromBase64String(dataUrl[prefix.Length..], buffer, out var written) || written < 8)
        {
            return null;
        }

        ReadOnlySpan<byte> pngMagic = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
        return buffer.AsSpan(0, 8).SequenceEqual(pngMagic) ? buffer[..written] : null;
    }

    private static async Task<(ConsentToken? Token, ConsentInvitation? Invitation)> FindAsync(PortalDbContext db, string? rawToken, CancellationToken ct, bool track = true)
    {
        if (!ConsentTokens.IsWellFormed(rawToken))
        {
            return (null, null);
        }

        var hash = ConsentTokens.Hash(rawToken!);
        var token = await db.Set<ConsentToken>().AsNoTracking().FirstOrDefaultAsync(t => t.Hash == hash, ct);
        if (token is null)
        {
            return (null, null);
        }

        var invitations = track ? db.Set<ConsentInvitation>() : db.Set<ConsentInvitation>().AsNoTracking();
        return (token, await invitations.FirstOrDefaultAsync(i => i.Id == token.InvitationId, ct));
    }

    /// <summary>A published version; they never change (the database refuses), so each is read once and kept.</summary>
    private async Task<ConsentTemplateVersion?> LoadVersionAsync(PortalDbContext db, int versionId, CancellationToken ct) =>
        await cache.GetOrCreateAsync(("consent-template-version", versionId), async entry =>
        {
            entry.SlidingExpiration = TimeSpan.FromHours(1);
            entry.Size = 1;
            return await db.Set<ConsentTemplateVersion>().AsNoTracking().Include(v => v.Items).FirstOrDefaultAsync(v => v.Id == versionId, ct);
        });

    private static SigningView Refused(LinkState state, ConsentInvitation? invitation) =>
        state == LinkState.Unknown || invitation?.Request is null
            ? new SigningView(state, null, "", "", "", "", null, null)
            : new SigningView(state, null, invitation.Request.OrganisationName, invitation.Request.ContactName, invitation.Request.ContactEmail, invitation.Request.ContactPhone, invitation.SignedAtUtc, invitation.ExpiresAtUtc);

    private async Task RefuseAsync(string what, LinkState state, ConsentInvitation? invitation, LinkEvidence evidence, CancellationToken ct)
    {
        var why = state switch
        {
            LinkState.Unknown => "unknown or malformed token",
            LinkState.Expired => "invitation expired",
            LinkState.Used => "invitation already signed (link reused)",
            LinkState.Revoked => "invitation withdrawn by staff",
            LinkState.Replaced => "link replaced by a newer e-mail",
            _ => state.ToString(),
        };
        var actor = new AuditActor(AuditActorKind.SigningLink, invitation?.PublicId ?? "", "signing link", ConsentWithdrawals.Clip(evidence.IpAddress, 64));
        await auditTrail.RecordAsync(
            ConsentLinkRefused,
            $"Refused a {what}: {why}. User agent: {AuditText.Neutralise(ConsentWithdrawals.Clip(evidence.UserAgent, 200))}",
            invitation is null ? "" : nameof(ConsentInvitation),
            invitation?.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "",
            actor,
            ct);
    }

    private static AuditActor LinkActor(ConsentInvitation invitation, LinkEvidence evidence) =>
        new(AuditActorKind.SigningLink, invitation.PublicId, $"{invitation.RecipientName} (by e-mailed link, {EmailAddressMask.Mask(invitation.RecipientEmail)})", ConsentWithdrawals.Clip(evidence.IpAddress, 64));

}
