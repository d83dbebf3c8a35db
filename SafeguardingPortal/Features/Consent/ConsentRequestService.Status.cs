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

public sealed partial class ConsentRequestService
{
    /// <summary>
    /// The grid for one activity: each enrolled child (or each adult asked) against each kind of item
    /// asked about, with the consent that is effective now.
    /// </summary>
    public async Task<ConsentGrid> GridAsync(int activityId, ConsentAudience audience, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await DemandActivityAsync(db, activityId, "see consent for an activity", ct);
        var now = clock.UtcNow;
        var kinds = await db.Set<ConsentRequest>().AsNoTracking()
            .Where(r => r.ActivityId == activityId && r.Audience == audience)
            .SelectMany(r => r.TemplateVersion!.Items.Select(i => i.Kind))
            .Distinct().ToListAsync(ct);
        kinds.Sort();
        var answers = await db.Set<ConsentAnswer>().AsNoTracking()
            .Join(db.Set<ConsentSignature>().Where(s => s.ActivityId == activityId), a => a.SignatureId, s => s.Id, (a, s) => new
            {
                a.SignatureId,
                s.SignerKind,
                s.ChildId,
                s.ParentCarerId,
                s.StaffMemberId,
                s.SignedAtUtc,
                a.Kind,
                a.Given,
                Withdrawn = db.Set<ConsentWithdrawalItem>().Any(w => w.AnswerId == a.Id),
            })
            .ToListAsync(ct);

        // A form may hold several "Other" items: one signature's answers of a kind count as given only
        // when all of them are, and as withdrawn when any of them is.
        answers = [.. answers.GroupBy(a => (a.SignatureId, a.Kind)).Select(g => g.First() with { Given = g.All(x => x.Given), Withdrawn = g.Any(x => x.Withdrawn) })];
        var pending = await db.Set<ConsentInvitation>().AsNoTracking()
            .Where(i => i.Request!.ActivityId == activityId && i.Request.Audience == audience && i.Status == InvitationStatus.Awaiting)
            .Select(i => new { i.SignerKind, i.ChildId, i.StaffMemberId, Expired = i.ExpiresAtUtc <= now, Kinds = i.Request!.TemplateVersion!.Items.Select(x => x.Kind).ToList() })
            .ToListAsync(ct);
        foreach (var k in answers.Select(a => a.Kind).Where(k => !kinds.Contains(k)).Distinct().ToList())
        {
            kinds.Add(k);
        }

        var rows = new List<ConsentGridRow>();
        if (audience == ConsentAudience.Children)
        {
            var children = await db.Enrolments.AsNoTracking().Where(e => e.ActivityId == activityId)
                .Select(e => new
                {
                    e.Child!.Id,
                    e.Child.FirstName,
                    e.Child.LastName,
                    e.Child.PreferredName,
                    e.Child.DateOfBirth,
                    Responsible = e.Child.Guardians.Where(g => g.HasParentalResponsibility).Select(g => g.ParentCarerId).ToList(),
                })
                .OrderBy(c => c.LastName).ThenBy(c => c.FirstName).ToListAsync(ct);
            var today = clock.Today();
            foreach (var child in children)
            {
                var responsible = child.Responsible.ToHashSet();
                var cells = kinds.ToDictionary(k => k, k => ConsentRules.ForChild(
                    answers.Where(a => a.ChildId == child.Id && a.Kind == k).Select(a => new AnswerFact(a.SignerKind, a.ParentCarerId, a.Given, a.SignedAtUtc, a.Withdrawn)),
                    pending.Where(p => p.ChildId == child.Id && p.Kinds.Contains(k)).Select(p => new PendingFact(p.SignerKind, p.Expired)),
                    responsible));
                var name = (string.IsNullOrWhiteSpace(child.PreferredName) ? child.FirstName : child.PreferredName) + " " + child.LastName;
                rows.Add(new ConsentGridRow(child.Id, name, $"Age {UkCalendar.AgeOn(child.DateOfBirth, today)}", cells));
            }
        }
        else
        {
            var staffIds = answers.Select(a => a.StaffMemberId).Concat(pending.Select(p => p.StaffMemberId)).OfType<int>().Distinct().ToList();
            var staff = await db.StaffMembers.AsNoTracking().Where(s => staffIds.Contains(s.Id))
                .OrderBy(s => s.LastName).ThenBy(s => s.FirstName).ToListAsync(ct);
            foreach (var s in staff)
            {
                var cells = kinds.ToDictionary(k => k, k => ConsentRules.ForAdult(
                    answers.Where(a => a.StaffMemberId == s.Id && a.Kind == k).Select(a => new AnswerFact(a.SignerKind, null, a.Given, a.SignedAtUtc, a.Withdrawn)),
                    pending.Where(p => p.StaffMemberId == s.Id && p.Kinds.Contains(k)).Select(p => new PendingFact(p.SignerKind, p.Expired))));
                rows.Add(new ConsentGridRow(s.Id, s.DisplayName, s.Type switch { Staff.StaffType.Volunteer => "Volunteer", Staff.StaffType.ContractWorker => "Contract worker", _ => "Staff" }, cells));
            }
        }

        return new ConsentGrid(audience, kinds, rows);
    }

    /// <summary>The grid as CSV, one line per person; the export is audited.</summary>
    public async Task<string> ExportGridCsvAsync(int activityId, ConsentAudience audience, CancellationToken ct = default)
    {
        var grid = await GridAsync(activityId, audience, ct);
        var csv = new StringBuilder();
        csv.AppendLine(string.Join(",", new[] { audience == ConsentAudience.Children ? "Child" : "Person", "Details" }
            .Concat(grid.Kinds.SelectMany(k => new[] { ConsentRules.Describe(k), ConsentRules.Describe(k) + " effective" })).Select(AuditText.CsvCell)));
        foreach (var row in grid.Rows)
        {
            csv.AppendLine(string.Join(",", new[] { row.Name, row.Detail }
                .Concat(grid.Kinds.SelectMany(k => new[] { ConsentRules.Describe(row.Cells[k].Status), row.Cells[k].Effective ? "Yes" : "No" })).Select(AuditText.CsvCell)));
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.AddAuditEvent(AuditActions.Exported, $"Exported the consent grid ({audience}) of activity {activityId}: {grid.Rows.Count} rows", "Activity", activityId.ToString(CultureInfo.InvariantCulture));
        await db.SaveChangesAsync(ct);
        return csv.ToString();
    }

    /// <summary>Every invitation sent for an activity, newest first, with how its e-mail is doing.</summary>
    public async Task<IReadOnlyList<InvitationRow>> InvitationsAsync(int activityId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await DemandActivityAsync(db, activityId, "see consent invitations", ct);
        var now = clock.UtcNow;
        var rows = await db.Set<ConsentInvitation>().AsNoTracking().Where(i => i.Request!.ActivityId == activityId)
            .OrderByDescending(i => i.CreatedAtUtc).ThenBy(i => i.SubjectName).ThenBy(i => i.Id)
            .Select(i => new
            {
                i.Id,
                i.RequestId,
                i.Request!.TemplateVersion!.Name,
                i.Request.TemplateVersion.Number,
                i.SignerKind,
                i.ChildId,
                i.StaffMemberId,
                i.SubjectName,
                i.RecipientName,
                i.RecipientEmail,
                i.Status,
                i.CreatedAtUtc,
                i.ExpiresAtUtc,
                i.OpenedAtUtc,
                i.SignedAtUtc,
                i.RemindersSent,
                i.Version,
                Email = db.Set<OutgoingEmail>().Where(e => (e.Kind == ConsentEmailKinds.Invitation || e.Kind == ConsentEmailKinds.Reminder) && e.RelatedId == i.Id && e.Status != OutgoingEmailStatus.Cancelled)
                    .OrderByDescending(e => e.Id).Select(e => new { e.Id, e.Status, e.Attempts, e.LastError }).FirstOrDefault(),
            })
            .ToListAsync(ct);
        // Staff who see an activity only because they lead it see the family without contact details.
        var seesContacts = await currentUser.IsAllowedAsync(PortalPolicies.CanViewPeople);
        return [.. rows.Select(r => new InvitationRow(
            r.Id, r.RequestId, r.Name, r.Number, r.SignerKind, r.ChildId, r.StaffMemberId, r.SubjectName, r.RecipientName, seesContacts ? r.RecipientEmail : "",
            r.Status switch
            {
                InvitationStatus.Answered => "Answered",
                InvitationStatus.Revoked => "Withdrawn by staff",
                _ when r.ExpiresAtUtc <= now => "Expired",
                _ when r.OpenedAtUtc is not null => "Opened",
                _ => "Awaiting",
            },
            r.CreatedAtUtc, r.ExpiresAtUtc, r.OpenedAtUtc, r.SignedAtUtc, r.RemindersSent,
            r.Email switch
            {
                null => EmailState.NotSent,
                { Status: OutgoingEmailStatus.Sent } => EmailState.Sent,
                { Status: OutgoingEmailStatus.Failed } => EmailState.Failed,
                { Attempts: > 0 } => EmailState.Failed,
                _ => EmailState.Queued,
            },
            seesContacts ? r.Email?.LastError ?? "" : (r.Email?.LastError is { Length: > 0 } ? "Not delivered" : ""), r.Email?.Id, r.Version))];
    }

    /// <summary>A child's whole consent history across activities, newest first.</summary>
    public async Task<IReadOnlyList<ConsentHistoryEntry>> ChildHistoryAsync(int childId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await currentUser.DemandAsync(PortalPolicies.CanViewChildren, "see a child's consent history");
        var activities = db.Activities.AsNoTracking();
        if (!await currentUser.IsAllowedAsync(PortalPolicies.CanViewPeople))
        {
            var key = await currentUser.GetUserKeyAsync();
            if (key is null || !await db.Enrolments.AnyAsync(e => e.ChildId == childId && e.Activity!.LeadStaffMember!.UserId == key, ct))
            {
                throw new PortalAccessDeniedException("You can see the consent history only of children in activities you lead.");
            }

            // Only the consent for the activities this person leads.
            activities = activities.Where(a => a.LeadStaffMember!.UserId == key);
        }

        var titles = await activities.Select(a => new { a.Id, a.Title }).ToDictionaryAsync(a => a.Id, a => a.Title, ct);
        var visible = titles.Keys.ToList();
        var entries = new List<ConsentHistoryEntry>();
        var invitations = await db.Set<ConsentInvitation>().AsNoTracking().Where(i => i.ChildId == childId && visible.Contains(i.Request!.ActivityId))
            .Select(i => new { i.Id, i.Request!.ActivityId, i.Request.TemplateVersion!.Name, i.Request.TemplateVersion.Number, i.RecipientName, i.SignerKind, i.CreatedAtUtc, i.Status, i.ExpiresAtUtc, i.RevokedAtUtc, i.RevokedReason })
            .ToListAsync(ct);
        foreach (var i in invitations)
        {
            entries.Add(new ConsentHistoryEntry(i.CreatedAtUtc, titles.GetValueOrDefault(i.ActivityId, ""), "Asked", i.RecipientName + (i.SignerKind == SignerKind.Child ? " (the child)" : ""), $"{i.Name} (version {i.Number})", null, null));
            if (i.Status == InvitationStatus.Revoked)
            {
                entries.Add(new ConsentHistoryEntry(i.RevokedAtUtc!.Value, titles.GetValueOrDefault(i.ActivityId, ""), "Invitation withdrawn by staff", i.RecipientName, i.RevokedReason, null, null));
            }
            else if (i.Status == InvitationStatus.Awaiting && i.ExpiresAtUtc <= clock.UtcNow)
            {
                entries.Add(new ConsentHistoryEntry(i.ExpiresAtUtc, titles.GetValueOrDefault(i.ActivityId, ""), "Expired unanswered", i.RecipientName, i.Name, null, null));
            }
        }

        var signatures = await db.Set<ConsentSignature>().AsNoTracking().Include(s => s.Answers).Include(s => s.Withdrawals).Where(s => s.ChildId == childId && visible.Contains(s.ActivityId)).ToListAsync(ct);
        foreach (var s in signatures)
        {
            var answers = string.Join("; ", s.Answers.OrderBy(a => a.TemplateItemId).Select(a => $"{a.Label}: {(a.Given ? "given" : "refused")}"));
            entries.Add(new ConsentHistoryEntry(s.SignedAtUtc, titles.GetValueOrDefault(s.ActivityId, ""), s.Source == SignatureSource.Paper ? "Signed on paper" : "Signed online",
                $"{s.SignerName} ({s.Relationship})", $"{s.Reference}: {answers}", s.Id, null));
            foreach (var w in s.Withdrawals)
            {
                entries.Add(new ConsentHistoryEntry(w.WithdrawnAtUtc, titles.GetValueOrDefault(s.ActivityId, ""), "Withdrawn", $"{w.WithdrawnByName} ({DescribeMethod(w.Method)})",
                    $"{w.Reference}: {w.Items}" + (w.AcknowledgedAtUtc is null ? " — not yet acted on" : $" — acknowledged by {w.AcknowledgedBy}"), s.Id, w.Id));
            }
        }

        return [.. entries.OrderByDescending(e => e.AtUtc)];
    }

    /// <summary>A signature with its answers, for the withdrawal dialog.</summary>
    public async Task<SignatureSummary?> SignatureAsync(int signatureId, CancellationToken ct = default)
    {
        await currentUser.DemandAsync(PortalPolicies.CanManageConsent, "record a withdrawal");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var s = await db.Set<ConsentSignature>().AsNoTracking().Include(x => x.Answers).FirstOrDefaultAsync(x => x.Id == signatureId, ct);
        if (s is null)
        {
            return null;
        }

        var withdrawn = await WithdrawnAnswerIdsAsync(db, s, ct);

        var title = await db.Activities.Where(a => a.Id == s.ActivityId).Select(a => a.Title).FirstOrDefaultAsync(ct) ?? "";
        return new SignatureSummary(s.Id, s.Reference, title, s.SubjectName, s.SignerName, s.SignedAtUtc,
            [.. s.Answers.OrderBy(a => a.TemplateItemId).Select(a => new AnswerSummary(a.Id, a.Kind, a.Label, a.Given, withdrawn.Contains(a.Id)))]);
    }

    internal static async Task<HashSet<int>> WithdrawnAnswerIdsAsync(PortalDbContext db, ConsentSignature signature, CancellationToken ct)
    {
        var ids = signature.Answers.Select(a => a.Id).ToList();
        return [.. await db.Set<ConsentWithdrawalItem>().Where(i => ids.Contains(i.AnswerId)).Select(i => i.AnswerId).ToListAsync(ct)];
    }

    /// <summary>Records a withdrawal received by phone, letter, e-mail or in person.</summary>
    public async Task<string> RecordWithdrawalAsync(RecordWithdrawalModel model, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        var principal = await currentUser.DemandAsync(PortalPolicies.CanManageConsent, "record a withdrawal");
        var errors = new Dictionary<string, string>();
        if (model.Method == WithdrawalMethod.Link || !Enum.IsDefined(model.Method))
        {
            errors[nameof(model.Method)] = "Choose how the withdrawal reached you.";
        }

        if (string.IsNullOrWhiteSpace(model.WithdrawnByName))
        {
            errors[nameof(model.WithdrawnByName)] = "Enter the name of the person who withdrew consent.";
        }

        var today = clock.Today();
        if (model.ReceivedOn is null)
        {
            errors[nameof(model.ReceivedOn)] = "Enter the date it was received.";
        }
        else if (DateOnly.FromDateTime(model.ReceivedOn.Value) > today)
        {
            errors[nameof(model.ReceivedOn)] = "The date cannot be in the future.";
        }

        if (errors.Count > 0)
        {
            throw new PortalValidationException(errors);
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var signature = await db.Set<ConsentSignature>().Include(s => s.Answers).FirstOrDefaultAsync(s => s.Id == model.SignatureId, ct)
            ?? throw new PortalValidationException("", "This consent record no longer exists.");
        var now = clock.UtcNow;
        var received = DateOnly.FromDateTime(model.ReceivedOn!.Value);
        var at = received == today ? now : received.UkDayStartUtc();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var withdrawal = await ConsentWithdrawals.CreateAsync(db, signature, model.AnswerIds, model.Method, model.WithdrawnByName, model.Reason, ConsentWithdrawals.ActorName(principal), "", "", at, now, ct);
        await transaction.CommitAsync(ct);
        deliverySignal.Notify();
        return withdrawal.Reference;
    }

    /// <summary>Withdrawals, those not yet acted on first.</summary>
    public async Task<IReadOnlyList<WithdrawalRow>> WithdrawalsAsync(bool openOnly, CancellationToken ct = default)
    {
        await currentUser.DemandAsync(PortalPolicies.CanManageConsent, "see withdrawals of consent");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = db.Set<ConsentWithdrawal>().AsNoTracking();
        if (openOnly)
        {
            query = query.Where(w => w.AcknowledgedAtUtc == null);
        }

        var rows = await query.OrderBy(w => w.AcknowledgedAtUtc != null).ThenByDescending(w => w.WithdrawnAtUtc).Take(500)
            .Select(w => new
            {
                w.Id,
                w.Reference,
                w.SignatureId,
                SignatureReference = w.Signature!.Reference,
                w.Signature.ActivityId,
                w.Signature.ChildId,
                w.Signature.SubjectName,
                w.WithdrawnByName,
                w.Method,
                w.WithdrawnAtUtc,
                w.Items,
                w.Reason,
                w.RecordedBy,
                w.AcknowledgedAtUtc,
                w.AcknowledgedBy,
                w.AcknowledgementNote,
                w.Version,
            })
            .ToListAsync(ct);
        var ids = rows.Select(r => r.ActivityId).Distinct().ToList();
        var titles = await db.Activities.AsNoTracking().Where(a => ids.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.Title, ct);
        return [.. rows.Select(r => new WithdrawalRow(r.Id, r.Reference, r.SignatureId, r.SignatureReference, r.ActivityId, titles.GetValueOrDefault(r.ActivityId, ""), r.ChildId, r.SubjectName,
            r.WithdrawnByName, r.Method, r.WithdrawnAtUtc, r.Items, r.Reason, r.RecordedBy, r.AcknowledgedAtUtc, r.AcknowledgedBy, r.AcknowledgementNote, r.Version))];
    }

    /// <summary>A safeguarding lead records what was done about a withdrawal.</summary>
    public async Task AcknowledgeWithdrawalAsync(int withdrawalId, string note, Guid version, CancellationToken ct = default)
    {
        var principal = await currentUser.DemandAsync(PortalPolicies.CanManageConsent, "acknowledge a withdrawal");
        if (string.IsNullOrWhiteSpace(note))
        {
            throw new PortalValidationException("Note", "Say what was done, for example “Told the activity lead; no recording exists”.");
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var withdrawal = await db.Set<ConsentWithdrawal>().FirstOrDefaultAsync(w => w.Id == withdrawalId, ct)
            ?? throw new PortalValidationException("", "This withdrawal no longer exists.");
        if (withdrawal.AcknowledgedAtUtc is not null)
        {
            throw new PortalValidationException("", $"{withdrawal.AcknowledgedBy} has already acknowledged this withdrawal.");
        }

        db.Entry(withdrawal).Property(w => w.Version).OriginalValue = version;
        withdrawal.AcknowledgedAtUtc = clock.UtcNow;
        withdrawal.AcknowledgedBy = ConsentWithdrawals.ActorName(principal);
        withdrawal.AcknowledgementNote = ConsentWithdrawals.Clip(note, 2000);
        withdrawal.Version = Guid.NewGuid();
        await db.SaveOrConflictAsync<ConsentWithdrawal>(current => new PortalConcurrencyException(
            current.AcknowledgedAtUtc is null ? "This withdrawal changed while you were looking at it. Reload and try again." : $"{current.AcknowledgedBy} acknowledged this withdrawal first.", current.Version), ct);
    }

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

    public static string DescribeMethod(WithdrawalMethod method) => method switch
    {
        WithdrawalMethod.Link => "by e-mailed link",
        WithdrawalMethod.Phone => "by phone",
        WithdrawalMethod.Letter => "by letter",
        WithdrawalMethod.Email => "by e-mail",
        _ => "in person",
    };

    private async Task DemandActivityAsync(PortalDbContext db, int activityId, string what, CancellationToken ct)
    {
        await currentUser.DemandAsync(PortalPolicies.CanViewActivities, what);
        if (await currentUser.IsAllowedAsync(PortalPolicies.CanViewPeople))
        {
            return;
        }

        var key = await currentUser.GetUserKeyAsync();
        if (key is null || !await db.Activities.AnyAsync(a => a.Id == activityId && a.LeadStaffMember!.UserId == key, ct))
        {
            throw new PortalAccessDeniedException($"You do not have permission to {what}: it is limited to activities you lead.");
        }
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
