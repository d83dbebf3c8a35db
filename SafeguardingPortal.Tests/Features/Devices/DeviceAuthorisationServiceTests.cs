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

/// <summary>
/// Device authorisations on a real database, through the service as each role would call it (including
/// calls the pages never make): who may ask, decide and revoke, the visibility rule, expiry on the
/// portal's own clock, renewal at review, the record, the e-mails and concurrent decisions. What
/// happens after a decision (expiry, review, renewal, revocation) is in the .Lifecycle file.
/// </summary>
public sealed partial class DeviceAuthorisationServiceTests : IAsyncLifetime
{
    // E-mail is delivered by the test, not in the background, so what was sent can be counted.
    private readonly PortalAppFactory factory = new(new Dictionary<string, string?> { ["Email:DeliverInBackground"] = "false" });
    private PortalUser lead = default!;
    private PortalUser manager = default!;
    private PortalUser secondManager = default!;
    private PortalUser staffUser = default!;
    private PortalUser otherStaffUser = default!;
    private PortalUser auditor = default!;
    private PortalUser administrator = default!;
    private int stan;
    private int olu;
    private int mo;

    public async ValueTask InitializeAsync()
    {
        lead = await factory.CreateUserAsync("lead@example.org", "Lee Lead", PortalRoles.SafeguardingLead);
        manager = await factory.CreateUserAsync("manager@example.org", "Mo Manager", PortalRoles.Manager);
        secondManager = await factory.CreateUserAsync("manager2@example.org", "Max Manager", PortalRoles.Manager);
        staffUser = await factory.CreateUserAsync("stan@example.org", "Stan Staff", PortalRoles.Staff);
        otherStaffUser = await factory.CreateUserAsync("olu@example.org", "Olu Other", PortalRoles.Staff);
        auditor = await factory.CreateUserAsync("auditor@example.org", "Aud Itor", PortalRoles.Auditor);
        administrator = await factory.CreateUserAsync("admin@example.org", "Ada Admin", PortalRoles.Administrator);
        await using var scope = await factory.ScopeForAsync(lead);
        var staff = scope.ServiceProvider.GetRequiredService<StaffService>();
        stan = await staff.SaveAsync(new StaffModel { FirstName = "Stan", LastName = "Staff", WorkEmail = "stan.work@example.org", UserId = staffUser.Id, RoleTitle = "Youth worker" });
        olu = await staff.SaveAsync(new StaffModel { FirstName = "Olu", LastName = "Other", WorkEmail = "olu@example.org", UserId = otherStaffUser.Id });
        mo = await staff.SaveAsync(new StaffModel { FirstName = "Mo", LastName = "Manager", WorkEmail = "manager@example.org", UserId = manager.Id });
    }

    public async ValueTask DisposeAsync() => await factory.DisposeAsync();

    private DateOnly Today => factory.Services.GetRequiredService<PortalClock>().Today();

    private DeviceRequestModel Request(int person, bool withViewer = true) => new()
    {
        StaffMemberId = person,
        DeviceKind = DeviceKind.Phone,
        DeviceDescription = "Black iPhone 13 in a blue case",
        WhyNoOrganisationalDevice = "The club's two phones are both in use on Saturdays.",
        Purpose = "Telling the under-14s about cancelled matches.",
        CommunicatesWith = "Under-14s football squad",
        AppsAndAccounts = "WhatsApp group run by the club's account",
        Viewers = withViewer ? [new DeviceViewerModel { Name = "Lee Lead", HowTheySee = "Second adult in the group chat" }] : [],
        RequestedFrom = Today,
        RequestedUntil = Today.AddMonths(3),
    };

    private DeviceDecisionModel Approval(int days = 60) => new()
    {
        Approve = true,
        Conditions = "Messages only in the group chat with a second adult\nNo photos of children stored on the device",
        ValidFrom = Today,
        ValidUntil = Today.AddDays(days),
        ReviewOn = Today.AddDays(days - 14),
    };

    private async Task<T> AsAsync<T>(PortalUser user, Func<DeviceAuthorisationService, Task<T>> action)
    {
        await using var scope = await factory.ScopeForAsync(user);
        return await action(scope.ServiceProvider.GetRequiredService<DeviceAuthorisationService>());
    }

    private Task AsAsync(PortalUser user, Func<DeviceAuthorisationService, Task> action) =>
        AsAsync<bool>(user, async s =>
        {
            await action(s);
            return true;
        });

    private async Task<DeviceAuthorisationDetails> DetailsAsync(int id, PortalUser? who = null) => (await AsAsync(who ?? lead, s => s.GetAsync(id)))!;

    private async Task<int> ApprovedAsync(int days = 60)
    {
        var id = await AsAsync(staffUser, s => s.SaveRequestAsync(Request(stan)));
        var version = (await DetailsAsync(id)).Request.Version;
        await AsAsync(manager, s => s.DecideAsync(id, Approval(days), version));
        return id;
    }

    private async Task<List<OutgoingEmail>> QueuedAsync(int id)
    {
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        return await db.Set<OutgoingEmail>().AsNoTracking().Where(e => e.RelatedId == id && e.Kind.StartsWith("Device")).OrderBy(e => e.Id).ToListAsync();
    }

    [Fact]
    public async Task Staff_ask_only_for_themselves_and_a_crafted_request_for_someone_else_is_refused_and_audited()
    {
        var own = await AsAsync(staffUser, s => s.SaveRequestAsync(Request(stan)));
        Assert.Equal((stan, "Stan Staff"), Assert.Single(await AsAsync(staffUser, s => s.RequestablePeopleAsync())));

        var refused = await Assert.ThrowsAsync<PortalAccessDeniedException>(() => AsAsync(staffUser, s => s.SaveRequestAsync(Request(olu))));

        Assert.Equal("You can ask only for yourself. A safeguarding lead or administrator can ask on someone else's behalf.", refused.Message);
        Assert.Equal([own], (await AsAsync(lead, s => s.ListAsync(new DeviceAuthorisationQuery()))).Rows.Select(r => r.Id));
        Assert.Contains(await factory.EventsAsync(), e => e.Action == AuditActions.AccessDenied && e.ActorKey == staffUser.Id && e.Summary.Contains("for Olu Other", StringComparison.Ordinal));
        var onBehalf = await AsAsync(lead, s => s.SaveRequestAsync(Request(olu)));
        Assert.Equal("Lee Lead", (await DetailsAsync(onBehalf)).RequestedBy);
        await Assert.ThrowsAsync<PortalAccessDeniedException>(() => AsAsync(auditor, s => s.SaveRequestAsync(Request(stan))));
    }

    [Fact]
    public async Task A_request_with_bad_input_is_refused_in_plain_English_and_saves_nothing()
    {
        var bad = Request(stan);
        bad.DeviceDescription = "Samsung, IMEI 356938035643809";
        bad.Purpose = " ";
        bad.Viewers = [new DeviceViewerModel { Name = "Stan Staff", HowTheySee = "It is his phone" }];

        var error = await Assert.ThrowsAsync<PortalValidationException>(() => AsAsync(staffUser, s => s.SaveRequestAsync(bad)));

        Assert.StartsWith("Leave out serial numbers and IMEI numbers", error.Errors["DeviceDescription"], StringComparison.Ordinal);
        Assert.Equal("Say what the device will be used for.", error.Errors["Purpose"]);
        Assert.Equal("Name someone other than Stan Staff: the point is that another adult can see the communication.", error.Errors["Viewers"]);
        Assert.Empty((await AsAsync(lead, s => s.ListAsync(new DeviceAuthorisationQuery()))).Rows);
    }

    [Fact]
    public async Task Nobody_decides_a_request_for_themselves_or_one_they_made_and_another_manager_can()
    {
        var managersOwn = await AsAsync(manager, s => s.SaveRequestAsync(Request(mo)));
        var forThem = await DetailsAsync(managersOwn, manager);
        Assert.False(forThem.CanDecide);
        Assert.Equal("This request is for you, so another senior manager must decide it.", forThem.CannotDecideBecause);
        var self = await Assert.ThrowsAsync<PortalValidationException>(() => AsAsync(manager, s => s.DecideAsync(managersOwn, Approval(), forThem.Request.Version)));
        Assert.Equal("This request is for you, so another senior manager must decide it.", self.Message);

        // A safeguarding lead who is also a manager asks on Stan's behalf: as its requester they cannot decide it.
        var leadAndManager = await factory.CreateUserAsync("both@example.org", "Bo Both", PortalRoles.SafeguardingLead, PortalRoles.Manager);
        var made = await AsAsync(leadAndManager, s => s.SaveRequestAsync(Request(stan)));
        var version = (await DetailsAsync(made)).Request.Version;
        var requester = await Assert.ThrowsAsync<PortalValidationException>(() => AsAsync(leadAndManager, s => s.DecideAsync(made, Approval(), version)));
        Assert.Equal("You made this request, so another senior manager must decide it.", requester.Message);
        Assert.Equal(DeviceAuthorisationState.Requested, (await DetailsAsync(made)).State);
        Assert.Equal(2, (await factory.EventsAsync()).Count(e => e.Action == AuditActions.AccessDenied && e.EntityType == nameof(DeviceAuthorisation)));

        await AsAsync(secondManager, s => s.DecideAsync(managersOwn, Approval(), forThem.Request.Version));
        var decided = await DetailsAsync(managersOwn);
        Assert.Equal(DeviceAuthorisationState.Approved, decided.State);
        Assert.Equal("Max Manager", decided.DecidedBy);
    }

    [Fact]
    public async Task A_manager_cannot_decide_for_their_own_work_address_or_after_changing_the_wording_and_another_manager_can()
    {
        // Max's staff record is not linked to any account, but its work address is the one Max signs in with.
        int maxRecord;
        await using (var scope = await factory.ScopeForAsync(lead))
        {
            maxRecord = await scope.ServiceProvider.GetRequiredService<StaffService>().SaveAsync(new StaffModel { FirstName = "Max", LastName = "Manager", WorkEmail = "MANAGER2@example.org" });
        }

        var forMax = await AsAsync(lead, s => s.SaveRequestAsync(Request(maxRecord)));
        var details = await DetailsAsync(forMax, secondManager);
        Assert.Equal("This request is for you, so another senior manager must decide it.", details.CannotDecideBecause);
        var own = await Assert.ThrowsAsync<PortalValidationException>(() => AsAsync(secondManager, s => s.DecideAsync(forMax, Approval(), details.Request.Version)));
        Assert.Equal("This request is for you, so another senior manager must decide it.", own.Message);

        // A lead who is also a manager adds the viewer an approval needs to Stan's request, then tries to approve it.
        var leadAndManager = await factory.CreateUserAsync("both2@example.org", "Bea Both", PortalRoles.SafeguardingLead, PortalRoles.Manager);
        var stans = await AsAsync(staffUser, s => s.SaveRequestAsync(Request(stan, withViewer: false)));
        var edit = Request(stan);
        edit.Id = stans;
        edit.Version = (await DetailsAsync(stans)).Request.Version;
        await AsAsync(leadAndManager, s => s.SaveRequestAsync(edit));
        var edited = await DetailsAsync(stans, leadAndManager);
        Assert.Equal("You changed this request, so another senior manager must decide it.", edited.CannotDecideBecause);
        var changed = await Assert.ThrowsAsync<PortalValidationException>(() => AsAsync(leadAndManager, s => s.DecideAsync(stans, Approval(), edited.Request.Version)));
        Assert.Equal("You changed this request, so another senior manager must decide it.", changed.Message);
        Assert.Equal(DeviceAuthorisationState.Requested, (await DetailsAsync(stans)).State);
        Assert.Equal(DeviceAuthorisationState.Requested, (await DetailsAsync(forMax)).State);

        await AsAsync(manager, s => s.DecideAsync(stans, Approval(), edited.Request.Version));
        await AsAsync(manager, s => s.DecideAsync(forMax, Approval(), details.Request.Version));
        Assert.Equal(DeviceAuthorisationState.Approved, (await DetailsAsync(stans)).State);
        Assert.Equal(DeviceAuthorisationState.Approved, (await DetailsAsync(forMax)).State);
    }

    [Theory]
    [InlineData(PortalRoles.Staff)]
    [InlineData(PortalRoles.SafeguardingLead)]
    [InlineData(PortalRoles.Administrator)]
    [InlineData(PortalRoles.Auditor)]
    public async Task Only_managers_decide_even_when_the_call_is_crafted_through_the_service(string role)
    {
        var someone = role switch { PortalRoles.Staff => staffUser, PortalRoles.SafeguardingLead => lead, PortalRoles.Administrator => administrator, _ => auditor };
        var id = await AsAsync(staffUser, s => s.SaveRequestAsync(Request(stan)));
        var version = (await DetailsAsync(id)).Request.Version;

        var denied = await Assert.ThrowsAsync<PortalAccessDeniedException>(() => AsAsync(someone, s => s.DecideAsync(id, Approval(), version)));

        Assert.Equal("You do not have permission to decide personal-device requests.", denied.Message);
        var after = await DetailsAsync(id);
        Assert.Equal(DeviceAuthorisationState.Requested, after.State);
        Assert.Equal(version, after.Request.Version);
        Assert.Contains(await factory.EventsAsync(), e => e.Action == AuditActions.AccessDenied && e.ActorKey == someone.Id && e.Summary.Contains("decide personal-device requests", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_request_naming_nobody_who_can_see_the_communication_cannot_be_approved_but_can_be_declined()
    {
        var id = await AsAsync(staffUser, s => s.SaveRequestAsync(Request(stan, withViewer: false)));
        var version = (await DetailsAsync(id)).Request.Version;

        var refused = await Assert.ThrowsAsync<PortalValidationException>(() => AsAsync(manager, s => s.DecideAsync(id, Approval(), version)));
        Assert.StartsWith("A request cannot be approved until it names at least one person who can see the communication.", refused.Message, StringComparison.Ordinal);
        Assert.Equal(DeviceAuthorisationState.Requested, (await DetailsAsync(id)).State);

        var noReason = await Assert.ThrowsAsync<PortalValidationException>(() => AsAsync(manager, s => s.DecideAsync(id, new DeviceDecisionModel { Approve = false }, version)));
        Assert.Equal("Say why the request is declined: the requester is told.", noReason.Message);
        await AsAsync(manager, s => s.DecideAsync(id, new DeviceDecisionModel { Approve = false, DeclineReason = "A club phone is free on Saturdays from next month." }, version));
        var declined = await DetailsAsync(id, staffUser);
        Assert.Equal(DeviceAuthorisationState.Declined, declined.State);
        Assert.False(declined.HasRecord);
        Assert.Equal([("stan@example.org", DeviceEmailKinds.Decision), ("stan.work@example.org", DeviceEmailKinds.Decision)], (await QueuedAsync(id)).Select(e => (e.ToAddress, e.Kind)));
    }

    [Fact]
    public async Task Approval_issues_the_record_and_the_requester_is_told_by_email_with_it_attached()
    {
        var id = await ApprovedAsync();

        var details = await DetailsAsync(id, staffUser);
        Assert.Equal(["Messages only in the group chat with a second adult", "No photos of children stored on the device"], details.Conditions);
        Assert.True(details.HasRecord);
        var document = (await AsAsync(staffUser, s => s.RecordAsync(id)))!;
        Assert.Equal(DocumentKind.DeviceAuthorisation, document.Kind);
        Assert.Equal(details.Reference, document.Reference);
        var text = PdfTestKit.AllText(document.Bytes);
        Assert.Contains("Personal-device authorisation", text, StringComparison.Ordinal);
        Assert.Contains("Second adult in the group chat", text, StringComparison.Ordinal);
        Assert.Contains("No photos of children stored on the device", text, StringComparison.Ordinal);
        Assert.Contains("Signature:", text, StringComparison.Ordinal);

        Assert.Null(await AsAsync(otherStaffUser, s => s.RecordAsync(id)));
        Assert.Contains(await factory.EventsAsync(), e => e.Action == AuditActions.Exported && e.ActorKey == staffUser.Id && e.Summary.StartsWith($"Downloaded {document.FileName}", StringComparison.Ordinal));

        // Stan asked for himself: one e-mail to his account's address, and one to his work address.
        Assert.Equal(["stan@example.org", "stan.work@example.org"], (await QueuedAsync(id)).Select(e => e.ToAddress));
        var summary = await factory.Services.GetRequiredService<EmailDispatcher>().DispatchAsync();
        var after = await QueuedAsync(id);
        Assert.True(summary.Sent == 2, $"{summary}: {string.Join("; ", after.Select(e => $"{e.ToAddress} {e.Status} {e.LastError}"))}");
        var messages = Directory.GetFiles(Path.Combine(factory.DataDirectory, "outbox"), "*.eml").Select(f => MimeMessage.Load(f)).ToList();
        var told = messages.Single(m => m.To.Mailboxes.Any(x => x.Address == "stan@example.org"));
        Assert.Equal($"Personal device authorised ({details.Reference})", told.Subject);
        Assert.Contains("• Messages only in the group chat with a second adult", told.TextBody, StringComparison.Ordinal);
        Assert.Equal(document.FileName, Assert.Single(told.Attachments).ContentDisposition!.FileName);
    }

    [Fact]
    public async Task Staff_see_only_their_own_requests_and_authorisations()
    {
        var stans = await AsAsync(staffUser, s => s.SaveRequestAsync(Request(stan)));
        var olus = await AsAsync(lead, s => s.SaveRequestAsync(Request(olu)));

        Assert.Equal([stans], (await AsAsync(staffUser, s => s.ListAsync(new DeviceAuthorisationQuery()))).Rows.Select(r => r.Id));
        Assert.Null(await AsAsync(staffUser, s => s.GetAsync(olus)));
        Assert.Equal([olus], (await AsAsync(otherStaffUser, s => s.ListAsync(new DeviceAuthorisationQuery()))).Rows.Select(r => r.Id));
        Assert.Equal(2, (await AsAsync(auditor, s => s.ListAsync(new DeviceAuthorisationQuery()))).TotalCount);
        Assert.Equal([olus], (await AsAsync(manager, s => s.ListAsync(new DeviceAuthorisationQuery { StaffMemberId = olu }))).Rows.Select(r => r.Id));

        // A crafted change to someone else's request is refused, whatever the id.
        var model = (await DetailsAsync(olus)).Request;
        model.StaffMemberId = stan;
        await Assert.ThrowsAsync<PortalAccessDeniedException>(() => AsAsync(staffUser, s => s.SaveRequestAsync(model)));
        Assert.Equal("Olu Other", (await DetailsAsync(olus)).Person);
    }

    [Fact]
    public async Task Concurrent_decisions_on_the_same_request_cannot_both_succeed()
    {
        var id = await AsAsync(staffUser, s => s.SaveRequestAsync(Request(stan)));
        var version = (await DetailsAsync(id)).Request.Version;
        var approve = AsAsync(manager, s => s.DecideAsync(id, Approval(), version));
        var decline = AsAsync(secondManager, s => s.DecideAsync(id, new DeviceDecisionModel { Approve = false, DeclineReason = "Use the club phone." }, version));

        var outcomes = await Task.WhenAll(Outcome(approve), Outcome(decline));

        Assert.Single(outcomes, o => o is null);
        var loser = Assert.Single(outcomes, o => o is not null)!;
        Assert.IsType<PortalConcurrencyException>(loser);
        Assert.StartsWith("Someone else changed this request", loser.Message, StringComparison.Ordinal);
        var state = (await DetailsAsync(id)).State;
        Assert.Contains(state, new[] { DeviceAuthorisationState.Approved, DeviceAuthorisationState.Declined });
        Assert.Single(await QueuedAsync(id), e => e.ToAddress == "stan@example.org");
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        Assert.Equal(state == DeviceAuthorisationState.Approved ? 1 : 0, await db.IssuedDocuments.CountAsync(d => d.Kind == DocumentKind.DeviceAuthorisation && d.RelatedId == id));

        static async Task<Exception?> Outcome(Task decision)
        {
            try
            {
                await decision;
                return null;
            }
            catch (Exception ex)
            {
                return ex;
            }
        }
    }

    [Fact]
    public async Task A_request_can_be_changed_until_it_is_decided_and_a_stale_copy_changes_nothing()
    {
        var id = await AsAsync(staffUser, s => s.SaveRequestAsync(Request(stan, withViewer: false)));
        var first = (await DetailsAsync(id, staffUser)).Request;
        first.Viewers = [new DeviceViewerModel { Name = "Lina Manager", HowTheySee = "Copied into every message" }];
        await AsAsync(staffUser, s => s.SaveRequestAsync(first));

        var stale = (await DetailsAsync(id, staffUser)).Request;
        stale.Version = first.Version;
        stale.Purpose = "Something else";
        stale.Viewers = [];
        var conflict = await Assert.ThrowsAsync<PortalConcurrencyException>(() => AsAsync(staffUser, s => s.SaveRequestAsync(stale)));
        Assert.Contains("Who can see it is now “Lina Manager”", conflict.Message, StringComparison.Ordinal);

        await AsAsync(manager, async s => await s.DecideAsync(id, Approval(), (await s.GetAsync(id))!.Request.Version));
        var decided = (await DetailsAsync(id, staffUser)).Request;
        var late = await Assert.ThrowsAsync<PortalValidationException>(() => AsAsync(staffUser, s => s.SaveRequestAsync(decided)));
        Assert.Equal("This request has already been approved, so it can no longer be changed.", late.Message);
        Assert.Equal("Telling the under-14s about cancelled matches.", (await DetailsAsync(id)).Request.Purpose);
    }
}
