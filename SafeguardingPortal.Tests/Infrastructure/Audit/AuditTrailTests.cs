using System.Data.Common;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SafeguardingPortal.Features.Settings;
using SafeguardingPortal.Features.Users;
using SafeguardingPortal.Infrastructure.Audit;
using SafeguardingPortal.Infrastructure.Data;
using SafeguardingPortal.Infrastructure.Identity;

namespace SafeguardingPortal.Tests.Infrastructure.Audit;

/// <summary>The audit trail on a real SQLite file: what is written, and that tampering is found.</summary>
public sealed class AuditTrailTests : IAsyncLifetime
{
    private readonly PortalAppFactory factory = new();
    private PortalUser admin = default!;

    public async ValueTask InitializeAsync() =>
        admin = await factory.CreateUserAsync("admin@example.org", "Ada Admin", PortalRoles.Administrator);

    public async ValueTask DisposeAsync() => await factory.DisposeAsync();

    private async Task SaveSettingsAsync(string name)
    {
        await using var scope = await factory.ScopeForAsync(admin);
        var settings = scope.ServiceProvider.GetRequiredService<OrganisationSettingsService>();
        var form = await settings.GetForEditAsync();
        form.Name = name;
        await settings.SaveAsync(form);
    }

    private async Task RecordEventsAsync(int count)
    {
        await using var scope = await factory.ScopeForAsync(admin);
        var trail = scope.ServiceProvider.GetRequiredService<AuditTrail>();
        for (var i = 0; i < count; i++)
        {
            await trail.RecordAsync(AuditActions.Viewed, $"Viewed record {i}", "Test", i.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    [Fact]
    public async Task Creating_the_roles_at_first_start_is_one_bulk_event_by_the_system()
    {
        var events = await factory.EventsAsync();
        var first = events[0];

        Assert.Equal(1, first.Sequence);
        Assert.Equal("Bulk", first.Action);
        Assert.Equal(AuditActorKind.System, first.ActorKind);
        Assert.Equal("Created the portal's roles (5 records)", first.Summary);
        Assert.Contains("\"count\":5", first.Changes, StringComparison.Ordinal);
        Assert.Contains("IdentityRole:", first.Changes, StringComparison.Ordinal);
        var platforms = events[1];
        Assert.Equal("Bulk", platforms.Action);
        Assert.StartsWith("Added the default platform list (", platforms.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_change_is_recorded_with_who_and_each_field_before_and_after()
    {
        await SaveSettingsAsync("First Name");
        await SaveSettingsAsync("Second Name");

        var updated = (await factory.EventsAsync()).Last(e => e.EntityType == nameof(OrganisationSettings));
        Assert.Equal("Updated", updated.Action);
        Assert.Equal("1", updated.EntityKey);
        Assert.Equal(AuditActorKind.User, updated.ActorKind);
        Assert.Equal(admin.Id, updated.ActorKey);
        Assert.Equal("admin@example.org", updated.ActorName);
        var changes = AuditChain.DeserializeChanges(updated.Changes);
        Assert.Contains(new FieldChange("Name", "First Name", "Second Name"), changes);
        Assert.DoesNotContain(changes, c => c.Field == "Version" && c.Old == c.New);
    }

    [Fact]
    public async Task Sensitive_fields_are_recorded_as_changed_without_their_values()
    {
        var created = (await factory.EventsAsync()).Single(e => e.EntityType == "PortalUser" && e.Action == "Created" && e.EntityKey == admin.Id);
        var changes = AuditChain.DeserializeChanges(created.Changes);

        var password = Assert.Single(changes, c => c.Field == nameof(PortalUser.PasswordHash));
        Assert.True(password.Sensitive);
        Assert.Null(password.New);
        Assert.DoesNotContain(changes, c => c.Field == nameof(PortalUser.SecurityStamp));
        Assert.Contains(new FieldChange(nameof(PortalUser.Email), null, "admin@example.org"), changes);
    }

    [Fact]
    public async Task A_failed_save_leaves_no_event_and_a_successful_one_always_has_its_event()
    {
        var before = (await factory.EventsAsync()).Count;

        await using (var scope = await factory.ScopeForAsync(admin))
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            // Two roles with the same normalised name break a unique index: the save fails.
            db.Roles.Add(new IdentityRole("Duplicate") { NormalizedName = PortalRoles.Staff.ToUpperInvariant() });
            await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        }

        Assert.Equal(before, (await factory.EventsAsync()).Count);

        await using (var scope = await factory.ScopeForAsync(admin))
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            db.Roles.Add(new IdentityRole("Volunteer Coordinator") { NormalizedName = "VOLUNTEER COORDINATOR" });
            await db.SaveChangesAsync();
        }

        var events = await factory.EventsAsync();
        Assert.Equal(before + 1, events.Count);
        Assert.Equal("IdentityRole", events[^1].EntityType);
        Assert.True((await factory.VerifyAsync()).Intact);
    }

    [Fact]
    public async Task Concurrent_writers_leave_one_unbroken_chain()
    {
        const int writers = 8;
        const int eachWrites = 15;

        await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            await using var scope = await factory.ScopeForAsync(admin);
            var dbFactory = scope.ServiceProvider.GetRequiredService<IDbContextFactory<PortalDbContext>>();
            var trail = scope.ServiceProvider.GetRequiredService<AuditTrail>();
            for (var i = 0; i < eachWrites; i++)
            {
                if (i % 2 == 0)
                {
                    await trail.RecordAsync(AuditActions.Viewed, $"writer {w} event {i}");
                }
                else
                {
                    await using var db = await dbFactory.CreateDbContextAsync();
                    db.Roles.Add(new IdentityRole($"Role {w}-{i}") { NormalizedName = $"ROLE {w}-{i}" });
                    await db.SaveChangesAsync();
                }
            }
        }, TestContext.Current.CancellationToken)));

        var events = await factory.EventsAsync();
        Assert.Equal(Enumerable.Range(1, events.Count).Select(i => (long)i), events.Select(e => e.Sequence));
        Assert.Equal(writers * eachWrites, events.Count(e => e.Summary.StartsWith("writer", StringComparison.Ordinal) || e.EntityKey.Length > 0 && e.Action == "Created" && e.EntityType == "IdentityRole"));
        var verification = await factory.VerifyAsync();
        Assert.True(verification.Intact, verification.Message);
        Assert.Equal(events.Count, verification.CheckedUpTo);
    }

    [Fact]
    public async Task An_intact_trail_says_so_and_names_its_last_event()
    {
        await RecordEventsAsync(3);
        var events = await factory.EventsAsync();

        var result = await factory.VerifyAsync(new AuditCheckpoint(events[^1].Sequence, events[^1].Hash));

        Assert.True(result.Intact);
        Assert.Equal($"Intact up to event {events.Count}.", result.Message);
        Assert.Equal(events[^1].Hash, result.LatestHash);
    }

    [Fact]
    public async Task An_edited_value_is_found_at_its_event()
    {
        await RecordEventsAsync(6);
        var target = (await factory.EventsAsync())[4].Sequence;

        await factory.TamperAsync($"UPDATE \"AuditEvents\" SET \"Summary\" = 'Nothing happened' WHERE \"Sequence\" = {target};");

        var result = await factory.VerifyAsync();
        Assert.False(result.Intact);
        Assert.Equal(target, result.FirstBadSequence);
        Assert.Equal($"Altered at event {target}: its recorded values were changed.", result.Message);
    }

    [Fact]
    public async Task An_edited_author_with_a_recomputed_digest_is_still_found()
    {
        await RecordEventsAsync(4);
        var target = (await factory.EventsAsync())[3].Sequence;

        await factory.TamperAsync($"UPDATE \"AuditEvents\" SET \"ActorKey\" = 'someone-else' WHERE \"Sequence\" = {target};");

        var result = await factory.VerifyAsync();
        Assert.Equal(target, result.FirstBadSequence);
        Assert.Contains("its time, author, action or record were changed", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_deleted_event_is_found_at_its_sequence_number()
    {
        await RecordEventsAsync(6);
        var target = (await factory.EventsAsync())[3].Sequence;

        await factory.TamperAsync($"DELETE FROM \"AuditEvents\" WHERE \"Sequence\" = {target};");

        var result = await factory.VerifyAsync();
        Assert.Equal(target, result.FirstBadSequence);
        Assert.Equal($"Altered at event {target}: event {target} is missing.", result.Message);
    }

    [Fact]
    public async Task Reordered_events_are_found_at_the_first_one_out_of_place()
    {
        await RecordEventsAsync(6);
        var events = await factory.EventsAsync();
        var (a, b) = (events[3].Sequence, events[4].Sequence);

        await factory.TamperAsync($"UPDATE \"AuditEvents\" SET \"Sequence\" = -1 WHERE \"Sequence\" = {a}; UPDATE \"AuditEvents\" SET \"Sequence\" = {a} WHERE \"Sequence\" = {b}; UPDATE \"AuditEvents\" SET \"Sequence\" = {b} WHERE \"Sequence\" = -1;");

        var result = await factory.VerifyAsync();
        Assert.Equal(a, result.FirstBadSequence);
        Assert.Contains("does not follow the event before it", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_truncated_trail_is_found_against_a_kept_checkpoint()
    {
        await RecordEventsAsync(5);
        var events = await factory.EventsAsync();
        var kept = new AuditCheckpoint(events[^1].Sequence, events[^1].Hash);
        var cutAfter = events[^3].Sequence;

        await factory.TamperAsync($"DELETE FROM \"AuditEvents\" WHERE \"Sequence\" > {cutAfter};");

        Assert.True((await factory.VerifyAsync()).Intact, "Without a kept checkpoint a clean cut is invisible, which is why the page offers one.");
        var result = await factory.VerifyAsync(kept);
        Assert.False(result.Intact);
        Assert.Equal(cutAfter + 1, result.FirstBadSequence);
        Assert.Equal($"Truncated after event {cutAfter}: the kept record names event {kept.Sequence}, which is no longer there.", result.Message);
    }

    [Fact]
    public async Task The_database_refuses_to_edit_or_delete_events_and_so_does_the_portal()
    {
        await RecordEventsAsync(1);

        var update = await Assert.ThrowsAnyAsync<DbException>(() => factory.ExecuteAsync("UPDATE \"AuditEvents\" SET \"Summary\" = 'x' WHERE \"Sequence\" = 1;"));
        var delete = await Assert.ThrowsAnyAsync<DbException>(() => factory.ExecuteAsync("DELETE FROM \"AuditEvents\";"));
        Assert.Contains("audit events cannot be changed", update.Message, StringComparison.Ordinal);
        Assert.Contains("audit events cannot be deleted", delete.Message, StringComparison.Ordinal);

        await using var scope = await factory.ScopeForAsync(admin);
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var e = await db.AuditEvents.OrderBy(x => x.Sequence).FirstAsync();
        e.Summary = "rewritten";
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
        Assert.Equal("The audit trail cannot be changed or deleted.", refused.Message);
        Assert.True((await factory.VerifyAsync()).Intact);
    }

    [Fact]
    public async Task Role_changes_and_disabling_are_recorded_as_security_events()
    {
        var sam = await factory.CreateUserAsync("sam@example.org", "Sam Okafor", PortalRoles.Staff);
        await using (var scope = await factory.ScopeForAsync(admin))
        {
            var users = scope.ServiceProvider.GetRequiredService<UserAdministrationService>();
            await users.SetRolesAsync(sam.Id, [PortalRoles.Manager]);
            await users.SetDisabledAsync(sam.Id, true);
        }

        var events = await factory.EventsAsync();
        var roles = Assert.Single(events, e => e.Action == AuditActions.RolesChanged);
        Assert.Equal("Roles of Sam Okafor (sam@example.org) changed: added Manager; removed Staff", roles.Summary);
        Assert.Equal(admin.Id, roles.ActorKey);
        Assert.Equal(sam.Id, roles.EntityKey);
        Assert.Single(events, e => e.Action == AuditActions.UserDisabled && e.EntityKey == sam.Id);
        // The underlying record changes are there too, attributed to the administrator.
        Assert.Contains(events, e => e.EntityType == "IdentityUserRole" && e.Action == "Deleted" && e.ActorKey == admin.Id);
        Assert.Contains(events, e => e.EntityType == "PortalUser" && e.Action == "Updated" && e.Changes.Contains("\"field\":\"IsDisabled\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_refusal_by_a_service_is_recorded()
    {
        var staff = await factory.CreateUserAsync("staff@example.org", "Stan Staff", PortalRoles.Staff);
        await using (var scope = await factory.ScopeForAsync(staff))
        {
            await Assert.ThrowsAsync<PortalAccessDeniedException>(() => scope.ServiceProvider.GetRequiredService<UserAdministrationService>().ListAsync());
        }

        var denied = Assert.Single(await factory.EventsAsync(), e => e.Action == AuditActions.AccessDenied);
        Assert.Equal(staff.Id, denied.ActorKey);
        Assert.Equal("Refused by the service: manage users (needs CanManageUsers)", denied.Summary);
    }

    [Fact]
    public async Task A_concurrency_conflict_releases_the_write_lock_and_writes_nothing()
    {
        await SaveSettingsAsync("Before");
        var before = (await factory.EventsAsync()).Count;

        await using var scope = await factory.ScopeForAsync(admin);
        var dbFactory = scope.ServiceProvider.GetRequiredService<IDbContextFactory<PortalDbContext>>();
        await using var stale = await dbFactory.CreateDbContextAsync();
        var staleRow = await stale.OrganisationSettings.SingleAsync();
        await SaveSettingsAsync("Someone else");

        staleRow.Name = "Mine";
        staleRow.Version = Guid.NewGuid();
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => stale.SaveChangesAsync());

        Assert.Null(stale.Database.CurrentTransaction);
        // Another writer is not kept waiting for a lock nobody holds.
        await scope.ServiceProvider.GetRequiredService<AuditTrail>().RecordAsync(AuditActions.Viewed, "after the conflict");
        var events = await factory.EventsAsync();
        Assert.Equal(before + 2, events.Count);
        Assert.DoesNotContain(events, e => e.Changes.Contains("\"Mine\"", StringComparison.Ordinal));
        Assert.True((await factory.VerifyAsync()).Intact);
    }

    [Fact]
    public async Task When_the_audit_event_cannot_be_written_the_change_is_undone_too()
    {
        await factory.ExecuteAsync(TestDatabase.IsPostgres
            ? """
              CREATE FUNCTION test_refuse_audit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'audit store unavailable'; END; $$;
              CREATE TRIGGER "Test_RefuseAudit" BEFORE INSERT ON "AuditEvents" FOR EACH ROW WHEN (NEW."EntityKey" = 'boom') EXECUTE FUNCTION test_refuse_audit();
              """
            : "CREATE TRIGGER Test_RefuseAudit BEFORE INSERT ON AuditEvents WHEN NEW.EntityKey = 'boom' BEGIN SELECT RAISE(ABORT, 'audit store unavailable'); END;");
        var before = (await factory.EventsAsync()).Count;

        await using (var scope = await factory.ScopeForAsync(admin))
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            db.Roles.Add(new IdentityRole("Boom") { Id = "boom", NormalizedName = "BOOM" });
            await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
            Assert.Empty(db.ChangeTracker.Entries());
        }

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            Assert.False(await scope.ServiceProvider.GetRequiredService<PortalDbContext>().Roles.AnyAsync(r => r.Id == "boom"));
        }

        Assert.Equal(before, (await factory.EventsAsync()).Count);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task In_a_callers_transaction_the_change_and_its_event_commit_or_roll_back_together(bool commit)
    {
        var before = (await factory.EventsAsync()).Count;
        var name = commit ? "Kept Role" : "Dropped Role";

        await using (var scope = await factory.ScopeForAsync(admin))
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync();
            db.Roles.Add(new IdentityRole(name) { NormalizedName = name.ToUpperInvariant() });
            db.AddAuditEvent(AuditActions.Viewed, $"with {name}");
            await db.SaveChangesAsync();
            if (commit)
            {
                await transaction.CommitAsync();
            }
        }

        var events = await factory.EventsAsync();
        Assert.Equal(before + (commit ? 2 : 0), events.Count);
        await using var check = factory.Services.CreateAsyncScope();
        Assert.Equal(commit, await check.ServiceProvider.GetRequiredService<PortalDbContext>().Roles.AnyAsync(r => r.Name == name));
        Assert.True((await factory.VerifyAsync()).Intact);
    }
}
