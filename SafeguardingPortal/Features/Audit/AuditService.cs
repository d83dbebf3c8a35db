using System.Text;
using Microsoft.EntityFrameworkCore;
using SafeguardingPortal.Components.Shared;
using SafeguardingPortal.Infrastructure.Audit;
using SafeguardingPortal.Infrastructure.Data;
using SafeguardingPortal.Infrastructure.Identity;

namespace SafeguardingPortal.Features.Audit;

/// <summary>
/// Reads the audit trail for the audit page: filtered, sorted pages, a record's history, CSV export
/// and the integrity check. Every call needs <see cref="PortalPolicies.CanViewAudit"/>. There is no
/// way to change or delete an event.
/// </summary>
public sealed class AuditService(IDbContextFactory<PortalDbContext> dbFactory, CurrentUser currentUser, AuditTrail auditTrail)
{
    private const string Purpose = "view the audit trail";

    public async Task<AuditPage> QueryAsync(AuditQuery query, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        await currentUser.DemandAsync(PortalPolicies.CanViewAudit, Purpose);
        await using var db = await dbFactory.CreateDbContextAsync(ct);

        var filtered = Filter(db, query);
        var total = await filtered.CountAsync(ct);
        var pageSize = Math.Clamp(query.PageSize, 1, 200);
        var rows = await Sort(filtered, query)
            .Skip(Math.Max(query.Page, 0) * pageSize)
            .Take(pageSize)
            .ToListAsync(ct);
        return new AuditPage(rows.Select(ToRow).ToList(), total);
    }

    /// <summary>The kinds of record that appear in the trail, for the filter.</summary>
    public async Task<IReadOnlyList<string>> EntityTypesAsync(CancellationToken ct = default)
    {
        await currentUser.DemandAsync(PortalPolicies.CanViewAudit, Purpose);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.AuditEvents.AsNoTracking()
            .Where(e => e.EntityType != "")
            .Select(e => e.EntityType)
            .Distinct()
            .OrderBy(t => t)
            .ToListAsync(ct);
    }

    /// <summary>Writes every event matching the filter as CSV (UTF-8), oldest first, and records the export.</summary>
    public async Task<int> ExportCsvAsync(AuditQuery query, Stream output, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(output);
        await currentUser.DemandAsync(PortalPolicies.CanViewAudit, "export the audit trail");
        var count = 0;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            // Recorded before the file is sent, so an export cut short by the browser is still on record.
            var matching = await Filter(db, query).CountAsync(ct);
            await auditTrail.RecordAsync(AuditActions.Exported, $"Exported {matching} audit event{(matching == 1 ? "" : "s")} as CSV", ct: CancellationToken.None);
        }

        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        await using (var writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), leaveOpen: true))
        {
            await writer.WriteLineAsync("Sequence,Time (UTC),Time (UK),Actor kind,Actor,IP address,Action,Record type,Record key,Summary,Changes,Hash");
            var events = Filter(db, query).OrderBy(e => e.Sequence).AsAsyncEnumerable();
            await foreach (var e in events.WithCancellation(ct))
            {
                var cells = new[]
                {
                    e.Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    e.OccurredAtUtc.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture),
                    e.OccurredAtUtc.ToUkDateTime(),
                    e.ActorKind.ToString(),
                    e.ActorName,
                    e.IpAddress,
                    e.Action,
                    e.EntityType,
                    e.EntityKey,
                    e.Summary,
                    DescribeChanges(AuditChain.DeserializeChanges(e.Changes), e.Changes),
                    e.Hash,
                };
                await writer.WriteLineAsync(string.Join(",", cells.Select(AuditText.CsvCell)));
                count++;
            }
        }

        return count;
    }

    public async Task<AuditVerification> VerifyAsync(AuditCheckpoint? checkpoint = null, CancellationToken ct = default)
    {
        await currentUser.DemandAsync(PortalPolicies.CanViewAudit, "check the audit trail's integrity");
        AuditVerification result;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            result = await AuditVerifier.VerifyAsync(db, checkpoint, ct);
        }

        await auditTrail.RecordAsync(AuditActions.IntegrityChecked, result.Message, ct: ct);
        return result;
    }

    /// <summary>The last event's sequence and hash, to keep somewhere else.</summary>
    public async Task<AuditCheckpoint?> LatestCheckpointAsync(CancellationToken ct = default)
    {
        await currentUser.DemandAsync(PortalPolicies.CanViewAudit, Purpose);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.AuditEvents.AsNoTracking()
            .OrderByDescending(e => e.Sequence)
            .Select(e => new AuditCheckpoint(e.Sequence, e.Hash))
            .FirstOrDefaultAsync(ct);
    }

    public static string DescribeChanges(IReadOnlyList<FieldChange> changes, string raw)
    {
        if (changes.Count == 0)
        {
            return raw;
        }

        return string.Join("; ", changes.Select(c => c.Sensitive
            ? $"{c.Field}: changed (value not recorded)"
            : $"{c.Field}: {c.Old ?? "(empty)"} → {c.New ?? "(empty)"}"));
    }

    private static IQueryable<AuditEvent> Filter(PortalDbContext db, AuditQuery query)
    {
        var events = db.AuditEvents.AsNoTracking();
        if (query.From is { } from)
        {
            var start = from.UkDayStartUtc();
            events = events.Where(e => e.OccurredAtUtc >= start);
        }

        if (query.To is { } to)
        {
            var end = to.AddDays(1).UkDayStartUtc();
            events = events.Where(e => e.OccurredAtUtc < end);
        }

        if (!string.IsNullOrWhiteSpace(query.Actor))
        {
            events = events.WhereContains(db.Database, query.Actor, e => e.ActorName);
        }

        if (!string.IsNullOrWhiteSpace(query.Action))
        {
            events = events.Where(e => e.Action == query.Action);
        }

        if (!string.IsNullOrWhiteSpace(query.EntityType))
        {
            events = events.Where(e => e.EntityType == query.EntityType);
        }

        if (!string.IsNullOrWhiteSpace(query.EntityKey))
        {
            var key = query.EntityKey.Trim();
            events = events.Where(e => e.EntityKey == key);
        }

        return events;
    }

    // Sort keys come from a fixed list, never from text the browser sent.
    private static IQueryable<AuditEvent> Sort(IQueryable<AuditEvent> events, AuditQuery query) => (query.Sort, query.Descending) switch
    {
        (AuditSort.OccurredAt, false) => events.OrderBy(e => e.OccurredAtUtc).ThenBy(e => e.Sequence),
        (AuditSort.OccurredAt, true) => events.OrderByDescending(e => e.OccurredAtUtc).ThenByDescending(e => e.Sequence),
        (AuditSort.Actor, false) => events.OrderBy(e => e.ActorName).ThenBy(e => e.Sequence),
        (AuditSort.Actor, true) => events.OrderByDescending(e => e.ActorName).ThenByDescending(e => e.Sequence),
        (AuditSort.Action, false) => events.OrderBy(e => e.Action).ThenBy(e => e.Sequence),
        (AuditSort.Action, true) => events.OrderByDescending(e => e.Action).ThenByDescending(e => e.Sequence),
        (AuditSort.Record, false) => events.OrderBy(e => e.EntityType).ThenBy(e => e.EntityKey).ThenBy(e => e.Sequence),
        (AuditSort.Record, true) => events.OrderByDescending(e => e.EntityType).ThenByDescending(e => e.EntityKey).ThenByDescending(e => e.Sequence),
        (_, false) => events.OrderBy(e => e.Sequence),
        _ => events.OrderByDescending(e => e.Sequence),
    };

    private static AuditRow ToRow(AuditEvent e) => new(
        e.Sequence, e.OccurredAtUtc, e.ActorKind, e.ActorName, e.IpAddress, e.Action, e.EntityType, e.EntityKey, e.Summary,
        AuditChain.DeserializeChanges(e.Changes), e.Changes);
}
