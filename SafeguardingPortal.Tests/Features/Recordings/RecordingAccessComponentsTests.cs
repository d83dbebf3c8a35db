using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using SafeguardingPortal.Features.Activities;
using SafeguardingPortal.Features.Children;
using SafeguardingPortal.Features.Families;
using SafeguardingPortal.Features.Recordings;
using SafeguardingPortal.Features.Staff;
using SafeguardingPortal.Infrastructure.Audit;
using SafeguardingPortal.Infrastructure.Data;
using SafeguardingPortal.Infrastructure.Identity;
using SafeguardingPortal.Tests.Infrastructure;

namespace SafeguardingPortal.Tests.Features.Recordings;

/// <summary>A recording's access log and the family agreement dialog, rendered over the real services and database.</summary>
public sealed class RecordingAccessComponentsTests : PortalBunitContext
{
    private const string Storage = "Drive > Safeguarding > Recordings > Choir";
    private int recordingId;
    private int sessionId;
    private int childId;

    /// <summary>An active policy naming safeguarding leads, a session of an activity with one enrolled child and their mother, and a held recording of it.</summary>
    private async Task SeedAsync()
    {
        await using var db = await Portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        db.AuditActor = AuditActor.System;
        var now = DateTimeOffset.UtcNow;
        var policy = new RecordingPolicy
        {
            Number = (await db.RecordingPolicies.Select(p => (int?)p.Number).MaxAsync() ?? 0) + 1,
            Status = RecordingPolicyStatus.Active,
            Purpose = "To look again at a concern.",
            Uses = "Concerns only.",
            Storage = "Club drive.",
            RetentionDays = 30,
            DisposalMethod = "Deleted and bin emptied.",
            AccessRoles = PortalRoles.SafeguardingLead,
            AccessMethod = "View-only link.",
            ResponsibleForMaking = "Host",
            ResponsibleForStoring = "Host",
            ResponsibleForDisposing = "Lead",
            CreatedAtUtc = now,
            ApprovedAtUtc = now,
            ApprovedByName = "Mo Manager",
            Version = Guid.NewGuid(),
        };
        var host = new StaffMember { FirstName = "Hana", LastName = "Host", WorkEmail = "hana@example.org", CreatedAtUtc = now, Version = Guid.NewGuid() };
        var activity = new Activity
        {
            Title = "Choir",
            Kind = ActivityKind.OnlineSessions,
            PlatformId = await db.Platforms.Select(p => p.Id).FirstAsync(),
            Description = "Singing.",
            WhyOnline = "Far apart.",
            Benefits = "Music.",
            Risks = "Strangers; locked call.",
            MinimumAge = 8,
            MaximumAge = 16,
            StartDate = new DateOnly(2026, 9, 1),
            LeadStaffMember = host,
            CreatedAtUtc = now,
            Version = Guid.NewGuid(),
        };
        var session = new ActivitySession { Activity = activity, StartsAtUtc = now.AddDays(-1), DurationMinutes = 60, HostStaffMember = host, WillBeRecorded = true, Version = Guid.NewGuid() };
        var child = new Child { FirstName = "Mia", LastName = "Moss", DateOfBirth = new DateOnly(2015, 3, 1), CreatedAtUtc = now, Version = Guid.NewGuid() };
        child.Guardians.Add(new ChildGuardian { ParentCarer = new ParentCarer { FirstName = "Meg", LastName = "Moss", Email = "meg@example.org", CreatedAtUtc = now, Version = Guid.NewGuid() }, Relationship = "Mother", HasParentalResponsibility = true });
        db.AddRange(policy, session, child);
        await db.SaveChangesAsync();
        db.Enrolments.Add(new Enrolment { ActivityId = activity.Id, ChildId = child.Id, EnrolledAtUtc = now });
        var recording = new Recording
        {
            Reference = "R-TEST-0001",
            ActivitySession = session,
            Policy = policy,
            Purpose = "Concerns.",
            StorageReference = Storage,
            MadeByStaffMember = host,
            RegisteredByName = "Hana Host",
            RegisteredAtUtc = now,
            DeleteBy = DateOnly.FromDateTime(now.AddDays(29).UtcDateTime),
            ParticipantCount = 1,
            Status = RecordingStatus.Held,
            Version = Guid.NewGuid(),
        };
        recording.Participants.Add(new RecordingParticipant { ChildId = child.Id });
        db.Add(recording);
        await db.SaveChangesAsync();
        (recordingId, sessionId, childId) = (recording.Id, session.Id, child.Id);
    }

    private async Task UseAsync(string role)
    {
        await SeedAsync();
        await UsePortalAsAsync(role, typeof(RecordingService));
    }

    [Fact]
    public async Task A_lead_sees_where_it_is_kept_only_after_saying_why_and_the_access_is_listed()
    {
        await UseAsync(PortalRoles.SafeguardingLead);
        var cut = Render<RecordingPage>(p => p.Add(x => x.Id, recordingId));
        cut.WaitForAssertion(() => Assert.Contains("Record your access below to see where it is kept", cut.Find("[data-testid=storage-reference]").TextContent, StringComparison.Ordinal));
        Assert.DoesNotContain(Storage, cut.Markup, StringComparison.Ordinal);
        Assert.Contains("Nobody has recorded accessing it yet.", cut.Find("[data-testid=access-log-empty]").TextContent, StringComparison.Ordinal);

        cut.Find("[data-testid=record-access]").Click();
        cut.WaitForAssertion(() => Assert.Contains("Say why you are accessing the recording", cut.Find("[data-testid=record-access-form]").TextContent, StringComparison.Ordinal));
        Assert.DoesNotContain(Storage, cut.Markup, StringComparison.Ordinal);

        cut.Find("[data-testid=access-reason]").Change("A parent raised a concern about the chat.");
        cut.Find("[data-testid=record-access]").Click();
        cut.WaitForAssertion(() => Assert.Equal(Storage, cut.Find("[data-testid=storage-reference]").TextContent.Trim()));
        cut.WaitForAssertion(() =>
        {
            var log = cut.Find("[data-testid=access-log]").TextContent;
            Assert.Contains("Test SafeguardingLead", log, StringComparison.Ordinal);
            Assert.Contains("A parent raised a concern about the chat.", log, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task An_auditor_reads_the_log_but_has_no_form_and_never_the_storage_reference()
    {
        await UseAsync(PortalRoles.Auditor);
        var cut = Render<RecordingPage>(p => p.Add(x => x.Id, recordingId));
        cut.WaitForAssertion(() => Assert.Contains("Shown only to those the recording policy names", cut.Find("[data-testid=storage-reference]").TextContent, StringComparison.Ordinal));
        Assert.Empty(cut.FindAll("[data-testid=record-access-form]"));
        Assert.DoesNotContain(Storage, cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_childs_page_lists_the_recordings_they_are_in_for_those_who_may_see_them()
    {
        await UseAsync(PortalRoles.SafeguardingLead);
        var cut = Render<ChildRecordings>(p => p.Add(x => x.ChildId, childId));
        cut.WaitForAssertion(() => Assert.Contains("R-TEST-0001", cut.Find("[data-testid=child-recordings]").TextContent, StringComparison.Ordinal));
        Assert.Contains("Recorded", cut.Markup, StringComparison.Ordinal);
        Assert.Contains("Held", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Staff_who_do_not_host_the_session_do_not_see_it_on_the_childs_page()
    {
        await UseAsync(PortalRoles.Staff);
        var cut = Render<ChildRecordings>(p => p.Add(x => x.ChildId, childId));
        cut.WaitForAssertion(() => Assert.Equal("Not in any recording on the register.", cut.Find("[data-testid=child-recordings-empty]").TextContent));
    }

    [Fact]
    public async Task The_agreement_dialog_offers_the_sessions_children_and_their_own_parents_and_asks_who_agreed()
    {
        await UseAsync(PortalRoles.SafeguardingLead);
        var sessions = await PortalServices.GetRequiredService<RecordingService>().RecordableSessionsAsync();
        var provider = Render<MudDialogProvider>();
        var dialogs = Services.GetRequiredService<IDialogService>();
        await provider.InvokeAsync(() => dialogs.ShowAsync<FamilyAgreementDialog>("Agreement", new DialogParameters<FamilyAgreementDialog> { { d => d.Sessions, sessions } }));

        await provider.InvokeAsync(() => provider.FindComponents<MudSelect<int?>>()[0].Instance.ValueChanged.InvokeAsync(sessionId));
        provider.WaitForAssertion(() => Assert.Equal(2, provider.FindComponents<MudSelect<int?>>().Count));
        await provider.InvokeAsync(() => provider.FindComponents<MudSelect<int?>>()[1].Instance.ValueChanged.InvokeAsync(childId));
        provider.WaitForAssertion(() => Assert.Contains("Meg Moss (Mother)", provider.Markup, StringComparison.Ordinal));
        Assert.Contains("Mia Moss (the child)", provider.Markup, StringComparison.Ordinal);

        provider.Find("[data-testid=agreement-used-for]").Change("To watch the concert again at home.");
        provider.Find("[data-testid=save-agreement]").Click();
        provider.WaitForAssertion(() => Assert.Contains("Choose who agreed: a parent or carer, or the child.", provider.Markup, StringComparison.Ordinal));
        await using (var db = await Portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync())
        {
            Assert.False(await db.Set<FamilyRecordingAgreement>().AnyAsync());
        }

        await provider.InvokeAsync(() => provider.FindComponent<MudRadioGroup<string>>().Instance.ValueChanged.InvokeAsync("child"));
        provider.Find("[data-testid=save-agreement]").Click();
        provider.WaitForAssertion(() => Assert.Contains("Enter the last day they will keep the recording.", provider.Markup, StringComparison.Ordinal));

        await provider.InvokeAsync(() => provider.FindComponents<MudDatePicker>().First(p => p.Instance.Label == "The last day they will keep it").Instance.DateChanged.InvokeAsync(DateTime.Today.AddMonths(3)));
        provider.Find("[data-testid=save-agreement]").Click();
        provider.WaitForAssertion(() => Assert.Empty(provider.FindAll("[data-testid=save-agreement]")));
        await using var after = await Portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        var saved = await after.Set<FamilyRecordingAgreement>().SingleAsync();
        Assert.Equal((childId, (int?)null, "Mia Moss", "To watch the concert again at home."), (saved.ChildId, saved.ParentCarerId, saved.AgreedByName, saved.UsedFor));
    }
}
