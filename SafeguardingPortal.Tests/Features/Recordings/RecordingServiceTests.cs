using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SafeguardingPortal.Features.Consent;
using SafeguardingPortal.Features.People;
using SafeguardingPortal.Features.Recordings;
using SafeguardingPortal.Infrastructure;
using SafeguardingPortal.Infrastructure.Identity;
using SafeguardingPortal.Infrastructure.Jobs;
using SafeguardingPortal.Infrastructure.Validation;
using SafeguardingPortal.Tests.Infrastructure;

namespace SafeguardingPortal.Tests.Features.Recordings;

/// <summary>
/// The register of recordings on a real database and the real public consent pages: coverage before
/// recording, the comfort check, retention on the portal's own clock, withdrawal to disposal, and the
/// tombstone a completed disposal leaves.
/// </summary>
public sealed class RecordingServiceTests(RecordingPortal portal) : IClassFixture<RecordingPortal>
{
    private DateOnly Today => portal.Factory.Services.GetRequiredService<PortalClock>().Today();

    private static RegisterRecordingModel Register(int sessionId, params int[] children) => new()
    {
        SessionId = sessionId,
        ChildIds = [.. children],
        Purpose = "To look again at anything of concern raised in the session.",
        StorageReference = "Drive > Safeguarding > Recordings > Coding club",
    };

    private async Task<int> RecordedAsync(int sessionId, params int[] children)
    {
        await portal.AsAsync(portal.HostUser, s => s.RecordComfortCheckAsync(sessionId, "Everyone said yes on camera."));
        return await portal.AsAsync(portal.HostUser, s => s.RegisterAsync(Register(sessionId, children)));
    }

    private async Task<List<DisposalTaskRow>> OpenTasksAsync() => [.. await portal.AsAsync(portal.Lead, s => s.DisposalTasksAsync(openOnly: true))];

    [Fact]
    public async Task Coverage_shows_who_is_missing_and_a_session_is_not_recorded_without_full_cover_or_a_recorded_exclusion()
    {
        var (activity, session) = await portal.AddActivityAsync("Coverage club", DateTimeOffset.UtcNow.AddHours(-2));
        var (ada, adaParent) = await portal.AddFamilyAsync(activity, "Ada");
        var (ben, _) = await portal.AddFamilyAsync(activity, "Ben");
        await portal.ParentConsentsAsync(activity, ada, adaParent);

        var coverage = await portal.AsAsync(portal.HostUser, s => s.CoverageAsync(session, [ada, ben], []));
        Assert.False(coverage.Full);
        var missing = Assert.Single(coverage.Missing);
        Assert.Equal(("Ben Benson", ConsentCellStatus.NotRequested), (missing.Name, missing.Consent.Status));
        Assert.True(coverage.Lines.Single(l => l.ChildId == ada).Covered);

        // The comfort check comes first when children take part.
        var noCheck = await Assert.ThrowsAsync<PortalValidationException>(() => portal.AsAsync(portal.HostUser, s => s.RegisterAsync(Register(session, ada))));
        Assert.Contains("comfort check", noCheck.Message, StringComparison.Ordinal);
        await portal.AsAsync(portal.HostUser, s => s.RecordComfortCheckAsync(session, "All happy"));
        await Assert.ThrowsAsync<PortalValidationException>(() => portal.AsAsync(portal.HostUser, s => s.RecordComfortCheckAsync(session, "again")));

        var refused = await Assert.ThrowsAsync<PortalValidationException>(() => portal.AsAsync(portal.HostUser, s => s.RegisterAsync(Register(session, ada, ben))));
        Assert.Contains("Ben Benson (not asked)", refused.Message, StringComparison.Ordinal);
        await using (var db = await portal.CreateDbAsync())
        {
            Assert.False(await db.Recordings.AnyAsync(r => r.ActivitySessionId == session));
        }

        var excluding = Register(session, ada, ben);
        excluding.Excluded = [new ExclusionModel { ChildId = ben, Note = " " }];
        await Assert.ThrowsAsync<PortalValidationException>(() => portal.AsAsync(portal.HostUser, s => s.RegisterAsync(excluding)));
        excluding.Excluded[0].Note = "Camera and microphone off for the whole session.";
        var id = await portal.AsAsync(portal.HostUser, s => s.RegisterAsync(excluding));
        var details = (await portal.AsAsync(portal.HostUser, s => s.GetAsync(id)))!;
        Assert.Equal(1, details.ParticipantCount);
        Assert.Contains(details.Participants, p => p is { Name: "Ben Benson", Excluded: true });
        Assert.Equal(RecordingRules.DeleteBy(DateTimeOffset.UtcNow.AddHours(-2), 30), details.DeleteBy);

        // Sam hosts but is not one of the roles the policy names, so the storage reference is not handed to them;
        // a lead gets it only by recording an access.
        Assert.False(details.MaySeeStorage);
        Assert.Null(await portal.AsAsync(portal.HostUser, s => s.RecordAccessAsync(id, "Checking the sound worked.")));
        Assert.True((await portal.AsAsync(portal.Lead, s => s.GetAsync(id)))!.MaySeeStorage);
        Assert.Equal("Drive > Safeguarding > Recordings > Coding club", await portal.AsAsync(portal.Lead, s => s.RecordAccessAsync(id, "A concern was raised after the session.")));
    }

    [Fact]
    public async Task Staff_record_only_sessions_they_host_and_managers_cannot_register_recordings()
    {
        var (activity, session) = await portal.AddActivityAsync("Hosts only club", DateTimeOffset.UtcNow.AddHours(-1));
        var (cy, cyParent) = await portal.AddFamilyAsync(activity, "Cy");
        await portal.ParentConsentsAsync(activity, cy, cyParent);
        await Assert.ThrowsAsync<PortalValidationException>(() => portal.AsAsync(portal.OtherStaffUser, s => s.RecordComfortCheckAsync(session, "")));
        await Assert.ThrowsAsync<PortalValidationException>(() => portal.AsAsync(portal.OtherStaffUser, s => s.CoverageAsync(session, [cy], [])));
        await Assert.ThrowsAsync<PortalAccessDeniedException>(() => portal.AsAsync(portal.Manager, s => s.RegisterAsync(Register(session, cy))));
        var id = await RecordedAsync(session, cy);
        Assert.Null(await portal.AsAsync(portal.OtherStaffUser, s => s.GetAsync(id)));
        Assert.NotNull(await portal.AsAsync(portal.Auditor, s => s.GetAsync(id)));
        await Assert.ThrowsAsync<PortalAccessDeniedException>(() => portal.AsAsync(portal.HostUser, s => s.DisposalTasksAsync(openOnly: true)));
    }

    [Fact]
    public async Task A_withdrawal_through_the_public_link_creates_disposal_tasks_for_exactly_the_recordings_that_include_the_child()
    {
        var (activity, first) = await portal.AddActivityAsync("Withdrawal club", DateTimeOffset.UtcNow.AddDays(-2));
        var second = await portal.AddSessionAsync(activity, DateTimeOffset.UtcNow.AddDays(-1));
        var third = await portal.AddSessionAsync(activity, DateTimeOffset.UtcNow.AddHours(-3));
        var (dee, deeParent) = await portal.AddFamilyAsync(activity, "Dee");
        var (eli, eliParent) = await portal.AddFamilyAsync(activity, "Eli");
        var deeLink = await portal.ParentConsentsAsync(activity, dee, deeParent);
        await portal.ParentConsentsAsync(activity, eli, eliParent);

        // Dee is in the first two recordings, not in the third; the same child in another activity is untouched.
        var withDee1 = await RecordedAsync(first, dee, eli);
        var withDee2 = await RecordedAsync(second, dee);
        var withoutDee = await RecordedAsync(third, eli);
        var (otherActivity, otherSession) = await portal.AddActivityAsync("Another club", DateTimeOffset.UtcNow.AddHours(-5));
        await portal.EnrolAsync(otherActivity, dee);
        var otherLink = await portal.ParentConsentsAsync(otherActivity, dee, deeParent);
        var otherRecording = await RecordedAsync(otherSession, dee);

        var reference = await portal.ParentWithdrawsRecordingAsync(deeLink);
        var tasks = (await OpenTasksAsync()).Where(t => t.RecordingId is var r && (r == withDee1 || r == withDee2 || r == withoutDee || r == otherRecording)).ToList();
        Assert.Equal([withDee1, withDee2], tasks.Select(t => t.RecordingId).Order());
        Assert.All(tasks, t => Assert.Equal((DisposalReason.ConsentWithdrawn, reference, Today), (t.Reason, t.WithdrawalReference, t.DueBy)));

        // The lead is told of the withdrawal, as every withdrawal does.
        await portal.DeliverAsync();
        Assert.Contains(portal.Smtp.Messages, m => m.To.Mailboxes.Any(x => x.Address == "lead.rec@example.org") && (m.Subject ?? "").Contains(reference, StringComparison.Ordinal));
        Assert.NotEmpty(otherLink);
    }

    [Fact]
    public async Task The_daily_job_raises_a_task_on_the_delete_by_date_once_it_becomes_overdue_after_and_completing_it_leaves_a_tombstone()
    {
        var (activity, session) = await portal.AddActivityAsync("Retention club", DateTimeOffset.UtcNow.AddHours(-1));
        var (fay, fayParent) = await portal.AddFamilyAsync(activity, "Fay");
        await portal.ParentConsentsAsync(activity, fay, fayParent);
        var id = await RecordedAsync(session, fay);
        var deleteBy = (await portal.AsAsync(portal.Lead, s => s.GetAsync(id)))!.DeleteBy;
        var job = portal.Factory.Services.GetServices<IPortalJob>().OfType<RecordingDisposalsJob>().Single();
        var runner = portal.Factory.Services.GetRequiredService<PortalJobRunner>();
        await runner.RunAsync(job, "test");
        Assert.DoesNotContain(await OpenTasksAsync(), t => t.RecordingId == id);

        portal.Factory.PortalTime.Advance(TimeSpan.FromDays(deleteBy.DayNumber - Today.DayNumber));
        Assert.Equal(deleteBy, Today);
        await runner.RunAsync(job, "test");
        await runner.RunAsync(job, "test");
        var task = Assert.Single(await OpenTasksAsync(), t => t.RecordingId == id);
        Assert.Equal((DisposalReason.RetentionEnded, deleteBy, false), (task.Reason, task.DueBy, task.Overdue));
        portal.Factory.PortalTime.Advance(TimeSpan.FromDays(1));
        Assert.True(Assert.Single(await OpenTasksAsync(), t => t.RecordingId == id).Overdue);
        Assert.True(Assert.Single((await portal.AsAsync(portal.Lead, s => s.ListAsync(new ListQuery { Search = "Retention club" }))).Rows).Overdue);

        // Only a safeguarding lead completes it, with a confirmation; a stale copy is refused.
        await Assert.ThrowsAsync<PortalAccessDeniedException>(() => portal.AsAsync(portal.Auditor, s => s.CompleteDisposalAsync(task.Id, "Deleted", task.Version)));
        await Assert.ThrowsAsync<PortalValidationException>(() => portal.AsAsync(portal.Lead, s => s.CompleteDisposalAsync(task.Id, " ", task.Version)));
        await Assert.ThrowsAsync<PortalConcurrencyException>(() => portal.AsAsync(portal.Lead, s => s.CompleteDisposalAsync(task.Id, "Deleted", Guid.NewGuid())));
        await portal.AsAsync(portal.Lead, s => s.CompleteDisposalAsync(task.Id, "Deleted from the folder and the bin; link removed.", task.Version));
        await Assert.ThrowsAsync<PortalConcurrencyException>(() => portal.AsAsync(portal.Lead, s => s.CompleteDisposalAsync(task.Id, "again", task.Version)));

        var tombstone = (await portal.AsAsync(portal.Lead, s => s.GetAsync(id)))!;
        Assert.Equal((RecordingStatus.Disposed, false, false, 0, 1), (tombstone.Status, tombstone.MaySeeStorage, tombstone.MayRecordAccess, tombstone.Participants.Count, tombstone.ParticipantCount));
        await Assert.ThrowsAsync<PortalValidationException>(() => portal.AsAsync(portal.Lead, s => s.RecordAccessAsync(id, "Looking after disposal")));
        var done = Assert.Single(tombstone.Tasks);
        Assert.Equal(("Lee Lead", RecordingPolicyServiceTests.Written(Guid.Empty).DisposalMethod, "Deleted from the folder and the bin; link removed."), (done.CompletedByName, done.Method, done.Confirmation));
        await using var db = await portal.CreateDbAsync();
        Assert.Equal("", (await db.Recordings.AsNoTracking().SingleAsync(r => r.Id == id)).StorageReference);
        Assert.False(await db.Set<RecordingParticipant>().AnyAsync(p => p.RecordingId == id));

        // A withdrawal after disposal raises nothing more.
        await runner.RunAsync(job, "test");
        Assert.DoesNotContain(await OpenTasksAsync(), t => t.RecordingId == id);
    }
}
