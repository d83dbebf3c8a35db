using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SafeguardingPortal.Features.Children;
using SafeguardingPortal.Features.Documents;
using SafeguardingPortal.Features.People;
using SafeguardingPortal.Features.Settings;
using SafeguardingPortal.Infrastructure;
using SafeguardingPortal.Infrastructure.Data;
using SafeguardingPortal.Infrastructure.Email.Queue;
using SafeguardingPortal.Infrastructure.Identity;
using SafeguardingPortal.Infrastructure.Validation;

namespace SafeguardingPortal.Features.Consent;

/// <summary>
/// Sending consent requests from an activity and looking after their invitations (re-send, revoke,
/// retry e-mail), plus what staff see: the grid, the invitations, each child's history, withdrawals and
/// paper forms. Safeguarding leads and administrators change things; the lists follow the people rules.
/// </summary>
public sealed partial class ConsentRequestService(
    IDbContextFactory<PortalDbContext> dbFactory,
    CurrentUser currentUser,
    PortalClock clock,
    OrganisationSettingsService organisation,
    EmailDeliverySignal deliverySignal,
    IOptions<ConsentOptions> options,
    DocumentIssuer documents)
{
    private const string SendPurpose = "send consent requests";
    private readonly ConsentOptions settings = options.Value;

    private sealed record Recipient(SignerKind Kind, int? ChildId, int? ParentCarerId, int? StaffMemberId, string SubjectName, string Name, string Email, string Relationship);

    public async Task<RequestPreview> PreviewAsync(SendConsentRequestModel model, CancellationToken ct = default)
    {
        await currentUser.DemandAsync(PortalPolicies.CanManageConsent, SendPurpose);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (_, recipients, awaiting, unreachable) = await PlanAsync(db, model, ct);
        return new RequestPreview(recipients.Count, recipients.Count(r => r.Kind == SignerKind.Child), awaiting, unreachable);
    }

    /// <summary>
    /// Creates the request, one invitation per recipient and their e-mails in one transaction (one
    /// audit event), then wakes delivery. Recipients already waiting on the same form are skipped.
    /// </summary>
    public async Task<SendResult> SendAsync(SendConsentRequestModel model, CancellationToken ct = default)
    {
        var principal = await currentUser.DemandAsync(PortalPolicies.CanManageConsent, SendPurpose);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (version, recipients, awaiting, unreachable) = await PlanAsync(db, model, ct);
        if (recipients.Count == 0)
        {
            throw new PortalValidationException("", awaiting > 0
                ? "Everyone chosen is already waiting to answer this form; nobody new to ask."
                : "Nobody chosen can be asked by e-mail: add e-mail addresses for their parents or carers first.");
        }

        var activity = await db.Activities.AsNoTracking().Include(a => a.Platform).FirstAsync(a => a.Id == model.ActivityId, ct);
        var org = await organisation.GetAsync(ct);
        var now = clock.UtcNow;
        var request = NewRequest(activity, version, org, ConsentWithdrawals.ActorName(principal), now);
        await Recordings.RecordingPolicyService.ApplyTermsAsync(db, request, version, ct);
        var expires = now.AddDays(settings.LinkLifetimeDays);
        foreach (var r in recipients)
        {
            var invitation = NewInvitation(request, version, r.Kind, r.ChildId, r.ParentCarerId, r.StaffMemberId, r.SubjectName, r.Name, r.Email, r.Relationship, now, expires);
            invitation.Events.Add(new ConsentInvitationEvent { AtUtc = now, Kind = InvitationEventKinds.Created, Detail = $"Requested by {request.CreatedBy}" });
            request.Invitations.Add(invitation);
        }

        db.Add(request);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.AuditBulkDescription = $"Sent “{version.Name}” (version {version.Number}) for “{activity.Title}” to {recipients.Count} {(recipients.Count == 1 ? "person" : "people")}";
        await db.SaveChangesAsync(ct);
        foreach (var invitation in request.Invitations)
        {
            EmailDispatcher.Enqueue(db, ConsentEmailKinds.Invitation, invitation.Id, invitation.RecipientEmail, invitation.RecipientName, now);
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        deliverySignal.Notify();
        return new SendResult(request.Id, recipients.Count, awaiting, unreachable);
    }

    /// <summary>How far the e-mails of a request have got.</summary>
    public async Task<RequestProgress> ProgressAsync(int requestId, CancellationToken ct = default)
    {
        await currentUser.DemandAsync(PortalPolicies.CanManageConsent, "follow a consent request");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var ids = db.Set<ConsentInvitation>().Where(i => i.RequestId == requestId).Select(i => i.Id);
        var counts = await db.Set<OutgoingEmail>().AsNoTracking()
            .Where(e => e.Kind == ConsentEmailKinds.Invitation && ids.Contains(e.RelatedId))
            .GroupBy(e => e.Status)
            .Select(g => new { g.Key, Count = g.Count() })
            .ToListAsync(ct);
        int Count(OutgoingEmailStatus s) => counts.FirstOrDefault(c => c.Key == s)?.Count ?? 0;
        var failedSoFar = await db.Set<OutgoingEmail>().CountAsync(e => e.Kind == ConsentEmailKinds.Invitation && ids.Contains(e.RelatedId) && e.Status == OutgoingEmailStatus.Queued && e.Attempts > 0, ct);
        return new RequestProgress(counts.Sum(c => c.Count), Count(OutgoingEmailStatus.Sent), Count(OutgoingEmailStatus.Failed) + failedSoFar, Count(OutgoingEmailStatus.Queued) - failedSoFar);
    }

    /// <summary>Sends the invitation again with a new link; links in earlier e-mails stop working and the time limit starts again.</summary>
    public async Task ResendAsync(int invitationId, Guid version, CancellationToken ct = default)
    {
        var principal = await currentUser.DemandAsync(PortalPolicies.CanManageConsent, "re-send a consent invitation");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var invitation = await db.Set<ConsentInvitation>().FirstOrDefaultAsync(i => i.Id == invitationId, ct)
            ?? throw new PortalValidationException("", "This invitation no longer exists.");
        if (invitation.Status != InvitationStatus.Awaiting)
        {
            throw new PortalValidationException("", invitation.Status == InvitationStatus.Answered
                ? "This invitation has already been answered; there is nothing to re-send."
                : "This invitation was withdrawn. Send a new request instead.");
        }

        // The person's address as it is now: a corrected typo is what a re-send is often for.
        var current = invitation.SignerKind switch
        {
            SignerKind.ParentCarer => await db.ParentsCarers.Where(p => p.Id == invitation.ParentCarerId).Select(p => p.Email).FirstOrDefaultAsync(ct),
            SignerKind.Child => await db.Children.Where(c => c.Id == invitation.ChildId).Select(c => c.Email).FirstOrDefaultAsync(ct),
            _ => await db.StaffMembers.Where(s => s.Id == invitation.StaffMemberId).Select(s => s.WorkEmail).FirstOrDefaultAsync(ct),
        };
        if (string.IsNullOrWhiteSpace(current))
        {
            throw new PortalValidationException("", $"{invitation.RecipientName} no longer has an e-mail address. Add one to their record first.");
        }

        var now = clock.UtcNow;
        db.Entry(invitation).Property(i => i.Version).OriginalValue = version;
        invitation.RecipientEmail = current.Trim();
        invitation.ExpiresAtUtc = now.AddDays(settings.LinkLifetimeDays);
        invitation.ExpiredAtUtc = null;
        invitation.RemindersSent = 0;
        invitation.FirstSentAtUtc = null;
        invitation.Version = Guid.NewGuid();
        db.Add(new ConsentInvitationEvent { InvitationId = invitation.Id, AtUtc = now, Kind = InvitationEventKinds.Resent, Detail = $"Re-sent by {ConsentWithdrawals.ActorName(principal)}; earlier links stopped working" });
        await InvalidateTokensAsync(db, invitation.Id, TokenPurpose.Sign, now, ct);
        await CancelQueuedAsync(db, invitation.Id, ct);
        EmailDispatcher.Enqueue(db, ConsentEmailKinds.Invitation, invitation.Id, invitation.RecipientEmail, invitation.RecipientName, now);
        await db.SaveOrConflictAsync<ConsentInvitation>(_ => new PortalConcurrencyException("This invitation changed while you were looking at it (it may have just been answered). Reload the list and try again."), ct);
        deliverySignal.Notify();
    }

    /// <summary>Withdraws an unanswered invitation: its links stop working at once.</summary>
    public async Task RevokeAsync(int invitationId, string reason, Guid version, CancellationToken ct = default)
    {
        var principal = await currentUser.DemandAsync(PortalPolicies.CanManageConsent, "revoke a consent invitation");
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new PortalValidationException("Reason", "Say why the invitation is being withdrawn (for the record).");
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var invitation = await db.Set<ConsentInvitation>().FirstOrDefaultAsync(i => i.Id == invitationId, ct)
            ?? throw new PortalValidationException("", "This invitation no longer exists.");
        if (invitation.Status != InvitationStatus.Awaiting)
        {
            throw new PortalValidationException("", invitation.Status == InvitationStatus.Answered
                ? "This invitation has already been answered. To undo consent, record a withdrawal."
                : "This invitation has already been withdrawn.");
        }

        var now = clock.UtcNow;
        db.Entry(invitation).Property(i => i.Version).OriginalValue = version;
        invitation.Status = InvitationStatus.Revoked;
        invitation.RevokedAtUtc = now;
        invitation.RevokedReason = reason.Trim().Length > 500 ? reason.Trim()[..500] : reason.Trim();
        invitation.Version = Guid.NewGuid();
        db.Add(new ConsentInvitationEvent { InvitationId = invitation.Id, AtUtc = now, Kind = InvitationEventKinds.Revoked, Detail = $"Withdrawn by {ConsentWithdrawals.ActorName(principal)}: {invitation.RevokedReason}" });
        await InvalidateTokensAsync(db, invitation.Id, TokenPurpose.Sign, now, ct);
        await CancelQueuedAsync(db, invitation.Id, ct);
        await db.SaveOrConflictAsync<ConsentInvitation>(_ => new PortalConcurrencyException("This invitation changed while you were looking at it (it may have just been answered). Reload the list and try again."), ct);
    }

    /// <summary>Tries a failed e-mail again now.</summary>
    public async Task RetryEmailAsync(long emailId, CancellationToken ct = default)
    {
        await currentUser.DemandAsync(PortalPolicies.CanManageConsent, "retry an e-mail");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var email = await db.Set<OutgoingEmail>().FirstOrDefaultAsync(e => e.Id == emailId && ConsentEmailKinds.All.Contains(e.Kind), ct)
            ?? throw new PortalValidationException("", "This e-mail no longer exists.");
        if (email.Status == OutgoingEmailStatus.Sent)
        {
            throw new PortalValidationException("", "This e-mail has already been sent.");
        }

        email.Status = OutgoingEmailStatus.Queued;
        email.NextAttemptAtUtc = clock.UtcNow;
        email.Attempts = 0;
        db.AddAuditEvent("EmailRetried", $"Asked for e-mail {email.Id} ({email.Kind}) to {EmailAddressMask.Mask(email.ToAddress)} to be tried again", nameof(OutgoingEmail), email.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await db.SaveChangesAsync(ct);
        deliverySignal.Notify();
    }

    /// <summary>A request with its own copy of the activity's texts and the organisation's contacts.</summary>
    internal static ConsentRequest NewRequest(Activities.Activity activity, ConsentTemplateVersion version, OrganisationSettingsModel org, string createdBy, DateTimeOffset now) => new()
    {
        ActivityId = activity.Id,
        TemplateVersionId = version.Id,
        Audience = version.Audience,
        OrganisationName = org.Name,
        ActivityTitle = activity.Title,
        ActivityDescription = activity.Description,
        WhyOnline = activity.WhyOnline,
        Benefits = activity.Benefits,
        Risks = activity.Risks,
        PlatformName = activity.Platform?.Name ?? "",
        ContactName = org.SafeguardingLeadName,
        ContactEmail = org.SafeguardingLeadEmail,
        ContactPhone = org.SafeguardingLeadPhone,
        Helpline = ConsentPresentation.NspccHelpline,
        Declaration = version.Audience == ConsentAudience.Adults ? DefaultConsentTemplates.AdultDeclaration : DefaultConsentTemplates.ParentDeclaration,
        ChildDeclaration = DefaultConsentTemplates.ChildDeclaration,
        CreatedAtUtc = now,
        CreatedBy = createdBy,
    };

    /// <summary>An invitation for one recipient, with the SHA-256 of exactly what its page will show.</summary>
    internal static ConsentInvitation NewInvitation(
        ConsentRequest request, ConsentTemplateVersion version, SignerKind kind, int? childId, int? parentCarerId, int? staffMemberId,
        string subjectName, string recipientName, string recipientEmail, string relationship, DateTimeOffset now, DateTimeOffset expires)
    {
        var invitation = new ConsentInvitation
        {
            PublicId = ConsentTokens.NewPublicId(),
            SignerKind = kind,
            ChildId = childId,
            ParentCarerId = parentCarerId,
            StaffMemberId = staffMemberId,
            SubjectName = subjectName,
            RecipientName = recipientName,
            RecipientEmail = recipientEmail,
            Relationship = relationship,
            Status = InvitationStatus.Awaiting,
            CreatedAtUtc = now,
            ExpiresAtUtc = expires,
            Version = Guid.NewGuid(),
        };
        invitation.PresentedSha256 = ConsentPresentation.For(request, version, invitation).ComputeSha256();
        return invitation;
    }

    private async Task<(ConsentTemplateVersion Version, List<Recipient> Recipients, int AlreadyAwaiting, List<string> Unreachable)> PlanAsync(
        PortalDbContext db, SendConsentRequestModel model, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(model);
        var version = await db.Set<ConsentTemplateVersion>().AsNoTracking().Include(v => v.Items).Include(v => v.Template)
            .FirstOrDefaultAsync(v => v.Id == model.TemplateVersionId, ct)
            ?? throw new PortalValidationException(nameof(model.TemplateVersionId), "Choose a published consent form.");
        if (version.Template!.IsArchived)
        {
            throw new PortalValidationException(nameof(model.TemplateVersionId), "This form has been archived. Choose another.");
        }

        if (!await db.Activities.AnyAsync(a => a.Id == model.ActivityId, ct))
        {
            throw new PortalValidationException("", "This activity no longer exists.");
        }

        var recipients = new List<Recipient>();
        var unreachable = new List<string>();
        var today = clock.Today();
        if (version.Audience == ConsentAudience.Children)
        {
            var enrolled = db.Enrolments.Where(e => e.ActivityId == model.ActivityId).Select(e => e.ChildId);
            var query = db.Children.AsNoTracking().Where(c => enrolled.Contains(c.Id));
            if (model.ChildIds.Count > 0)
            {
                if (await db.Children.CountAsync(c => model.ChildIds.Contains(c.Id) && enrolled.Contains(c.Id), ct) != model.ChildIds.Distinct().Count())
                {
                    throw new PortalValidationException(nameof(model.ChildIds), "Some of the children chosen are not enrolled in this activity. Enrol them first.");
                }

                query = query.Where(c => model.ChildIds.Contains(c.Id));
            }

            var children = await query
                .OrderBy(c => c.LastName).ThenBy(c => c.FirstName)
                .Select(c => new
                {
                    c.Id,
                    c.FirstName,
                    c.LastName,
                    c.PreferredName,
                    c.DateOfBirth,
                    c.Email,
                    Guardians = c.Guardians.Where(g => g.HasParentalResponsibility)
                        .Select(g => new { g.ParentCarerId, g.Relationship, g.ParentCarer!.FirstName, g.ParentCarer.LastName, g.ParentCarer.Email }).ToList(),
                })
                .ToListAsync(ct);
            if (children.Count == 0)
            {
                throw new PortalValidationException(nameof(model.ChildIds), "No children are enrolled in this activity yet. Enrol them first.");
            }

            foreach (var child in children)
            {
                var name = (string.IsNullOrWhiteSpace(child.PreferredName) ? child.FirstName : child.PreferredName) + " " + child.LastName;
                var parents = child.Guardians.Where(g => !string.IsNullOrWhiteSpace(g.Email)).ToList();
                if (parents.Count == 0)
                {
                    unreachable.Add($"{name}: no parent or carer with parental responsibility has an e-mail address");
                }

                recipients.AddRange(parents.Select(p => new Recipient(SignerKind.ParentCarer, child.Id, p.ParentCarerId, null, name, $"{p.FirstName} {p.LastName}", p.Email.Trim(), p.Relationship)));
                if (UkCalendar.AgeOn(child.DateOfBirth, today) >= settings.ChildSignerAge)
                {
                    if (string.IsNullOrWhiteSpace(child.Email))
                    {
                        unreachable.Add($"{name}: old enough to be asked, but has no e-mail address of their own");
                    }
                    else
                    {
                        recipients.Add(new Recipient(SignerKind.Child, child.Id, null, null, name, name, child.Email.Trim(), "Myself"));
                    }
                }
            }
        }
        else
        {
            if (model.StaffMemberIds.Count == 0)
            {
                throw new PortalValidationException(nameof(model.StaffMemberIds), "Choose the staff, volunteers or contract workers to ask.");
            }

            var staff = await db.StaffMembers.AsNoTracking().Where(s => model.StaffMemberIds.Contains(s.Id))
                .OrderBy(s => s.LastName).ThenBy(s => s.FirstName).ToListAsync(ct);
            foreach (var s in staff)
            {
                if (string.IsNullOrWhiteSpace(s.WorkEmail))
                {
                    unreachable.Add($"{s.DisplayName}: no work e-mail address");
                    continue;
                }

                recipients.Add(new Recipient(SignerKind.Adult, null, null, s.Id, s.DisplayName, s.DisplayName, s.WorkEmail.Trim(), "Myself"));
            }
        }

        // Someone still able to answer this form (any version) for this activity is not asked twice.
        var now = clock.UtcNow;
        var waiting = await db.Set<ConsentInvitation>().AsNoTracking()
            .Where(i => i.Request!.ActivityId == model.ActivityId && i.Request.TemplateVersion!.TemplateId == version.TemplateId
                && i.Status == InvitationStatus.Awaiting && i.ExpiresAtUtc > now)
            .Select(i => new { i.SignerKind, i.ChildId, i.ParentCarerId, i.StaffMemberId })
            .ToListAsync(ct);
        var waitingKeys = waiting.Select(w => (w.SignerKind, w.ChildId, w.ParentCarerId, w.StaffMemberId)).ToHashSet();
        var fresh = recipients.Where(r => !waitingKeys.Contains((r.Kind, r.ChildId, r.ParentCarerId, r.StaffMemberId))).ToList();
        return (version, fresh, recipients.Count - fresh.Count, unreachable);
    }

    internal static async Task InvalidateTokensAsync(PortalDbContext db, int invitationId, TokenPurpose purpose, DateTimeOffset now, CancellationToken ct)
    {
        var tokens = await db.Set<ConsentToken>().Where(t => t.InvitationId == invitationId && t.Purpose == purpose && t.InvalidatedAtUtc == null).ToListAsync(ct);
        foreach (var token in tokens)
        {
            token.InvalidatedAtUtc = now;
        }
    }

    internal static async Task CancelQueuedAsync(PortalDbContext db, int invitationId, CancellationToken ct)
    {
        var queued = await db.Set<OutgoingEmail>()
            .Where(e => (e.Kind == ConsentEmailKinds.Invitation || e.Kind == ConsentEmailKinds.Reminder) && e.RelatedId == invitationId
                && (e.Status == OutgoingEmailStatus.Queued || e.Status == OutgoingEmailStatus.Failed))
            .ToListAsync(ct);
        foreach (var email in queued)
        {
            email.Status = OutgoingEmailStatus.Cancelled;
        }
    }
}
