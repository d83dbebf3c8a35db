using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SafeguardingPortal.Features.Consent;
using SafeguardingPortal.Features.People;
using SafeguardingPortal.Features.Recordings;
using SafeguardingPortal.Infrastructure;
using SafeguardingPortal.Infrastructure.Data;
using SafeguardingPortal.Infrastructure.Identity;
using SafeguardingPortal.Tests.Infrastructure;
using SafeguardingPortal.Tests.Infrastructure.Audit;

namespace SafeguardingPortal.Tests.Features.Recordings;

/// <summary>
/// seed-demo leaves an approved recording policy (version 1 replaced by version 2) and recordings in every
/// state the register shows, none of which the portal's own rules would have refused.
/// </summary>
public sealed class RecordingDemoDataTests
{
    [Theory]
    [InlineData(30)]
    [InlineData(120)]
    public async Task Demo_data_has_recordings_in_every_state_each_child_in_a_held_recording_covered_by_the_portals_own_rules(int size)
    {
        await using var factory = new PortalAppFactory();
        var lead = await factory.CreateUserAsync("lead.recordings.demo@example.org", "Lee Lead", PortalRoles.SafeguardingLead);
        await using (var seeding = factory.Services.CreateAsyncScope())
        {
            var summary = await seeding.ServiceProvider.GetRequiredService<DemoDataSeeder>().SeedAsync(size);
            Assert.Contains("7 recordings (3 due for disposal, 2 disposed of)", summary, StringComparison.Ordinal);
        }

        var today = factory.Services.GetRequiredService<PortalClock>().Today();
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();

        // Version 1, replaced by the active version 2, each written in full by one person and approved by another.
        var policies = await db.Set<RecordingPolicy>().AsNoTracking().Include(p => p.Authors).Include(p => p.AccessPeople).OrderBy(p => p.Number).ToListAsync();
        Assert.Equal([(1, RecordingPolicyStatus.Superseded), (2, RecordingPolicyStatus.Active)], policies.Select(p => (p.Number, p.Status)));
        Assert.All(policies, p =>
        {
            Assert.Empty(RecordingPolicyRules.Validate(RecordingPolicyService.ToModel(p), forApproval: true));
            Assert.DoesNotContain(p.ApprovedByName, p.Authors.Select(a => a.Name));
        });
        Assert.NotEqual(policies[0].Authors.Single().Name, policies[1].Authors.Single().Name);
        Assert.NotEqual(policies[0].ApprovedByName, policies[1].ApprovedByName);
        Assert.True(policies[0].SupersededAtUtc == policies[1].ApprovedAtUtc && policies[0].ApprovedAtUtc < policies[1].ApprovedAtUtc);

        var recordings = await db.Recordings.AsNoTracking().Include(r => r.Participants).Include(r => r.ActivitySession).ToListAsync();
        var tasks = await db.Set<DisposalTask>().AsNoTracking().ToListAsync();
        var open = tasks.Where(t => t.CompletedAtUtc == null).ToLookup(t => t.RecordingId);

        // Each was made under the version in force on the day, and must go by that version's retention.
        foreach (var r in recordings)
        {
            var policy = policies.Last(p => p.ApprovedAtUtc <= r.ActivitySession!.StartsAtUtc);
            Assert.Equal((policy.Id, RecordingRules.DeleteBy(r.ActivitySession!.StartsAtUtc, policy.RetentionDays)), (r.PolicyId, r.DeleteBy));
            Assert.True(await db.Set<SessionComfortCheck>().AnyAsync(c => c.ActivitySessionId == r.ActivitySessionId), $"{r.Reference} has no comfort check.");
        }

        // Every state: held, due today, overdue, consent withdrawn, disposed of.
        var held = recordings.Where(r => r.Status == RecordingStatus.Held).ToList();
        Assert.Contains(held, r => r.DeleteBy > today && !open[r.Id].Any());
        Assert.Contains(held, r => open[r.Id].Any(t => t is { Reason: DisposalReason.RetentionEnded } && t.DueBy == today));
        Assert.Single(held, r => open[r.Id].Any(t => RecordingRules.Overdue(t.CompletedAtUtc, t.DueBy, today)));
        var withdrawn = Assert.Single(tasks, t => t.Reason == DisposalReason.ConsentWithdrawn);
        Assert.Null(withdrawn.CompletedAtUtc);
        var withdrawal = await db.Set<ConsentWithdrawal>().AsNoTracking().Include(w => w.Answers).SingleAsync(w => w.Reference == withdrawn.WithdrawalReference);
        Assert.True(await db.Set<ConsentAnswer>().AnyAsync(a => a.Id == withdrawal.Answers.Single().AnswerId && a.Kind == ConsentItemKind.SessionRecorded));

        // The tombstones: no storage reference and no participants, how many were recorded kept, and how they went.
        var disposed = recordings.Where(r => r.Status == RecordingStatus.Disposed).ToList();
        Assert.NotEmpty(disposed);
        foreach (var r in disposed)
        {
            Assert.Equal(("", 0), (r.StorageReference, r.Participants.Count));
            Assert.True(r.ParticipantCount > 0 && r.DisposedAtUtc is not null);
            var done = Assert.Single(tasks, t => t.RecordingId == r.Id);
            Assert.Equal(policies.Single(p => p.Id == r.PolicyId).DisposalMethod, done.Method);
            Assert.NotEmpty(done.Confirmation);
        }

        // The daily job finds nothing more to raise: every recording past its date already has its task.
        Assert.Equal(0, await RecordingService.RaiseRetentionTasksAsync(db, today, factory.PortalTime.GetUtcNow(), CancellationToken.None));

        // Whoever is in a held recording has consent by the portal's own check; those without are left out with a note,
        // except the child whose parent withdrew today, whose recording has its consent-withdrawn task.
        await using var scope = await factory.ScopeForAsync(lead);
        var service = scope.ServiceProvider.GetRequiredService<RecordingService>();
        var excludedChildren = 0;
        foreach (var r in held)
        {
            var children = r.Participants.Where(p => p.ChildId is not null).Select(p => p.ChildId!.Value).ToList();
            Assert.NotEmpty(children);
            var coverage = await service.CoverageAsync(r.ActivitySessionId, children, [.. r.Participants.Where(p => p.StaffMemberId is not null).Select(p => p.StaffMemberId!.Value)]);
            Assert.Contains(r.Participants, p => p.StaffMemberId == r.ActivitySession!.HostStaffMemberId && !p.Excluded);
            Assert.Equal(r.Participants.Count(p => !p.Excluded), r.ParticipantCount);
            foreach (var p in r.Participants)
            {
                var line = coverage.Lines.Single(l => l.ChildId == p.ChildId && l.StaffMemberId == p.StaffMemberId);
                if (p.Excluded)
                {
                    Assert.False(line.Covered, $"{line.Name} is left out of {r.Reference} although their consent is in place.");
                    Assert.NotEmpty(p.ExclusionNote);
                    excludedChildren += p.ChildId is null ? 0 : 1;
                }
                else if (!line.Covered)
                {
                    Assert.Equal(ConsentCellStatus.Withdrawn, line.Consent.Status);
                    Assert.Equal(withdrawn.RecordingId, r.Id);
                }
            }
        }

        Assert.True(excludedChildren > 0, "No child is left out of a recording for want of consent.");
        Assert.Contains(await service.DisposalTasksAsync(openOnly: true), t => t.Reason == DisposalReason.ConsentWithdrawn && !t.Overdue);
        Assert.True((await factory.VerifyAsync()).Intact);
    }
}
