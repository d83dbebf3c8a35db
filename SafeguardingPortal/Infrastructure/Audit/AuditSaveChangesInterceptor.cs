using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;
using SafeguardingPortal.Infrastructure.Data;

namespace SafeguardingPortal.Infrastructure.Audit;

/// <summary>
/// Writes an audit event for every insert, update and delete, in the same transaction as the change.
/// Before the save it records what changed (old values are only known then) and takes the append
/// lock (a transaction of its own unless the caller holds one: on SQLite an immediate transaction);
/// after the save, when generated keys are known, it appends the events to the chain and commits.
/// If anything fails, the change and its events roll back together.
/// </summary>
public sealed class AuditSaveChangesInterceptor(PortalClock clock) : SaveChangesInterceptor
{
    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is PortalDbContext db && !db.AuditState.IsAppending)
        {
            await BeginAsync(db, cancellationToken);
        }

        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(
        SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is PortalDbContext db && !db.AuditState.IsAppending)
        {
            await CompleteAsync(db, cancellationToken);
        }

        return result;
    }

    public override async Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is PortalDbContext db && !db.AuditState.IsAppending)
        {
            await AbandonAsync(db);
        }
    }

    public override Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default) =>
        eventData.Context is PortalDbContext db && !db.AuditState.IsAppending ? AbandonAsync(db) : Task.CompletedTask;

    // Synchronous saves (Data Protection's key store uses them) take the same path.
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result) =>
        SavingChangesAsync(eventData, result).AsTask().GetAwaiter().GetResult();

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result) =>
        SavedChangesAsync(eventData, result).AsTask().GetAwaiter().GetResult();

    public override void SaveChangesFailed(DbContextErrorEventData eventData) =>
        SaveChangesFailedAsync(eventData).GetAwaiter().GetResult();

    public override void SaveChangesCanceled(DbContextEventData eventData) =>
        SaveChangesCanceledAsync(eventData).GetAwaiter().GetResult();

    private async Task BeginAsync(PortalDbContext db, CancellationToken ct)
    {
        var state = db.AuditState;
        state.Abandon();
        db.ChangeTracker.DetectChanges();

        var explicitEvents = new List<AuditEvent>();
        foreach (var entry in db.ChangeTracker.Entries<AuditEvent>())
        {
            switch (entry.State)
            {
                case EntityState.Added:
                    explicitEvents.Add(entry.Entity);
                    break;
                case EntityState.Modified or EntityState.Deleted:
                    throw new InvalidOperationException("The audit trail cannot be changed or deleted.");
            }
        }

        foreach (var entry in db.ChangeTracker.Entries())
        {
            if (entry.State is EntityState.Added or EntityState.Modified or EntityState.Deleted
                && entry.Metadata.FindAnnotation(AuditAnnotations.NotAudited)?.Value is not true)
            {
                // A bulk save records only keys: capturing every field of thousands of rows is wasted work.
                var captured = db.AuditBulkDescription is null ? Capture(entry) : CaptureKeyOnly(entry);
                if (captured is not null)
                {
                    state.Captured.Add(captured);
                }
            }
        }

        if (explicitEvents.Count == 0 && state.Captured.Count == 0)
        {
            return;
        }

        if (db.Database.CurrentTransaction is null)
        {
            state.OwnTransaction = await db.Database.BeginTransactionAsync(ct);
        }

        try
        {
            // Events added by a service (security events) are sealed now, before they are inserted.
            var (sequence, hash) = await LastLinkAsync(db, ct);
            foreach (var e in explicitEvents)
            {
                Stamp(e, db.AuditActor);
                AuditChain.Seal(e, sequence, hash);
                (sequence, hash) = (e.Sequence, e.Hash);
            }
        }
        catch
        {
            // EF calls no interceptor when this method throws: release the write lock here.
            state.Abandon();
            throw;
        }
    }

    private async Task CompleteAsync(PortalDbContext db, CancellationToken ct)
    {
        var state = db.AuditState;
        try
        {
            if (state.Captured.Count > 0)
            {
                var events = BuildEvents(db, state.Captured);
                var (sequence, hash) = await LastLinkAsync(db, ct);
                foreach (var e in events)
                {
                    Stamp(e, db.AuditActor);
                    AuditChain.Seal(e, sequence, hash);
                    (sequence, hash) = (e.Sequence, e.Hash);
                }

                db.AuditEvents.AddRange(events);
                state.IsAppending = true;
                await db.SaveChangesAsync(ct);
            }

            if (state.OwnTransaction is not null)
            {
                await state.OwnTransaction.CommitAsync(ct);
            }
        }
        catch
        {
            // The records were saved but their events were not: undo both. EF already counts the
            // records as saved, so the context forgets everything it tracks and cannot save them again.
            await AbandonAsync(db);
            db.ChangeTracker.Clear();
            throw;
        }
        finally
        {
            await DisposeTransactionAsync(state);
            state.Reset();
            db.AuditBulkDescription = null;
        }
    }

    private static async Task AbandonAsync(PortalDbContext db)
    {
        var state = db.AuditState;
        if (state.OwnTransaction is not null)
        {
            await state.OwnTransaction.RollbackAsync();
        }

        await DisposeTransactionAsync(state);
        state.Reset();
        db.AuditBulkDescription = null;
    }

    private static async Task DisposeTransactionAsync(AuditSaveState state)
    {
        if (state.OwnTransaction is not null)
        {
            await state.OwnTransaction.DisposeAsync();
            state.OwnTransaction = null;
        }
    }

    private void Stamp(AuditEvent e, AuditActor actor)
    {
        e.OccurredAtUtc = clock.UtcNow;
        e.ActorKind = actor.Kind;
        e.ActorKey = actor.Key;
        e.ActorName = actor.Name;
        e.IpAddress = actor.IpAddress;
    }

    private static async Task<(long Sequence, string Hash)> LastLinkAsync(PortalDbContext db, CancellationToken ct)
    {
        var last = await db.AuditEvents.AsNoTracking()
            .OrderByDescending(e => e.Sequence)
            .Select(e => new { e.Sequence, e.Hash })
            .FirstOrDefaultAsync(ct);
        return last is null ? (0, AuditChain.GenesisHash) : (last.Sequence, last.Hash);
    }

    private static CapturedChange? Capture(EntityEntry entry)
    {
        var fields = new List<FieldChange>();
        foreach (var property in entry.Properties)
        {
            var metadata = property.Metadata;
            if (metadata.FindAnnotation(AuditAnnotations.Ignored)?.Value is true)
            {
                continue;
            }

            var sensitive = metadata.FindAnnotation(AuditAnnotations.Sensitive)?.Value is true;
            string? oldValue = null;
            string? newValue = null;
            switch (entry.State)
            {
                case EntityState.Added:
                    if (property.CurrentValue is null)
                    {
                        continue;
                    }

                    newValue = AuditChain.FormatValue(property.CurrentValue);
                    break;
                case EntityState.Deleted:
                    oldValue = AuditChain.FormatValue(property.OriginalValue);
                    break;
                default:
                    if (!property.IsModified || Equals(property.OriginalValue, property.CurrentValue))
                    {
                        continue;
                    }

                    oldValue = AuditChain.FormatValue(property.OriginalValue);
                    newValue = AuditChain.FormatValue(property.CurrentValue);
                    break;
            }

            fields.Add(sensitive ? new FieldChange(metadata.Name, null, null, Sensitive: true) : new FieldChange(metadata.Name, oldValue, newValue));
        }

        if (entry.State == EntityState.Modified && fields.Count == 0)
        {
            return null;
        }

        var action = entry.State switch
        {
            EntityState.Added => AuditActions.Created,
            EntityState.Deleted => AuditActions.Deleted,
            _ => AuditActions.Updated,
        };
        var keyBeforeSave = entry.State == EntityState.Added && entry.Properties.Any(p => p.IsTemporary) ? null : KeyOf(entry);
        return new CapturedChange(entry, action, EntityTypeName(entry), keyBeforeSave, fields);
    }

    private static CapturedChange CaptureKeyOnly(EntityEntry entry)
    {
        var key = entry.State == EntityState.Added && entry.Properties.Any(p => p.IsTemporary) ? null : KeyOf(entry);
        return new CapturedChange(entry, entry.State.ToString(), EntityTypeName(entry), key, []);
    }

    private static List<AuditEvent> BuildEvents(PortalDbContext db, List<CapturedChange> captured)
    {
        if (db.AuditBulkDescription is { } description)
        {
            var keys = captured.Select(c => $"{c.EntityType}:{c.Key ?? KeyOf(c.Entry)}").ToList();
            var types = captured.Select(c => c.EntityType).Distinct().Order().ToList();
            return
            [
                new AuditEvent
                {
                    Action = "Bulk",
                    EntityType = string.Join(",", types),
                    Summary = $"{description} ({captured.Count} record{(captured.Count == 1 ? "" : "s")})",
                    Changes = AuditChain.SerializeBulk(captured.Count, keys),
                },
            ];
        }

        return captured.Select(c =>
        {
            var key = c.Key ?? KeyOf(c.Entry);
            return new AuditEvent
            {
                Action = c.Action,
                EntityType = c.EntityType,
                EntityKey = key,
                Summary = $"{c.Action} {c.EntityType} {key}",
                Changes = AuditChain.SerializeChanges(c.Fields),
            };
        }).ToList();
    }

    private static string KeyOf(EntityEntry entry)
    {
        var key = entry.Metadata.FindPrimaryKey();
        return key is null ? "" : string.Join(",", key.Properties.Select(p => AuditChain.FormatValue(entry.Property(p.Name).CurrentValue)));
    }

    private static string EntityTypeName(EntityEntry entry)
    {
        var name = entry.Metadata.ClrType.Name;
        var tick = name.IndexOf('`', StringComparison.Ordinal);
        return tick < 0 ? name : name[..tick];
    }
}

internal sealed record CapturedChange(EntityEntry Entry, string Action, string EntityType, string? Key, List<FieldChange> Fields);

/// <summary>The interceptor's state for one context between "saving" and "saved".</summary>
internal sealed class AuditSaveState
{
    public List<CapturedChange> Captured { get; } = [];

    public IDbContextTransaction? OwnTransaction { get; set; }

    /// <summary>True while the interceptor saves the events themselves.</summary>
    public bool IsAppending { get; set; }

    public void Reset()
    {
        Captured.Clear();
        IsAppending = false;
    }

    /// <summary>
    /// Starts afresh when a pooled context is handed out again. EF has already disposed any transaction
    /// the earlier user left open when the context went back to the pool, so it is only forgotten here.
    /// </summary>
    public void Forget()
    {
        Reset();
        OwnTransaction = null;
    }

    /// <summary>
    /// Rolls back and forgets a transaction this interceptor opened. Called when a save fails in a
    /// way EF reports only through the context's SaveChangesFailed event (concurrency conflicts),
    /// and before each save as a safety net, so the write lock is never left held.
    /// </summary>
    public void Abandon()
    {
        if (OwnTransaction is not null)
        {
            try
            {
                OwnTransaction.Rollback();
            }
            finally
            {
                OwnTransaction.Dispose();
                OwnTransaction = null;
            }
        }

        Reset();
    }
}
