using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SafeguardingPortal.Infrastructure.Audit;
using SafeguardingPortal.Infrastructure.Data;
using SafeguardingPortal.Infrastructure.Identity;
using SafeguardingPortal.Tests.Infrastructure.Audit;

namespace SafeguardingPortal.Tests.Infrastructure.Data;

/// <summary>
/// Contexts are pooled and SQLite connections are reused: nothing one use of a context set may reach
/// the next, and the per-connection settings must hold on every reuse of a physical connection.
/// </summary>
public sealed class PooledContextTests : IAsyncLifetime
{
    private readonly PortalAppFactory factory = new();
    private PortalUser lead = default!;

    public async ValueTask InitializeAsync() =>
        lead = await factory.CreateUserAsync("lead@example.org", "Lee Lead", PortalRoles.SafeguardingLead);

    public async ValueTask DisposeAsync() => await factory.DisposeAsync();

    [Fact]
    public async Task A_reused_context_forgets_the_earlier_users_actor_and_bulk_description()
    {
        Guid first;
        await using (var scope = await factory.ScopeForAsync(lead))
        {
            await using var used = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
            first = used.ContextId.InstanceId;
            used.AuditActor = AuditActor.System;
            used.AuditBulkDescription = "left behind by an earlier user";
        }

        // A request with nobody signed in takes contexts from the same pool until it is handed that instance again.
        await using var anonymous = await factory.ScopeForAsync(null);
        var reused = false;
        for (var i = 0; i < 200 && !reused; i++)
        {
            await using var next = await anonymous.ServiceProvider.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
            reused = next.ContextId.InstanceId == first;
            Assert.Equal(AuditActorKind.Anonymous, next.AuditActor.Kind);
            Assert.Null(next.AuditBulkDescription);
        }

        // The pool did hand the first instance out again (otherwise this test proves nothing).
        Assert.True(reused, "The context pool never handed the first instance out again.");

        // And a save through it is audited as the anonymous caller, not as the system.
        await using (var db = await anonymous.ServiceProvider.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync())
        {
            db.AddAuditEvent("PoolCheck", "Saved through a reused context");
            await db.SaveChangesAsync();
        }

        var saved = Assert.Single(await factory.EventsAsync(), e => e.Action == "PoolCheck");
        Assert.Equal(AuditActorKind.Anonymous, saved.ActorKind);
    }

    [Fact]
    [Trait("Database", "SqliteOnly")]
    public async Task Every_reuse_of_a_pooled_connection_keeps_full_sync_the_busy_timeout_and_foreign_keys()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var contexts = scope.ServiceProvider.GetRequiredService<IDbContextFactory<PortalDbContext>>();
        for (var i = 0; i < 3; i++)
        {
            await using var db = await contexts.CreateDbContextAsync();
            await db.Database.OpenConnectionAsync();
            Assert.Equal(2L, await ScalarAsync(db, "PRAGMA synchronous")); // 2 = FULL
            Assert.Equal((long)SqliteConnectionPragmas.BusyTimeoutMilliseconds, await ScalarAsync(db, "PRAGMA busy_timeout"));
            Assert.Equal(1L, await ScalarAsync(db, "PRAGMA foreign_keys"));
            Assert.Equal("wal", await ScalarAsync(db, "PRAGMA journal_mode"));
            await db.Database.CloseConnectionAsync();
        }
    }

    private static async Task<object?> ScalarAsync(PortalDbContext db, string sql)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }
}
