using Microsoft.EntityFrameworkCore;
using SafeguardingPortal.Infrastructure.Data;

namespace SafeguardingPortal.Infrastructure.Audit;

/// <summary>The outcome of walking the chain.</summary>
/// <param name="Intact">True when every event matches its content, its place and its link.</param>
/// <param name="CheckedUpTo">The last event found to be in order (0 when none).</param>
/// <param name="FirstBadSequence">The first sequence number that does not match, when not intact.</param>
/// <param name="Message">What a person reads: "Intact up to event N" or "Altered at event N: …".</param>
/// <param name="LatestHash">The hash of the last event, to keep elsewhere for a later truncation check.</param>
public sealed record AuditVerification(bool Intact, long CheckedUpTo, long? FirstBadSequence, string Message, string LatestHash);

/// <summary>A (sequence, hash) pair kept outside the portal, to detect a trail cut short.</summary>
public sealed record AuditCheckpoint(long Sequence, string Hash);

public static class AuditVerifier
{
    /// <summary>
    /// Walks the chain in sequence order and reports the first event whose content, order or link
    /// does not match: an edited, deleted, reordered or inserted row. With a <paramref name="checkpoint"/>
    /// kept from earlier, a trail cut short (truncated) is reported too.
    /// </summary>
    public static async Task<AuditVerification> VerifyAsync(PortalDbContext db, AuditCheckpoint? checkpoint = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        long expected = 1;
        var previousHash = AuditChain.GenesisHash;

        await using var rows = db.AuditEvents.AsNoTracking().OrderBy(e => e.Sequence).AsAsyncEnumerable().GetAsyncEnumerator(ct);
        while (true)
        {
            try
            {
                if (!await rows.MoveNextAsync())
                {
                    break;
                }
            }
            catch (Exception ex) when (ex is InvalidOperationException or FormatException or InvalidCastException or OverflowException)
            {
                // A value was written that the portal could never have written (wrong type, unknown kind).
                return new AuditVerification(false, expected - 1, expected, $"Altered at event {expected}: the row could not be read ({ex.GetType().Name}).", previousHash);
            }

            var e = rows.Current;
            string? problem = null;
            if (e.Sequence != expected)
            {
                problem = e.Sequence > expected
                    ? $"event {expected} is missing"
                    : $"event {e.Sequence} appears twice or out of order";
            }
            else if (e.PreviousHash != previousHash)
            {
                problem = "it does not follow the event before it (reordered, inserted or the one before was changed)";
            }
            else if (AuditChain.ComputeContentDigest(e) != e.ContentDigest)
            {
                problem = "its recorded values were changed";
            }
            else if (AuditChain.ComputeHash(e) != e.Hash)
            {
                problem = "its time, author, action or record were changed";
            }

            if (problem is not null)
            {
                return new AuditVerification(false, expected - 1, expected, $"Altered at event {expected}: {problem}.", previousHash);
            }

            if (checkpoint is not null && e.Sequence == checkpoint.Sequence && !string.Equals(e.Hash, checkpoint.Hash, StringComparison.OrdinalIgnoreCase))
            {
                return new AuditVerification(false, expected - 1, expected, $"Altered at or before event {expected}: its hash differs from the one kept on record.", previousHash);
            }

            previousHash = e.Hash;
            expected++;
        }

        var last = expected - 1;
        if (checkpoint is not null && checkpoint.Sequence > last)
        {
            return new AuditVerification(false, last, last + 1, $"Truncated after event {last}: the kept record names event {checkpoint.Sequence}, which is no longer there.", previousHash);
        }

        var message = last == 0 ? "The audit trail is empty." : $"Intact up to event {last}.";
        return new AuditVerification(true, last, null, message, previousHash);
    }
}
