using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
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
    /// <summary>The session lock migrations run under on PostgreSQL; not the write lock's key (migrations take that one inside).</summary>
    private const long MigrationLockKey = PostgresWriteLock.LockKey + 1;

    public async Task InitialiseAsync(CancellationToken ct = default)
    {
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            if (db.Database.IsSqlite())
            {
                // WAL is remembered by the file; it lets readers carry on while one writer commits.
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode = WAL;", ct);
            }

            // On PostgreSQL two instances starting at once must not both apply the same migration (seen in
            // tests: "column already exists"): a session advisory lock, held on this context's open
            // connection while it reads what is pending and migrates, makes the second wait and find nothing.
            var postgres = !db.Database.IsSqlite();
            if (postgres)
            {
                // Migrating would create a missing database; the lock needs a connection to it first. Two
                // instances may both try: the one that finds it just made ("42P04") carries on.
                var creator = db.GetService<Microsoft.EntityFrameworkCore.Storage.IRelationalDatabaseCreator>();
                if (!await creator.ExistsAsync(ct))
                {
                    try
                    {
                        await creator.CreateAsync(ct);
                    }
                    catch (System.Data.Common.DbException ex) when (ex.SqlState == "42P04")
                    {
                    }
                }

                await db.Database.OpenConnectionAsync(ct);
                await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_lock({MigrationLockKey})", ct);
            }

            try
            {
                var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
                if (pending.Count > 0)
                {
                    logger.LogInformation("Applying {Count} database migration(s): {Migrations}", pending.Count, string.Join(", ", pending));
                    await db.Database.MigrateAsync(ct);
                }
            }
            finally
            {
                if (postgres)
                {
                    await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_unlock({MigrationLockKey})", CancellationToken.None);
                    await db.Database.CloseConnectionAsync();
                }
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
