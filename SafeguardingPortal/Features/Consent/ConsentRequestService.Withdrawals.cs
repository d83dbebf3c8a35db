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


/// <summary>Withdrawals seen and recorded by staff, and their acknowledgement by a safeguarding lead.</summary>
public sealed partial class ConsentRequestService
{
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
        var withdrawal = await ConsentWithdrawals.CreateAsync(db, documents, (await organisation.GetAsync(ct)).Name, signature, model.AnswerIds, model.Method, model.WithdrawnByName, model.Reason, ConsentWithdrawals.ActorName(principal), "", "", at, now, ct);
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
            query = Unacknowledged(query);
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
        var records = await IssuedAsync(db, DocumentKind.ConsentRecord, [.. rows.Select(r => r.SignatureId).Distinct()], ct);
        var receipts = await IssuedAsync(db, DocumentKind.WithdrawalReceipt, [.. rows.Select(r => r.Id)], ct);
        return [.. rows.Select(r => new WithdrawalRow(r.Id, r.Reference, r.SignatureId, r.SignatureReference, r.ActivityId, titles.GetValueOrDefault(r.ActivityId, ""), r.ChildId, r.SubjectName,
            r.WithdrawnByName, r.Method, r.WithdrawnAtUtc, r.Items, r.Reason, r.RecordedBy, r.AcknowledgedAtUtc, r.AcknowledgedBy, r.AcknowledgementNote, r.Version,
            records.Contains(r.SignatureId), receipts.Contains(r.Id)))];
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

    public static string DescribeMethod(WithdrawalMethod method) => method switch
    {
        WithdrawalMethod.Link => "by e-mailed link",
        WithdrawalMethod.Phone => "by phone",
        WithdrawalMethod.Letter => "by letter",
        WithdrawalMethod.Email => "by e-mail",
        _ => "in person",
    };
}
