using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SafeguardingPortal.Features.Children;
using SafeguardingPortal.Features.Families;
using SafeguardingPortal.Infrastructure.Validation;
using SafeguardingPortal.Tests.Features.Recordings;

namespace SafeguardingPortal.Tests.Features.People;

/// <summary>Children and parents named in consent evidence are never deleted, and are told why instead of failing.</summary>
public sealed class KeptRecordsTests(RecordingPortal portal) : IClassFixture<RecordingPortal>
{
    [Fact]
    public async Task A_child_and_parent_with_consent_records_are_refused_deletion_with_the_reason_and_stay()
    {
        var (activity, _) = await portal.AddActivityAsync("Kept club", DateTimeOffset.UtcNow.AddDays(1));
        var (nia, niaParent) = await portal.AddFamilyAsync(activity, "Nia");
        await portal.ParentConsentsAsync(activity, nia, niaParent);
        int parentId;
        await using (var db = await portal.CreateDbAsync())
        {
            // No longer in the activity and no longer linked: only the consent evidence names them.
            db.Enrolments.RemoveRange(db.Enrolments.Where(e => e.ChildId == nia));
            var link = await db.ChildGuardians.SingleAsync(g => g.ChildId == nia);
            parentId = link.ParentCarerId;
            db.ChildGuardians.Remove(link);
            await db.SaveChangesAsync();
        }

        await using var scope = await portal.Factory.ScopeForAsync(portal.Lead);
        var child = await Assert.ThrowsAsync<PortalValidationException>(() => scope.ServiceProvider.GetRequiredService<ChildService>().DeleteAsync(nia));
        Assert.Equal("Nia Niason is named in consent records, which the portal keeps as evidence, so they cannot be deleted.", child.Message);
        var parent = await Assert.ThrowsAsync<PortalValidationException>(() => scope.ServiceProvider.GetRequiredService<ParentCarerService>().DeleteAsync(parentId));
        Assert.Contains("named in consent records", parent.Message, StringComparison.Ordinal);

        await using var check = await portal.CreateDbAsync();
        Assert.True(await check.Children.AnyAsync(c => c.Id == nia));
        Assert.True(await check.ParentsCarers.AnyAsync(p => p.Id == parentId));
    }

    [Fact]
    public async Task A_child_whose_family_has_a_recording_agreement_is_refused_deletion_with_the_reason()
    {
        var (activity, session) = await portal.AddActivityAsync("Agreement club", DateTimeOffset.UtcNow.AddDays(2));
        var (ode, _) = await portal.AddFamilyAsync(activity, "Ode");
        await portal.AsAsync(portal.HostUser, s => s.RecordAgreementAsync(new SafeguardingPortal.Features.Recordings.FamilyAgreementModel
        {
            SessionId = session,
            ChildId = ode,
            ByChild = true,
            UsedFor = "To watch at home.",
            KeepUntil = DateTime.Today.AddMonths(1),
            AgreedOn = DateTime.Today,
        }));
        await using (var db = await portal.CreateDbAsync())
        {
            db.Enrolments.RemoveRange(db.Enrolments.Where(e => e.ChildId == ode));
            db.ChildGuardians.RemoveRange(db.ChildGuardians.Where(g => g.ChildId == ode));
            await db.SaveChangesAsync();
        }

        await using var scope = await portal.Factory.ScopeForAsync(portal.Lead);
        var refused = await Assert.ThrowsAsync<PortalValidationException>(() => scope.ServiceProvider.GetRequiredService<ChildService>().DeleteAsync(ode));
        Assert.Equal("Ode Odeson is named in a family recording agreement, which the portal keeps as evidence, so they cannot be deleted.", refused.Message);
    }

    [Fact]
    public async Task A_member_of_staff_in_a_recording_policy_is_refused_deletion_with_the_reason()
    {
        int staffId;
        await using (var db = await portal.CreateDbAsync())
        {
            var staff = new SafeguardingPortal.Features.Staff.StaffMember { FirstName = "Pia", LastName = "Policy", WorkEmail = "pia@example.org", CreatedAtUtc = DateTimeOffset.UtcNow, Version = Guid.NewGuid() };
            db.StaffMembers.Add(staff);
            await db.SaveChangesAsync();
            staffId = staff.Id;
            var policy = await db.RecordingPolicies.SingleAsync(p => p.Status == SafeguardingPortal.Features.Recordings.RecordingPolicyStatus.Active);
            db.Add(new SafeguardingPortal.Features.Recordings.RecordingPolicyAccessPerson { PolicyId = policy.Id, StaffMemberId = staffId });
            await db.SaveChangesAsync();
        }

        await using var scope = await portal.Factory.ScopeForAsync(portal.Lead);
        var refused = await Assert.ThrowsAsync<PortalValidationException>(() => scope.ServiceProvider.GetRequiredService<SafeguardingPortal.Features.Staff.StaffService>().DeleteAsync(staffId));
        Assert.Equal("Pia Policy is named in a recording policy (as someone who may see recordings), which the portal keeps as evidence, so they cannot be deleted.", refused.Message);
        await using var check = await portal.CreateDbAsync();
        Assert.True(await check.StaffMembers.AnyAsync(s => s.Id == staffId));
    }
}
