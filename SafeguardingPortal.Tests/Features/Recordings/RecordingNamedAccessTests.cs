using Microsoft.EntityFrameworkCore;
using SafeguardingPortal.Features.Recordings;
using SafeguardingPortal.Features.Staff;
using SafeguardingPortal.Infrastructure.Identity;
using SafeguardingPortal.Infrastructure.Validation;

namespace SafeguardingPortal.Tests.Features.Recordings;

/// <summary>
/// Someone the recording policy names by name, who does not host the session, sees its recordings and is
/// handed where they are kept once they record why. Its own portal, since it changes the active policy.
/// </summary>
public sealed class RecordingNamedAccessTests(RecordingPortal portal) : IClassFixture<RecordingPortal>
{
    [Fact]
    public async Task A_member_of_staff_the_policy_names_records_access_and_is_handed_the_storage_reference_others_are_not()
    {
        var (activity, session) = await portal.AddActivityAsync("Named club", DateTimeOffset.UtcNow.AddHours(-2));
        var (rae, raeParent) = await portal.AddFamilyAsync(activity, "Rae");
        await portal.ParentConsentsAsync(activity, rae, raeParent);
        await portal.AsAsync(portal.HostUser, s => s.RecordComfortCheckAsync(session, "All fine."));
        var id = await portal.AsAsync(portal.HostUser, s => s.RegisterAsync(new RegisterRecordingModel
        {
            SessionId = session,
            ChildIds = [rae],
            Purpose = "A concern.",
            StorageReference = "Drive > Named club",
        }));

        // Before the policy names Olu, they neither see the recording nor can record access to it.
        Assert.Null(await portal.AsAsync(portal.OtherStaffUser, s => s.GetAsync(id)));
        await Assert.ThrowsAsync<PortalValidationException>(() => portal.AsAsync(portal.OtherStaffUser, s => s.RecordAccessAsync(id, "Looking")));

        await using (var db = await portal.CreateDbAsync())
        {
            var olu = await db.StaffMembers.SingleAsync(m => m.UserId == portal.OtherStaffUser.Id);
            var policy = await db.RecordingPolicies.SingleAsync(p => p.Status == RecordingPolicyStatus.Active);
            db.Add(new RecordingPolicyAccessPerson { PolicyId = policy.Id, StaffMemberId = olu.Id });
            await db.SaveChangesAsync();
        }

        var seen = (await portal.AsAsync(portal.OtherStaffUser, s => s.GetAsync(id)))!;
        Assert.True(seen.MaySeeStorage);
        Assert.True(seen.MayRecordAccess);
        Assert.Equal("Drive > Named club", await portal.AsAsync(portal.OtherStaffUser, s => s.RecordAccessAsync(id, "Second reviewer of the concern.")));

        // An auditor, whom the policy does not name, reads the log but cannot record an access.
        await Assert.ThrowsAsync<PortalAccessDeniedException>(() => portal.AsAsync(portal.Auditor, s => s.RecordAccessAsync(id, "Audit")));
        Assert.Equal(["Olu Other"], (await portal.AsAsync(portal.Auditor, s => s.GetAsync(id)))!.AccessLog.Select(a => a.By));
    }
}
