using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using SafeguardingPortal.Components.Shared;
using SafeguardingPortal.Features.Documents;
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
        var (answers, pending) = await ConsentFactsAsync(db, activityId, audience, now, ct);
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
                var cells = kinds.ToDictionary(k => k, k => ChildCell(answers, pending, child.Id, k, responsible));
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
                var cells = kinds.ToDictionary(k => k, k => AdultCell(answers, pending, s.Id, k));
                rows.Add(new ConsentGridRow(s.Id, s.DisplayName, s.Type switch { Staff.StaffType.Volunteer => "Volunteer", Staff.StaffType.ContractWorker => "Contract worker", _ => "Staff" }, cells));
            }
        }

        return new ConsentGrid(audience, kinds, rows);
    }

    /// <summary>One signature's answer of one kind, with whose consent it is and whether it has been withdrawn.</summary>
    internal sealed record AnswerRow(int SignatureId, SignerKind SignerKind, int? ChildId, int? ParentCarerId, int? StaffMemberId, DateTimeOffset SignedAtUtc, ConsentItemKind Kind, bool Given, bool Withdrawn);

    /// <summary>An unanswered invitation and the kinds its form asks about.</summary>
    internal sealed record PendingRow(SignerKind SignerKind, int? ChildId, int? StaffMemberId, bool Expired, List<ConsentItemKind> Kinds);

    /// <summary>
    /// Everything the effective-consent rules need for one activity: every answer given on its forms and
    /// every invitation still waiting (of one audience, or of both when none is given). The consent grid
    /// and the recordings' coverage check both read consent through this, then <see cref="ChildCell"/>
    /// and <see cref="AdultCell"/>, so they can never disagree.
    /// </summary>
    internal static async Task<(List<AnswerRow> Answers, List<PendingRow> Pending)> ConsentFactsAsync(PortalDbContext db, int activityId, ConsentAudience? audience, DateTimeOffset now, CancellationToken ct)
    {
        var answers = await db.Set<ConsentAnswer>().AsNoTracking()
            .Join(db.Set<ConsentSignature>().Where(s => s.ActivityId == activityId), a => a.SignatureId, s => s.Id, (a, s) => new AnswerRow(
                a.SignatureId, s.SignerKind, s.ChildId, s.ParentCarerId, s.StaffMemberId, s.SignedAtUtc, a.Kind, a.Given,
                db.Set<ConsentWithdrawalItem>().Any(w => w.AnswerId == a.Id)))
            .ToListAsync(ct);

        // A form may hold several "Other" items: one signature's answers of a kind count as given only
        // when all of them are, and as withdrawn when any of them is.
        answers = [.. answers.GroupBy(a => (a.SignatureId, a.Kind)).Select(g => g.First() with { Given = g.All(x => x.Given), Withdrawn = g.Any(x => x.Withdrawn) })];
        var pending = await db.Set<ConsentInvitation>().AsNoTracking()
            .Where(i => i.Request!.ActivityId == activityId && (audience == null || i.Request.Audience == audience) && i.Status == InvitationStatus.Awaiting)
            .Select(i => new PendingRow(i.SignerKind, i.ChildId, i.StaffMemberId, i.ExpiresAtUtc <= now, i.Request!.TemplateVersion!.Items.Select(x => x.Kind).ToList()))
            .ToListAsync(ct);
        return (answers, pending);
    }

    /// <summary>The effective consent of one child, on one kind of item, from the activity's facts.</summary>
    internal static ConsentCell ChildCell(List<AnswerRow> answers, List<PendingRow> pending, int childId, ConsentItemKind kind, IReadOnlySet<int> parentsWithResponsibility) =>
        ConsentRules.ForChild(
            answers.Where(a => a.ChildId == childId && a.Kind == kind).Select(a => new AnswerFact(a.SignerKind, a.ParentCarerId, a.Given, a.SignedAtUtc, a.Withdrawn)),
            pending.Where(p => p.ChildId == childId && p.Kinds.Contains(kind)).Select(p => new PendingFact(p.SignerKind, p.Expired)),
            parentsWithResponsibility);

    /// <summary>The effective consent of one adult (staff, volunteer, contract worker), on one kind of item.</summary>
    internal static ConsentCell AdultCell(List<AnswerRow> answers, List<PendingRow> pending, int staffMemberId, ConsentItemKind kind) =>
        ConsentRules.ForAdult(
            answers.Where(a => a.StaffMemberId == staffMemberId && a.Kind == kind).Select(a => new AnswerFact(a.SignerKind, null, a.Given, a.SignedAtUtc, a.Withdrawn)),
            pending.Where(p => p.StaffMemberId == staffMemberId && p.Kinds.Contains(kind)).Select(p => new PendingFact(p.SignerKind, p.Expired)));

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
        var answered = rows.Where(r => r.Status == InvitationStatus.Answered).Select(r => r.Id).ToList();
        var signatureOf = await db.Set<ConsentSignature>().AsNoTracking().Where(s => s.InvitationId != null && answered.Contains(s.InvitationId.Value))
            .Select(s => new { InvitationId = s.InvitationId!.Value, s.Id }).ToDictionaryAsync(s => s.InvitationId, s => s.Id, ct);
        var recorded = await IssuedAsync(db, DocumentKind.ConsentRecord, [.. signatureOf.Values], ct);

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
            seesContacts ? r.Email?.LastError ?? "" : (r.Email?.LastError is { Length: > 0 } ? "Not delivered" : ""), r.Email?.Id, r.Version,
            signatureOf.TryGetValue(r.Id, out var signatureId) ? signatureId : null, seesContacts && signatureOf.TryGetValue(r.Id, out var sid) && recorded.Contains(sid)))];
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
        // Records for those who see families' details; receipts (with the reason given) for those who handle withdrawals.
        var records = await currentUser.IsAllowedAsync(PortalPolicies.CanViewPeople) ? await IssuedAsync(db, DocumentKind.ConsentRecord, [.. signatures.Select(s => s.Id)], ct) : [];
        var receipts = await currentUser.IsAllowedAsync(PortalPolicies.CanManageConsent) ? await IssuedAsync(db, DocumentKind.WithdrawalReceipt, [.. signatures.SelectMany(s => s.Withdrawals).Select(w => w.Id)], ct) : [];
        foreach (var s in signatures)
        {
            var answers = string.Join("; ", s.Answers.OrderBy(a => a.TemplateItemId).Select(a => $"{a.Label}: {(a.Given ? "given" : "refused")}"));
            entries.Add(new ConsentHistoryEntry(s.SignedAtUtc, titles.GetValueOrDefault(s.ActivityId, ""), s.Source == SignatureSource.Paper ? "Signed on paper" : "Signed online",
                $"{s.SignerName} ({s.Relationship})", $"{s.Reference}: {answers}", s.Id, null, records.Contains(s.Id)));
            foreach (var w in s.Withdrawals)
            {
                entries.Add(new ConsentHistoryEntry(w.WithdrawnAtUtc, titles.GetValueOrDefault(s.ActivityId, ""), "Withdrawn", $"{w.WithdrawnByName} ({DescribeMethod(w.Method)})",
                    $"{w.Reference}: {w.Items}" + (w.AcknowledgedAtUtc is null ? " — not yet acted on" : $" — acknowledged by {w.AcknowledgedBy}"), s.Id, w.Id, receipts.Contains(w.Id)));
            }
        }

        return [.. entries.OrderByDescending(e => e.AtUtc)];
    }

    /// <summary>Which of these records have an issued document of the kind.</summary>
    private static async Task<HashSet<int>> IssuedAsync(PortalDbContext db, DocumentKind kind, List<int> relatedIds, CancellationToken ct) =>
        relatedIds.Count == 0
            ? []
            : (await db.IssuedDocuments.AsNoTracking().Where(d => d.Kind == kind && relatedIds.Contains(d.RelatedId)).Select(d => d.RelatedId).ToListAsync(ct)).ToHashSet();

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
