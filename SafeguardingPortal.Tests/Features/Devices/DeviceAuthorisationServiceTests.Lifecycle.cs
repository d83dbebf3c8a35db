using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using SafeguardingPortal.Features.Devices;
using SafeguardingPortal.Features.Documents;
using SafeguardingPortal.Features.People;
using SafeguardingPortal.Features.Staff;
using SafeguardingPortal.Infrastructure;
using SafeguardingPortal.Infrastructure.Audit;
using SafeguardingPortal.Infrastructure.Data;
using SafeguardingPortal.Infrastructure.Email.Queue;
using SafeguardingPortal.Infrastructure.Identity;
using SafeguardingPortal.Infrastructure.Jobs;
using SafeguardingPortal.Infrastructure.Validation;
using SafeguardingPortal.Tests.Infrastructure;
using SafeguardingPortal.Tests.Infrastructure.Audit;
using SafeguardingPortal.Tests.Infrastructure.Pdf;

namespace SafeguardingPortal.Tests.Features.Devices;

/// <summary>After the decision: expiry on the portal's clock, review reminders and renewal, revocation and what it reaches.</summary>
public sealed partial class DeviceAuthorisationServiceTests
{
    [Fact]
    public async Task Revoking_an_authorisation_declines_its_waiting_renewal_and_revokes_an_approved_one()
    {
        var first = await ApprovedAsync(days: 60);
        var current = await DetailsAsync(first, staffUser);
        var waiting = await AsAsync(staffUser, s => s.RenewAsync(first, current.ValidUntil!.Value.AddMonths(2), current.Request.Version));

        var firstVersion = (await DetailsAsync(first)).Request.Version;
        await AsAsync(lead, s => s.RevokeAsync(first, "Messages were sent late at night.", firstVersion));

        // The record still checks out as genuine on /verify, but says it is no longer in force.
        var record = (await AsAsync(lead, s => s.RecordAsync(first)))!;
        var inForceId = await ApprovedAsync();
        var stillInForce = (await AsAsync(lead, s => s.RecordAsync(inForceId)))!;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var verifier = scope.ServiceProvider.GetRequiredService<DocumentVerifier>();
            var verified = await verifier.VerifyAsync(new MemoryStream(record.Bytes), record.Bytes.Length);
            Assert.Equal(VerificationVerdict.Genuine, verified.Verdict);
            Assert.Contains(verified.Details, d => d.StartsWith("Since it was issued, this authorisation was revoked on", StringComparison.Ordinal));
            Assert.Contains("This authorisation is still in force today.", (await verifier.VerifyAsync(new MemoryStream(stillInForce.Bytes), stillInForce.Bytes.Length)).Details);
        }

        var declined = await DetailsAsync(waiting);
        Assert.Equal(DeviceAuthorisationState.Declined, declined.State);
        Assert.Contains("was revoked: Messages were sent late at night.", declined.DeclineReason, StringComparison.Ordinal);
        Assert.Contains(await QueuedAsync(waiting), e => e.Kind == DeviceEmailKinds.Decision);

        // An approved renewal, in force from when the first one ends, is revoked with it.
        var second = await ApprovedAsync(days: 60);
        var secondDetails = await DetailsAsync(second, staffUser);
        var renewal = await AsAsync(staffUser, s => s.RenewAsync(second, secondDetails.ValidUntil!.Value.AddMonths(2), secondDetails.Request.Version));
        var renewalDetails = await DetailsAsync(renewal);
        await AsAsync(secondManager, s => s.DecideAsync(renewal, new DeviceDecisionModel
        {
            Approve = true,
            ValidFrom = renewalDetails.Request.RequestedFrom,
            ValidUntil = renewalDetails.Request.RequestedUntil,
            ReviewOn = renewalDetails.Request.RequestedUntil!.Value.AddDays(-14),
        }, renewalDetails.Request.Version));
        Assert.Equal(DeviceAuthorisationState.Approved, (await DetailsAsync(renewal)).State);

        var secondVersion = (await DetailsAsync(second)).Request.Version;
        await AsAsync(manager, s => s.RevokeAsync(second, "The group chat was closed.", secondVersion));

        Assert.Equal(DeviceAuthorisationState.Revoked, (await DetailsAsync(second)).State);
        Assert.Equal(DeviceAuthorisationState.Revoked, (await DetailsAsync(renewal)).State);
        Assert.Contains(await QueuedAsync(renewal), e => e.Kind == DeviceEmailKinds.Revoked);
        Assert.True((await factory.VerifyAsync()).Intact);
    }

    [Fact]
    public async Task Expiry_follows_the_portals_clock_before_the_job_runs_and_the_job_records_it_once()
    {
        var id = await ApprovedAsync(days: 30);
        Assert.Equal(DeviceAuthorisationState.Approved, (await DetailsAsync(id)).State);

        factory.PortalTime.Advance(TimeSpan.FromDays(20));
        Assert.Equal(DeviceAuthorisationState.ReviewDue, (await DetailsAsync(id)).State);
        Assert.Single((await AsAsync(lead, s => s.ListAsync(new DeviceAuthorisationQuery { State = DeviceAuthorisationState.ReviewDue }))).Rows);

        factory.PortalTime.Advance(TimeSpan.FromDays(12));

        // No job has run: the register is already right.
        Assert.Equal(DeviceAuthorisationState.Expired, (await DetailsAsync(id)).State);
        Assert.Equal(DeviceAuthorisationState.Expired, Assert.Single((await AsAsync(lead, s => s.ListAsync(new DeviceAuthorisationQuery { State = DeviceAuthorisationState.Expired }))).Rows).State);
        Assert.Empty((await AsAsync(lead, s => s.ListAsync(new DeviceAuthorisationQuery { State = DeviceAuthorisationState.Approved }))).Rows);

        var job = factory.Services.GetServices<IPortalJob>().OfType<DeviceAuthorisationsJob>().Single();
        var runner = factory.Services.GetRequiredService<PortalJobRunner>();
        Assert.Equal("1 authorisation recorded as expired; 0 review reminders queued.", (await runner.RunAsync(job, "test")).Summary);
        Assert.Equal("0 authorisations recorded as expired; 0 review reminders queued.", (await runner.RunAsync(job, "test")).Summary);
        Assert.Equal(2, (await QueuedAsync(id)).Count(e => e.Kind == DeviceEmailKinds.Expired));
        var revoke = await Assert.ThrowsAsync<PortalValidationException>(() => AsAsync(manager, async s => await s.RevokeAsync(id, "No longer needed", (await s.GetAsync(id))!.Request.Version)));
        Assert.Equal("Only an authorisation in force can be revoked; this one is expired.", revoke.Message);
    }

    [Fact]
    public async Task The_job_reminds_of_a_review_once_and_a_review_renews_without_retyping()
    {
        var id = await ApprovedAsync(days: 60);
        var job = factory.Services.GetServices<IPortalJob>().OfType<DeviceAuthorisationsJob>().Single();
        var runner = factory.Services.GetRequiredService<PortalJobRunner>();
        Assert.StartsWith("0 authorisations recorded as expired; 0 review", (await runner.RunAsync(job, "test")).Summary, StringComparison.Ordinal);

        factory.PortalTime.Advance(TimeSpan.FromDays(40));
        Assert.Equal("0 authorisations recorded as expired; 1 review reminder queued.", (await runner.RunAsync(job, "test")).Summary);
        Assert.StartsWith("0 authorisations recorded as expired; 0 review", (await runner.RunAsync(job, "test")).Summary, StringComparison.Ordinal);
        Assert.Equal(2, (await QueuedAsync(id)).Count(e => e.Kind == DeviceEmailKinds.ReviewDue));

        factory.PortalTime.Advance(TimeSpan.FromDays(7));
        var current = await DetailsAsync(id, staffUser);
        Assert.Equal(DeviceAuthorisationState.ReviewDue, current.State);
        Assert.True(current.CanRenew);
        await Assert.ThrowsAsync<PortalAccessDeniedException>(() => AsAsync(otherStaffUser, s => s.RenewAsync(id, current.ValidUntil!.Value.AddMonths(2), current.Request.Version)));

        var renewalId = await AsAsync(staffUser, s => s.RenewAsync(id, current.ValidUntil!.Value.AddMonths(2), current.Request.Version));

        var renewal = await DetailsAsync(renewalId);
        Assert.Equal(DeviceAuthorisationState.Requested, renewal.State);
        Assert.Equal(current.Request.DeviceDescription, renewal.Request.DeviceDescription);
        Assert.Equal(current.Request.AppsAndAccounts, renewal.Request.AppsAndAccounts);
        Assert.Equal(["Lee Lead"], renewal.Request.Viewers.Select(v => v.Name));
        Assert.Equal(current.ValidUntil!.Value.AddDays(1), renewal.Request.RequestedFrom);
        Assert.Equal((id, current.Reference), renewal.RenewalOf);
        var reviewed = await DetailsAsync(id);
        Assert.Equal(DeviceAuthorisationState.Approved, reviewed.State);
        Assert.False(reviewed.CanRenew);
        Assert.Equal(renewalId, reviewed.Renewal!.Value.Id);
        var twice = await Assert.ThrowsAsync<PortalValidationException>(() => AsAsync(staffUser, s => s.RenewAsync(id, current.ValidUntil!.Value.AddMonths(2), reviewed.Request.Version)));
        Assert.Equal("A renewal of this authorisation has already been asked for.", twice.Message);

        // The renewal is decided like any request: never by the person or its requester.
        var version = renewal.Request.Version;
        await AsAsync(manager, s => s.DecideAsync(renewalId, new DeviceDecisionModel
        {
            Approve = true,
            ValidFrom = renewal.Request.RequestedFrom,
            ValidUntil = renewal.Request.RequestedUntil,
            ReviewOn = renewal.Request.RequestedUntil!.Value.AddDays(-14),
        }, version));
        Assert.Equal(DeviceAuthorisationState.Approved, (await DetailsAsync(renewalId)).State);
    }

    [Fact]
    public async Task Managers_and_safeguarding_leads_revoke_with_a_reason_and_everything_is_audited()
    {
        var id = await ApprovedAsync();
        var version = (await DetailsAsync(id)).Request.Version;
        await Assert.ThrowsAsync<PortalAccessDeniedException>(() => AsAsync(staffUser, s => s.RevokeAsync(id, "Mine", version)));
        await Assert.ThrowsAsync<PortalAccessDeniedException>(() => AsAsync(auditor, s => s.RevokeAsync(id, "x", version)));
        var noReason = await Assert.ThrowsAsync<PortalValidationException>(() => AsAsync(lead, s => s.RevokeAsync(id, " ", version)));
        Assert.Equal("Say why the authorisation is revoked: the person is told.", noReason.Message);

        await AsAsync(lead, s => s.RevokeAsync(id, "A parent raised a concern about late messages.", version));

        var revoked = await DetailsAsync(id, staffUser);
        Assert.Equal(DeviceAuthorisationState.Revoked, revoked.State);
        Assert.Equal("Lee Lead", revoked.RevokedBy);
        Assert.False(revoked.CanRevoke);
        var stale = await Assert.ThrowsAsync<PortalConcurrencyException>(() => AsAsync(manager, s => s.RevokeAsync(id, "Again", version)));
        Assert.Contains("it is now revoked", stale.Message, StringComparison.Ordinal);
        Assert.Contains(await QueuedAsync(id), e => e.Kind == DeviceEmailKinds.Revoked);
        var events = (await factory.EventsAsync()).Where(e => e.EntityType == nameof(DeviceAuthorisation)).ToList();
        Assert.Contains(events, e => e.Action == "Created" && e.ActorKey == staffUser.Id);
        Assert.Contains(events, e => e.Action == "Updated" && e.ActorKey == manager.Id && e.Changes.Contains("\"new\":\"Approved\"", StringComparison.Ordinal));
        Assert.Contains(events, e => e.Action == "Updated" && e.ActorKey == lead.Id && e.Changes.Contains("\"new\":\"Revoked\"", StringComparison.Ordinal));
        Assert.Contains(await factory.EventsAsync(), e => e.EntityType == nameof(DeviceViewer) && e.Action == "Created");
        Assert.True((await factory.VerifyAsync()).Intact);
    }
}
