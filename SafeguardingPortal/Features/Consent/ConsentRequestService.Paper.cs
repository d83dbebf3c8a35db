using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using SafeguardingPortal.Components.Shared;
using SafeguardingPortal.Features.People;
using SafeguardingPortal.Infrastructure.Audit;
using SafeguardingPortal.Infrastructure.Data;
using SafeguardingPortal.Infrastructure.Email.Queue;
using SafeguardingPortal.Infrastructure.Identity;
using SafeguardingPortal.Infrastructure.Validation;

namespace SafeguardingPortal.Features.Consent;


/// <summary>Paper consent forms recorded by staff, with the scan of the signed page.</summary>
public sealed partial class ConsentRequestService
{
    /// <summary>Records a paper form signed in front of staff or posted in, with its scan.</summary>
    public async Task<string> RecordPaperConsentAsync(PaperConsentModel model, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        var principal = await currentUser.DemandAsync(PortalPolicies.CanManageConsent, "record paper consent");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var errors = new Dictionary<string, string>();
        var version = await db.Set<ConsentTemplateVersion>().AsNoTracking().Include(v => v.Items).FirstOrDefaultAsync(v => v.Id == model.TemplateVersionId, ct);
        if (version is null)
        {
            throw new PortalValidationException(nameof(model.TemplateVersionId), "Choose the form that was signed.");
        }

        var activity = await db.Activities.AsNoTracking().FirstOrDefaultAsync(a => a.Id == model.ActivityId, ct)
            ?? throw new PortalValidationException("", "This activity no longer exists.");
        string subject;
        SignerKind kind;
        if (version.Audience == ConsentAudience.Children)
        {
            var child = model.ChildId is { } cid
                ? await db.Children.AsNoTracking().Include(c => c.Guardians).FirstOrDefaultAsync(c => c.Id == cid && c.Enrolments.Any(e => e.ActivityId == model.ActivityId), ct)
                : null;
            if (child is null)
            {
                throw new PortalValidationException(nameof(model.ChildId), "Choose a child enrolled in this activity.");
            }

            subject = child.DisplayName;
            kind = model.SignedByChild ? SignerKind.Child : SignerKind.ParentCarer;
            if (!model.SignedByChild && !child.Guardians.Any(g => g.ParentCarerId == model.ParentCarerId && g.HasParentalResponsibility))
            {
                errors[nameof(model.ParentCarerId)] = "Choose the parent or carer with parental responsibility who signed.";
            }
        }
        else
        {
            var staff = model.StaffMemberId is { } sid ? await db.StaffMembers.AsNoTracking().FirstOrDefaultAsync(s => s.Id == sid, ct) : null;
            if (staff is null)
            {
                throw new PortalValidationException(nameof(model.StaffMemberId), "Choose the person who signed.");
            }

            subject = staff.DisplayName;
            kind = SignerKind.Adult;
        }

        if (string.IsNullOrWhiteSpace(model.SignerName))
        {
            errors[nameof(model.SignerName)] = "Enter the name as signed on the form.";
        }

        if (model.SignedOn is null || DateOnly.FromDateTime(model.SignedOn.Value) > clock.Today())
        {
            errors[nameof(model.SignedOn)] = "Enter the date on the form (not in the future).";
        }

        if (version.Items.Any(i => !model.Answers.ContainsKey(i.Id)) || model.Answers.Keys.Any(k => version.Items.All(i => i.Id != k)))
        {
            errors[nameof(model.Answers)] = "Record the answer to every item, as marked on the form.";
        }

        var scanType = ScanTypes.Detect(model.ScanContent);
        if (model.ScanContent.Length == 0)
        {
            errors[nameof(model.ScanContent)] = "Attach the scan or photo of the signed form.";
        }
        else if (model.ScanContent.Length > settings.MaxScanMegabytes * 1024L * 1024L)
        {
            errors[nameof(model.ScanContent)] = $"The file is too large; the limit is {settings.MaxScanMegabytes} MB.";
        }
        else if (scanType is null)
        {
            errors[nameof(model.ScanContent)] = "Attach a PDF, PNG or JPEG file (the file's content is checked, not its name).";
        }

        if (errors.Count > 0)
        {
            throw new PortalValidationException(errors);
        }

        var now = clock.UtcNow;
        var signedOn = DateOnly.FromDateTime(model.SignedOn!.Value);
        var signature = new ConsentSignature
        {
            Reference = ConsentWithdrawals.NewReference("C"),
            ActivityId = activity.Id,
            TemplateVersionId = version.Id,
            Source = SignatureSource.Paper,
            SignerKind = kind,
            ChildId = kind == SignerKind.Adult ? null : model.ChildId,
            ParentCarerId = kind == SignerKind.ParentCarer ? model.ParentCarerId : null,
            StaffMemberId = kind == SignerKind.Adult ? model.StaffMemberId : null,
            SubjectName = subject,
            SignerName = ConsentWithdrawals.Clip(model.SignerName, 200),
            Relationship = ConsentWithdrawals.Clip(kind == SignerKind.ParentCarer ? model.Relationship : "Myself", 60),
            SignedAtUtc = signedOn == clock.Today() ? now : signedOn.UkDayStartUtc(),
            RecordedBy = ConsentWithdrawals.ActorName(principal),
            PresentedSha256 = version.ContentSha256,
            Answers = [.. version.Items.OrderBy(i => i.Position).Select(i => new ConsentAnswer { TemplateItemId = i.Id, Kind = i.Kind, Label = i.Label, Given = model.Answers[i.Id] })],
        };
        signature.AnswersSha256 = ConsentPresentation.AnswersSha256(signature);
        db.Add(signature);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.SaveChangesAsync(ct);
        await ConsentDocuments.IssuePaperRecordAsync(db, documents, signature, version, (await organisation.GetAsync(ct)).Name, now, ct);
        await Recordings.RecordingService.RaiseForRefusalAsync(db, signature, now, ct);
        db.Add(new ConsentScan
        {
            SignatureId = signature.Id,
            StoredName = $"{Guid.NewGuid():N}{scanType!.Value.Extension}",
            ContentType = scanType.Value.ContentType,
            Content = model.ScanContent,
            Length = model.ScanContent.Length,
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(model.ScanContent)),
        });
        await CloseAnsweredOnPaperAsync(db, signature, version.TemplateId, now, ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return signature.Reference;
    }

    /// <summary>
    /// A paper answer closes that signer's open invitations to the same form for the activity: no
    /// reminders follow, and the e-mailed links stop working.
    /// </summary>
    private static async Task CloseAnsweredOnPaperAsync(PortalDbContext db, ConsentSignature signature, int templateId, DateTimeOffset now, CancellationToken ct)
    {
        var open = await db.Set<ConsentInvitation>()
            .Where(i => i.Status == InvitationStatus.Awaiting && i.Request!.ActivityId == signature.ActivityId && i.Request.TemplateVersion!.TemplateId == templateId
                && i.SignerKind == signature.SignerKind && i.ChildId == signature.ChildId && i.ParentCarerId == signature.ParentCarerId && i.StaffMemberId == signature.StaffMemberId)
            .ToListAsync(ct);
        foreach (var invitation in open)
        {
            invitation.Status = InvitationStatus.Revoked;
            invitation.RevokedAtUtc = now;
            invitation.RevokedReason = $"Answered on paper ({signature.Reference})";
            invitation.Version = Guid.NewGuid();
            db.Add(new ConsentInvitationEvent { InvitationId = invitation.Id, AtUtc = now, Kind = InvitationEventKinds.Revoked, Detail = invitation.RevokedReason });
            await InvalidateTokensAsync(db, invitation.Id, TokenPurpose.Sign, now, ct);
            await CancelQueuedAsync(db, invitation.Id, ct);
        }
    }

    /// <summary>The parents and carers with parental responsibility who may sign a paper form for a child.</summary>
    public async Task<IReadOnlyList<(int Id, string Name, string Relationship)>> PaperSignersAsync(int childId, CancellationToken ct = default)
    {
        await currentUser.DemandAsync(PortalPolicies.CanManageConsent, "record paper consent");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.ChildGuardians.AsNoTracking().Where(g => g.ChildId == childId && g.HasParentalResponsibility)
            .OrderBy(g => g.ParentCarer!.LastName).ThenBy(g => g.ParentCarer!.FirstName)
            .Select(g => new { g.ParentCarerId, g.ParentCarer!.FirstName, g.ParentCarer.LastName, g.Relationship })
            .ToListAsync(ct);
        return [.. rows.Select(r => (r.ParentCarerId, $"{r.FirstName} {r.LastName}", r.Relationship))];
    }

    /// <summary>The scan of a paper form, for staff who may see the child's consent.</summary>
    public async Task<(string FileName, string ContentType, byte[] Content)?> ScanAsync(int signatureId, CancellationToken ct = default)
    {
        await currentUser.DemandAsync(PortalPolicies.CanManageConsent, "open the scan of a paper consent form");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var scan = await db.Set<ConsentScan>().AsNoTracking().FirstOrDefaultAsync(s => s.SignatureId == signatureId, ct);
        if (scan is null)
        {
            return null;
        }

        db.AddAuditEvent(AuditActions.Viewed, $"Opened the scan of paper consent form {signatureId}", nameof(ConsentScan), scan.Id.ToString(CultureInfo.InvariantCulture));
        await db.SaveChangesAsync(ct);
        return (scan.StoredName, scan.ContentType, scan.Content);
    }
}

/// <summary>Recognises an uploaded scan by its first bytes, never by its name.</summary>
public static class ScanTypes
{
    public static (string ContentType, string Extension)? Detect(ReadOnlySpan<byte> content) =>
        content.StartsWith("%PDF-"u8) ? ("application/pdf", ".pdf")
        : content.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) ? ("image/png", ".png")
        : content.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]) ? ("image/jpeg", ".jpg")
        : null;
}
