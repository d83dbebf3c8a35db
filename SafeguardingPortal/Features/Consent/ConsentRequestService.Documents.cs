using System.Globalization;
using Microsoft.EntityFrameworkCore;
using SafeguardingPortal.Features.Documents;
using SafeguardingPortal.Infrastructure.Audit;
using SafeguardingPortal.Infrastructure.Identity;

namespace SafeguardingPortal.Features.Consent;

/// <summary>How many issued consent documents an activity has, and how large they are together.</summary>
public sealed record ActivityDocumentsSummary(int Count, long Bytes);

/// <summary>
/// The issued PDFs of consent, for staff: served exactly as issued (never rebuilt), to the people who
/// may see the activity's consent, and every download audited.
/// </summary>
public sealed partial class ConsentRequestService
{
    /// <summary>The signed record of a signature (<see cref="DocumentKind.ConsentRecord"/>) or a withdrawal's receipt, or null when none was issued.</summary>
    public async Task<IssuedDocument?> DocumentAsync(DocumentKind kind, int relatedId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        int? activityId = kind switch
        {
            DocumentKind.ConsentRecord => await db.Set<ConsentSignature>().Where(s => s.Id == relatedId).Select(s => (int?)s.ActivityId).FirstOrDefaultAsync(ct),
            DocumentKind.WithdrawalReceipt => await db.Set<ConsentWithdrawal>().Where(w => w.Id == relatedId).Select(w => (int?)w.Signature!.ActivityId).FirstOrDefaultAsync(ct),
            _ => null,
        };
        if (activityId is null)
        {
            // Still refuse people who may not see consent at all, before saying nothing is there.
            await currentUser.DemandAsync(PortalPolicies.CanViewPeople, "download consent documents");
            return null;
        }

        // The record's evidence page carries the signer's address and browser, and a receipt the reason given
        // for withdrawing: the people who see families' details may have records, those who handle withdrawals receipts.
        await currentUser.DemandAsync(kind == DocumentKind.WithdrawalReceipt ? PortalPolicies.CanManageConsent : PortalPolicies.CanViewPeople, "download this consent document");
        await DemandActivityAsync(db, activityId.Value, "download this consent document", ct);
        var document = await db.IssuedDocuments.ForAsync(kind, relatedId, ct);
        if (document is not null)
        {
            db.AddAuditEvent(AuditActions.Exported, $"Downloaded {document.FileName} (SHA-256 {document.Sha256})", nameof(IssuedDocument), document.Id.ToString(CultureInfo.InvariantCulture));
            await db.SaveChangesAsync(ct);
        }

        return document;
    }

    /// <summary>How many consent records and withdrawal receipts an activity has issued, for the download button.</summary>
    public async Task<ActivityDocumentsSummary> ActivityDocumentsSummaryAsync(int activityId, CancellationToken ct = default)
    {
        await currentUser.DemandAsync(PortalPolicies.CanViewPeople, "download consent documents");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await DemandActivityAsync(db, activityId, "download consent documents", ct);
        var lengths = await ActivityDocuments(db, activityId, await currentUser.IsAllowedAsync(PortalPolicies.CanManageConsent)).Select(d => d.Length).ToListAsync(ct);
        return new ActivityDocumentsSummary(lengths.Count, lengths.Sum());
    }

    /// <summary>
    /// Every document the activity has issued, oldest first, handed to <paramref name="write"/> one at a
    /// time (only one file's bytes are held at once), after checking access and auditing the export.
    /// <paramref name="starting"/>, when given, first learns the name and length of every file that
    /// will follow (issued documents never change, so the list is exact).
    /// </summary>
    public async Task<int> StreamActivityDocumentsAsync(int activityId, Func<IssuedDocument, CancellationToken, Task> write, Action<IReadOnlyList<(string Name, long Length)>>? starting = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(write);
        await currentUser.DemandAsync(PortalPolicies.CanViewPeople, "download consent documents");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await DemandActivityAsync(db, activityId, "download consent documents", ct);
        var withReceipts = await currentUser.IsAllowedAsync(PortalPolicies.CanManageConsent);
        var files = await ActivityDocuments(db, activityId, withReceipts).OrderBy(d => d.Id).Select(d => new { d.Id, d.FileName, d.Length }).ToListAsync(ct);
        var ids = files.Select(f => f.Id).ToList();

        // Issued documents never change and are never deleted: the activity and the last id name exactly what was exported.
        db.AddAuditEvent(AuditActions.Exported, $"Downloaded the {ids.Count} consent {(withReceipts ? "records and withdrawal receipts" : "records")} of activity {activityId} as a ZIP file (issued documents up to id {(ids.Count == 0 ? 0 : ids[^1])})", "Activity", activityId.ToString(CultureInfo.InvariantCulture));
        await db.SaveChangesAsync(ct);
        starting?.Invoke([.. files.Select(f => (f.FileName, f.Length))]);
        foreach (var id in ids)
        {
            var document = await db.IssuedDocuments.AsNoTracking().FirstAsync(d => d.Id == id, ct);
            await write(document, ct);
        }

        return ids.Count;
    }

    private static IQueryable<IssuedDocument> ActivityDocuments(Infrastructure.Data.PortalDbContext db, int activityId, bool withReceipts) =>
        db.IssuedDocuments.Where(d =>
            (d.Kind == DocumentKind.ConsentRecord && db.Set<ConsentSignature>().Any(s => s.Id == d.RelatedId && s.ActivityId == activityId))
            || (withReceipts && d.Kind == DocumentKind.WithdrawalReceipt && db.Set<ConsentWithdrawal>().Any(w => w.Id == d.RelatedId && w.Signature!.ActivityId == activityId)));
}
