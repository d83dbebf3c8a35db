using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SafeguardingPortal.Features.Recordings;
using SafeguardingPortal.Features.Staff;
using SafeguardingPortal.Infrastructure.Audit;
using SafeguardingPortal.Infrastructure.Data;
using SafeguardingPortal.Infrastructure.Identity;
using SafeguardingPortal.Infrastructure.Validation;
using SafeguardingPortal.Tests.Infrastructure;

namespace SafeguardingPortal.Tests.Features.Recordings;

/// <summary>
/// The recording policy on a real database, through the service as each role would call it: the
/// first-start draft, drafting, approval never by an author, one active version, who reads what.
/// </summary>
public sealed class RecordingPolicyServiceTests : IAsyncLifetime
{
    private readonly PortalAppFactory factory = new();
    private PortalUser lead = default!;
    private PortalUser secondLead = default!;
    private PortalUser manager = default!;
    private PortalUser leadAndManager = default!;
    private PortalUser staffUser = default!;
    private PortalUser auditor = default!;
    private int stan;

    public async ValueTask InitializeAsync()
    {
        lead = await factory.CreateUserAsync("lead@example.org", "Lee Lead", PortalRoles.SafeguardingLead);
        secondLead = await factory.CreateUserAsync("lead2@example.org", "Lou Lead", PortalRoles.SafeguardingLead);
        manager = await factory.CreateUserAsync("manager@example.org", "Mo Manager", PortalRoles.Manager);
        leadAndManager = await factory.CreateUserAsync("both@example.org", "Bo Both", PortalRoles.SafeguardingLead, PortalRoles.Manager);
        staffUser = await factory.CreateUserAsync("stan@example.org", "Stan Staff", PortalRoles.Staff);
        auditor = await factory.CreateUserAsync("auditor@example.org", "Aud Itor", PortalRoles.Auditor);
        await using var scope = await factory.ScopeForAsync(lead);
        stan = await scope.ServiceProvider.GetRequiredService<StaffService>().SaveAsync(new StaffModel { FirstName = "Stan", LastName = "Staff", WorkEmail = "stan.work@example.org", UserId = staffUser.Id });
    }

    public async ValueTask DisposeAsync() => await factory.DisposeAsync();

    internal static RecordingPolicyModel Written(Guid version, int retentionDays = 30) => new()
    {
        Purpose = "So that a safeguarding concern raised during a live session can be looked at again.",
        Uses = "Reviewing a concern with the safeguarding lead. Never for publicity.",
        Storage = "The club's cloud storage, in a folder only the safeguarding leads can open, with two-step sign-in.",
        RetentionDays = retentionDays,
        DisposalMethod = "Deleted from the folder and its recycle bin; shared links removed; a second lead checks.",
        AccessRoles = [PortalRoles.SafeguardingLead],
        AccessMethod = "A view-only link, opened in the portal's access log with the reason.",
        ResponsibleForMaking = "The member of staff hosting the session",
        ResponsibleForStoring = "The member of staff hosting the session",
        ResponsibleForDisposing = "The safeguarding lead",
        Version = version,
    };

    private async Task<T> AsAsync<T>(PortalUser user, Func<RecordingPolicyService, Task<T>> action)
    {
        await using var scope = await factory.ScopeForAsync(user);
        return await action(scope.ServiceProvider.GetRequiredService<RecordingPolicyService>());
    }

    private Task AsAsync(PortalUser user, Func<RecordingPolicyService, Task> action) =>
        AsAsync<bool>(user, async s =>
        {
            await action(s);
            return true;
        });

    private async Task<RecordingPolicyDetails> DetailsAsync(int id, PortalUser? who = null) => (await AsAsync(who ?? lead, s => s.GetAsync(id)))!;

    /// <summary>A draft written by <paramref name="author"/>, ready for approval.</summary>
    private async Task<int> WrittenDraftAsync(PortalUser? author = null, int retentionDays = 30)
    {
        author ??= lead;
        var id = await AsAsync(author, s => s.StartDraftAsync());
        var version = (await DetailsAsync(id)).Content.Version;
        await AsAsync(author, s => s.SaveDraftAsync(id, Written(version, retentionDays)));
        return id;
    }

    private async Task ApproveAsync(int id, PortalUser? who = null) =>
        await AsAsync(who ?? manager, async s => await s.ApproveAsync(id, (await DetailsAsync(id)).Content.Version));

    [Fact]
    public async Task First_start_leaves_a_draft_with_every_section_prompted_that_cannot_be_approved_until_written()
    {
        var row = Assert.Single(await AsAsync(lead, s => s.ListAsync()));
        Assert.Equal(RecordingPolicyStatus.Draft, row.Status);
        var draft = await DetailsAsync(row.Id);
        foreach (var (field, _, prompt) in RecordingPolicyRules.Sections)
        {
            Assert.Contains(prompt, RecordingPolicyRules.Text(draft.Content, field), StringComparison.Ordinal);
        }

        var refused = await Assert.ThrowsAsync<PortalValidationException>(() => ApproveAsync(row.Id));
        Assert.Equal(RecordingPolicyRules.Sections.Count + 1, refused.Errors.Count);
        Assert.Equal(RecordingPolicyStatus.Draft, (await DetailsAsync(row.Id)).Status);

        // Starting a draft continues the one there is rather than adding another.
        Assert.Equal(row.Id, await AsAsync(lead, s => s.StartDraftAsync()));
        await AsAsync(lead, s => s.SaveDraftAsync(row.Id, Written(draft.Content.Version)));
        await ApproveAsync(row.Id);
        var active = await AsAsync(staffUser, s => s.GetActiveAsync());
        Assert.Equal((row.Id, RecordingPolicyStatus.Active, "Mo Manager"), (active!.Id, active.Status, active.ApprovedByName));
    }

    [Fact]
    public async Task A_policy_cannot_be_approved_by_its_author_even_one_who_is_also_a_manager_and_the_refusal_is_audited()
    {
        var id = await WrittenDraftAsync(leadAndManager);
        var details = await DetailsAsync(id, leadAndManager);
        Assert.False(details.CanApprove);
        Assert.Equal("You wrote or changed this version, so another manager must approve it.", details.CannotApproveBecause);

        var refused = await Assert.ThrowsAsync<PortalValidationException>(() => ApproveAsync(id, leadAndManager));
        Assert.Contains("another manager", refused.Message, StringComparison.Ordinal);
        Assert.Equal(RecordingPolicyStatus.Draft, (await DetailsAsync(id)).Status);
        await using (var db = await factory.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync())
        {
            Assert.True(await db.AuditEvents.AnyAsync(e => e.Action == AuditActions.AccessDenied && e.EntityType == nameof(RecordingPolicy) && e.Summary.Contains("approval of recording policy")));
        }

        // Someone who only changed the draft later is an author too.
        await AsAsync(leadAndManager, async s => await s.SaveDraftAsync(id, Written((await DetailsAsync(id)).Content.Version, 45)));
        var second = await DetailsAsync(id);
        Assert.Equal(["Bo Both"], second.Authors);
        await ApproveAsync(id, manager);
        Assert.Equal(RecordingPolicyStatus.Active, (await DetailsAsync(id)).Status);
    }

    [Fact]
    public async Task A_lead_who_changes_someone_elses_draft_cannot_approve_it_and_neither_can_a_lead_without_the_manager_role()
    {
        var id = await WrittenDraftAsync(lead);
        await AsAsync(leadAndManager, async s => await s.SaveDraftAsync(id, Written((await DetailsAsync(id)).Content.Version, 60)));
        Assert.Equal(["Lee Lead", "Bo Both"], (await DetailsAsync(id)).Authors);
        await Assert.ThrowsAsync<PortalValidationException>(() => ApproveAsync(id, leadAndManager));
        await Assert.ThrowsAsync<PortalAccessDeniedException>(() => ApproveAsync(id, secondLead));
        await Assert.ThrowsAsync<PortalAccessDeniedException>(() => AsAsync(manager, s => s.StartDraftAsync()));
        await Assert.ThrowsAsync<PortalAccessDeniedException>(() => AsAsync(staffUser, s => s.SaveDraftAsync(id, Written(Guid.Empty))));
        Assert.Equal(RecordingPolicyStatus.Draft, (await DetailsAsync(id)).Status);
    }

    [Fact]
    public async Task Approving_a_new_version_replaces_the_active_one_which_stays_readable_and_staff_read_only_the_active_version()
    {
        var first = await WrittenDraftAsync();
        await ApproveAsync(first);
        var second = await AsAsync(lead, s => s.StartDraftAsync());
        Assert.NotEqual(first, second);
        var copy = await DetailsAsync(second);
        Assert.Equal((2, RecordingPolicyStatus.Draft, 30), (copy.Number, copy.Status, copy.Content.RetentionDays));
        Assert.Equal(["Lee Lead"], copy.Authors);

        // While the new version is a draft the first stays active.
        Assert.Equal(first, (await AsAsync(staffUser, s => s.GetActiveAsync()))!.Id);
        Assert.Null(await AsAsync(staffUser, s => s.GetAsync(second)));

        await AsAsync(lead, s => s.SaveDraftAsync(second, Written(copy.Content.Version, 90)));
        await ApproveAsync(second);
        var versions = await AsAsync(auditor, s => s.ListAsync());
        // The first-start draft became version 1; its successor is version 2.
        Assert.Equal([(2, RecordingPolicyStatus.Active), (1, RecordingPolicyStatus.Superseded)], versions.Select(v => (v.Number, v.Status)));
        var old = await DetailsAsync(first, auditor);
        Assert.Equal((RecordingPolicyStatus.Superseded, 30), (old.Status, old.Content.RetentionDays));
        Assert.NotNull(old.SupersededAtUtc);

        Assert.Equal([second], (await AsAsync(staffUser, s => s.ListAsync())).Select(v => v.Id));
        Assert.Null(await AsAsync(staffUser, s => s.GetAsync(first)));
        Assert.Equal(90, (await AsAsync(staffUser, s => s.GetActiveAsync()))!.Content.RetentionDays);

        // An active or replaced version cannot be changed.
        var frozen = await Assert.ThrowsAsync<PortalValidationException>(() => AsAsync(lead, async s => await s.SaveDraftAsync(second, Written((await DetailsAsync(second)).Content.Version, 7))));
        Assert.Contains("Only a draft", frozen.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_input_and_stale_versions_are_refused_with_a_message_and_change_nothing()
    {
        var id = await WrittenDraftAsync();
        var before = await DetailsAsync(id);
        var bad = Written(before.Content.Version, 0);
        bad.Purpose = " ";
        bad.AccessRoles = ["Auditor"];
        bad.AccessPeople = [stan, 99999];
        var refused = await Assert.ThrowsAsync<PortalValidationException>(() => AsAsync(lead, s => s.SaveDraftAsync(id, bad)));
        Assert.Equal(["AccessPeople", "AccessRoles", "Purpose", "RetentionDays"], refused.Errors.Keys.Order());

        var stale = Written(Guid.NewGuid(), 45);
        await Assert.ThrowsAsync<PortalConcurrencyException>(() => AsAsync(lead, s => s.SaveDraftAsync(id, stale)));
        await Assert.ThrowsAsync<PortalConcurrencyException>(() => AsAsync(manager, s => s.ApproveAsync(id, Guid.NewGuid())));
        var after = await DetailsAsync(id);
        Assert.Equal((before.Content.Version, 30, RecordingPolicyStatus.Draft), (after.Content.Version, after.Content.RetentionDays, after.Status));

        // Named people are kept as people on the staff register.
        var named = Written(after.Content.Version);
        named.AccessRoles = [];
        named.AccessPeople = [stan];
        await AsAsync(lead, s => s.SaveDraftAsync(id, named));
        Assert.Equal(["Stan Staff"], (await DetailsAsync(id)).AccessPeopleNames);
    }

    [Fact]
    public async Task Two_managers_approving_the_same_draft_at_once_leave_exactly_one_active_version()
    {
        var otherManager = await factory.CreateUserAsync("manager2@example.org", "Max Manager", PortalRoles.Manager);
        var id = await WrittenDraftAsync();
        var version = (await DetailsAsync(id)).Content.Version;
        var results = await Task.WhenAll(
            Attempt(() => AsAsync(manager, s => s.ApproveAsync(id, version))),
            Attempt(() => AsAsync(otherManager, s => s.ApproveAsync(id, version))));
        Assert.Equal(1, results.Count(r => r is null));
        Assert.Single(results, r => r is PortalConcurrencyException);
        Assert.Single(await AsAsync(lead, s => s.ListAsync()), v => v.Status == RecordingPolicyStatus.Active);
    }

    private static async Task<Exception?> Attempt(Func<Task> action)
    {
        try
        {
            await action();
            return null;
        }
        catch (PortalConcurrencyException ex)
        {
            return ex;
        }
    }
}
