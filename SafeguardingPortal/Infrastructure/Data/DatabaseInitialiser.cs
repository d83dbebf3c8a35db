using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using SafeguardingPortal.Features.Consent;
using SafeguardingPortal.Features.Platforms;
using SafeguardingPortal.Infrastructure.Audit;
using SafeguardingPortal.Infrastructure.Identity;

namespace SafeguardingPortal.Infrastructure.Data;

/// <summary>
/// Brings the database up to date at start-up: WAL journal (SQLite), migrations, the portal's roles and
/// defaults (audited as the system). Several instances may start at once on PostgreSQL: migrations and the
/// defaults run under one advisory lock, so the second instance waits and then finds nothing left to do.
/// </summary>
public sealed class DatabaseInitialiser(
    IDbContextFactory<PortalDbContext> dbFactory,
    ILogger<DatabaseInitialiser> logger)
{
    public async Task InitialiseAsync(CancellationToken ct = default)
    {
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            if (db.Database.IsSqlite())
            {
                // WAL is remembered by the file; it lets readers carry on while one writer commits.
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode = WAL;", ct);
            }

            var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
            if (pending.Count > 0)
            {
                logger.LogInformation("Applying {Count} database migration(s): {Migrations}", pending.Count, string.Join(", ", pending));
                await db.Database.MigrateAsync(ct);
            }
        }

        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            // One transaction (on PostgreSQL it takes the write lock): a second instance starting at the same
            // moment waits here, then finds the roles and defaults already made.
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var existing = await db.Roles.Select(r => r.Name ?? "").ToListAsync(ct);
            var missing = PortalRoles.All.Except(existing).ToList();
            if (missing.Count > 0)
            {
                db.AuditActor = AuditActor.System;
                db.AuditBulkDescription = "Created the portal's roles";
                db.Roles.AddRange(missing.Select(role => new IdentityRole(role) { NormalizedName = role.ToUpperInvariant() }));
                await db.SaveChangesAsync(ct);
            }

            db.AuditActor = AuditActor.System;
            await PlatformService.SeedDefaultsAsync(db, ct);
            db.AuditActor = AuditActor.System;
            await ConsentTemplateService.EnsureDefaultsAsync(db, DateTimeOffset.UtcNow, ct);
            db.AuditActor = AuditActor.System;
            await Features.Recordings.RecordingPolicyService.EnsureDefaultAsync(db, DateTimeOffset.UtcNow, ct);
            await transaction.CommitAsync(ct);
        }
    }
}
