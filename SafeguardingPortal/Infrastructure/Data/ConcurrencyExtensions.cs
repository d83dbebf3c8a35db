using Microsoft.EntityFrameworkCore;
using SafeguardingPortal.Infrastructure.Validation;

namespace SafeguardingPortal.Infrastructure.Data;

public static class ConcurrencyExtensions
{
    /// <summary>
    /// Saves, turning a concurrency conflict into a <see cref="PortalConcurrencyException"/> built by
    /// <paramref name="describe"/> from the record as it now stands in the database (someone saved
    /// between this service's version check and its save). Nothing is saved in that case.
    /// </summary>
    public static async Task SaveOrConflictAsync<TEntity>(this DbContext db, Func<TEntity, PortalConcurrencyException> describe, CancellationToken ct = default)
        where TEntity : class
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(describe);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException ex)
        {
            var entry = ex.Entries.FirstOrDefault(e => e.Entity is TEntity);
            var current = entry is null ? null : await entry.GetDatabaseValuesAsync(ct);
            throw current?.ToObject() is TEntity now
                ? describe(now)
                : new PortalConcurrencyException("Someone else deleted this record while you were editing it. Reload the page.");
        }
    }
}
