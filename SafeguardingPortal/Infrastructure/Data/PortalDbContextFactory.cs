using Microsoft.EntityFrameworkCore;
using SafeguardingPortal.Infrastructure.Audit;

namespace SafeguardingPortal.Infrastructure.Data;

/// <summary>
/// Hands out the configured provider's context as the provider-neutral <see cref="PortalDbContext"/>,
/// stamped with the acting user and address of the current request or circuit, so the audit trail
/// names them. Scoped: each request and each circuit has its own.
/// </summary>
internal sealed class PortalDbContextFactory<TContext>(IDbContextFactory<TContext> inner, AuditContext audit) : IDbContextFactory<PortalDbContext>
    where TContext : PortalDbContext
{
    public PortalDbContext CreateDbContext() => Stamp(inner.CreateDbContext());

    public async Task<PortalDbContext> CreateDbContextAsync(CancellationToken cancellationToken = default) =>
        Stamp(await inner.CreateDbContextAsync(cancellationToken));

    private PortalDbContext Stamp(PortalDbContext db)
    {
        db.UseAuditContext(audit);
        return db;
    }
}
