using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SafeguardingPortal.Features.Activities;
using SafeguardingPortal.Features.Children;
using SafeguardingPortal.Features.Consent;
using SafeguardingPortal.Features.Families;
using SafeguardingPortal.Features.Recordings;
using SafeguardingPortal.Features.Staff;
using SafeguardingPortal.Infrastructure.Audit;
using SafeguardingPortal.Infrastructure.Data;
using SafeguardingPortal.Infrastructure.Email.Queue;
using SafeguardingPortal.Infrastructure.Identity;
using SafeguardingPortal.Tests.Infrastructure;
using SafeguardingPortal.Tests.Infrastructure.Email;

namespace SafeguardingPortal.Tests.Features.Recordings;

/// <summary>
/// A portal with an approved recording policy, a published recording-consent form, two activities
/// with sessions hosted by a member of staff who has an account, and helpers to add families and have
/// parents sign through the real public pages.
/// </summary>
public sealed class RecordingPortal : IAsyncLifetime
{
    public SmtpTestServer Smtp { get; private set; } = default!;

    public PortalAppFactory Factory { get; private set; } = default!;

    public PortalUser Lead { get; private set; } = default!;

    public PortalUser Manager { get; private set; } = default!;

    public PortalUser HostUser { get; private set; } = default!;

    public PortalUser OtherStaffUser { get; private set; } = default!;

    public PortalUser Auditor { get; private set; } = default!;

    public int HostId { get; private set; }

    public int RecordingFormId { get; private set; }

    public async ValueTask InitializeAsync()
    {
        Smtp = await SmtpTestServer.StartAsync();
        Factory = new PortalAppFactory(new Dictionary<string, string?>
        {
            ["Email:Smtp:Host"] = "127.0.0.1",
            ["Email:Smtp:Port"] = Smtp.Port.ToString(CultureInfo.InvariantCulture),
            ["Email:Smtp:Security"] = "None",
            ["Email:DeliverInBackground"] = "false",
            ["Portal:PublicBaseUrl"] = "http://localhost",
            ["Consent:PublicRequestsPerMinute"] = "100000",
        });
        Lead = await Factory.CreateUserAsync("lead.rec@example.org", "Lee Lead", PortalRoles.SafeguardingLead);
        Manager = await Factory.CreateUserAsync("manager.rec@example.org", "Mo Manager", PortalRoles.Manager);
        HostUser = await Factory.CreateUserAsync("host.rec@example.org", "Sam Host", PortalRoles.Staff);
        OtherStaffUser = await Factory.CreateUserAsync("other.rec@example.org", "Olu Other", PortalRoles.Staff);
        Auditor = await Factory.CreateUserAsync("auditor.rec@example.org", "Aud Itor", PortalRoles.Auditor);
        await using (var db = await CreateDbAsync())
        {
            var host = new StaffMember { FirstName = "Sam", LastName = "Host", WorkEmail = "sam.host@example.org", UserId = HostUser.Id, CreatedAtUtc = DateTimeOffset.UtcNow, Version = Guid.NewGuid() };
            db.StaffMembers.Add(host);
            db.StaffMembers.Add(new StaffMember { FirstName = "Olu", LastName = "Other", WorkEmail = "olu@example.org", UserId = OtherStaffUser.Id, CreatedAtUtc = DateTimeOffset.UtcNow, Version = Guid.NewGuid() });
            await db.SaveChangesAsync();
            HostId = host.Id;
        }

        await using var scope = await Factory.ScopeForAsync(Lead);
        var templates = scope.ServiceProvider.GetRequiredService<ConsentTemplateService>();
        var form = (await templates.ListAsync()).Single(t => t.Name == "Recording live online sessions");
        RecordingFormId = (await templates.PublishAsync(form.Id, (await templates.GetAsync(form.Id))!.Draft.Version)).Id;

        var policies = scope.ServiceProvider.GetRequiredService<RecordingPolicyService>();
        var draft = await policies.StartDraftAsync();
        await policies.SaveDraftAsync(draft, RecordingPolicyServiceTests.Written((await policies.GetAsync(draft))!.Content.Version, retentionDays: 30));
        await using var managerScope = await Factory.ScopeForAsync(Manager);
        var approver = managerScope.ServiceProvider.GetRequiredService<RecordingPolicyService>();
        await approver.ApproveAsync(draft, (await approver.GetAsync(draft))!.Content.Version);
    }

    public async ValueTask DisposeAsync()
    {
        await Factory.DisposeAsync();
        await Smtp.DisposeAsync();
    }

    public async Task<PortalDbContext> CreateDbAsync()
    {
        var db = await Factory.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        db.AuditActor = AuditActor.System;
        return db;
    }

    /// <summary>A new activity led and hosted by Sam Host, with one session starting <paramref name="startsAtUtc"/>; returns (activity, session).</summary>
    public async Task<(int ActivityId, int SessionId)> AddActivityAsync(string title, DateTimeOffset startsAtUtc)
    {
        await using var db = await CreateDbAsync();
        var activity = new Activity
        {
            Title = title,
            Kind = ActivityKind.OnlineSessions,
            PlatformId = await db.Platforms.Select(p => p.Id).FirstAsync(),
            Description = "Weekly sessions on a video call.",
            WhyOnline = "Members live far apart.",
            Benefits = "Learning with friends.",
            Risks = "Strangers could join; the call is locked.",
            MinimumAge = 8,
            MaximumAge = 16,
            StartDate = new DateOnly(2026, 9, 1),
            LeadStaffMemberId = HostId,
            CreatedAtUtc = DateTimeOffset.UtcNow,
            Version = Guid.NewGuid(),
        };
        db.Activities.Add(activity);
        await db.SaveChangesAsync();
        return (activity.Id, await AddSessionAsync(activity.Id, startsAtUtc));
    }

    public async Task<int> AddSessionAsync(int activityId, DateTimeOffset startsAtUtc)
    {
        await using var db = await CreateDbAsync();
        var session = new ActivitySession { ActivityId = activityId, StartsAtUtc = startsAtUtc, DurationMinutes = 60, HostStaffMemberId = HostId, WillBeRecorded = true, Version = Guid.NewGuid() };
        db.ActivitySessions.Add(session);
        await db.SaveChangesAsync();
        return session.Id;
    }

    /// <summary>A child enrolled in the activity with one parent holding parental responsibility.</summary>
    public async Task<(int ChildId, string ParentEmail)> AddFamilyAsync(int activityId, string childFirstName)
    {
        await using var db = await CreateDbAsync();
        var email = $"{childFirstName.ToLowerInvariant()}.parent.{Guid.NewGuid():N}@example.org";
        var parent = new ParentCarer { FirstName = "Pat", LastName = childFirstName + "son", Email = email, CreatedAtUtc = DateTimeOffset.UtcNow, Version = Guid.NewGuid() };
        var child = new Child { FirstName = childFirstName, LastName = childFirstName + "son", DateOfBirth = DateOnly.FromDateTime(DateTime.UtcNow.AddYears(-9)), CreatedAtUtc = DateTimeOffset.UtcNow, Version = Guid.NewGuid() };
        child.Guardians.Add(new ChildGuardian { ParentCarer = parent, Relationship = "Mother", HasParentalResponsibility = true });
        db.Children.Add(child);
        await db.SaveChangesAsync();
        await EnrolAsync(activityId, child.Id);
        return (child.Id, email);
    }

    public async Task EnrolAsync(int activityId, int childId)
    {
        await using var db = await CreateDbAsync();
        db.Enrolments.Add(new Enrolment { ActivityId = activityId, ChildId = childId, EnrolledAtUtc = DateTimeOffset.UtcNow });
        await db.SaveChangesAsync();
    }

    /// <summary>
    /// Sends the recording form for the child, and the parent gives every item through the public page
    /// (or refuses "session recorded" and gives the rest). Returns the withdrawal link.
    /// </summary>
    public async Task<string> ParentConsentsAsync(int activityId, int childId, string parentEmail, bool refuseRecording = false)
    {
        int recordedItem;
        await using (var db = await CreateDbAsync())
        {
            recordedItem = await db.Set<ConsentTemplateVersionItem>().Where(i => i.VersionId == RecordingFormId && i.Kind == ConsentItemKind.SessionRecorded).Select(i => i.Id).SingleAsync();
        }

        await using (var scope = await Factory.ScopeForAsync(Lead))
        {
            await scope.ServiceProvider.GetRequiredService<ConsentRequestService>().SendAsync(new SendConsentRequestModel { ActivityId = activityId, TemplateVersionId = RecordingFormId, ChildIds = [childId] });
        }

        await DeliverAsync();
        var client = Factory.CreateBrowserlessClient();
        var signPath = (await client.GetAsync(LinkIn(parentEmail, "l"))).RedirectTarget()!;
        var html = await (await client.GetAsync(signPath)).Content.ReadAsStringAsync();
        var form = Regex.Matches(html, "name=\"(item-\\d+)\" value=\"give\"").Select(m => m.Groups[1].Value).Distinct()
            .ToDictionary(n => n, n => refuseRecording && n == $"item-{recordedItem}" ? "refuse" : "give");
        Assert.True(form.ContainsKey($"item-{recordedItem}"), "The form has no “session recorded” item.");
        form["SignerName"] = "Pat Parent";
        form["Relationship"] = "Mother";
        form["Declaration"] = "true";
        var signed = await client.PostFormAsync(signPath, "consent-sign", form);
        Assert.True(signed.IsSuccessStatusCode || signed.RedirectTarget() is not null, $"Signing answered {(int)signed.StatusCode}");
        await DeliverAsync();
        return LinkIn(parentEmail, "w");
    }

    /// <summary>Sends the recording form for the child and opens the signing page from the e-mail sent to <paramref name="parentEmail"/>; returns its HTML.</summary>
    public async Task<string> OpenSigningPageAsync(int activityId, int childId, string parentEmail)
    {
        await using (var scope = await Factory.ScopeForAsync(Lead))
        {
            await scope.ServiceProvider.GetRequiredService<ConsentRequestService>().SendAsync(new SendConsentRequestModel { ActivityId = activityId, TemplateVersionId = RecordingFormId, ChildIds = [childId] });
        }

        await DeliverAsync();
        var client = Factory.CreateBrowserlessClient();
        var signPath = (await client.GetAsync(LinkIn(parentEmail, "l"))).RedirectTarget()!;
        return await (await client.GetAsync(signPath)).Content.ReadAsStringAsync();
    }

    /// <summary>A second parent with parental responsibility for the child; returns their e-mail address.</summary>
    public async Task<string> AddSecondParentAsync(int childId)
    {
        await using var db = await CreateDbAsync();
        var email = $"second.parent.{Guid.NewGuid():N}@example.org";
        var parent = new ParentCarer { FirstName = "Sol", LastName = "Second", Email = email, CreatedAtUtc = DateTimeOffset.UtcNow, Version = Guid.NewGuid() };
        db.Add(new ChildGuardian { ChildId = childId, ParentCarer = parent, Relationship = "Father", HasParentalResponsibility = true });
        await db.SaveChangesAsync();
        return email;
    }

    /// <summary>The last message sent to an address.</summary>
    public MimeKit.MimeMessage LastMessageTo(string address) =>
        Smtp.Messages.Last(m => m.To.Mailboxes.Any(x => string.Equals(x.Address, address, StringComparison.OrdinalIgnoreCase)));

    /// <summary>The parent withdraws "session recorded" through the withdrawal link in their confirmation.</summary>
    public async Task<string> ParentWithdrawsRecordingAsync(string withdrawLink)
    {
        var client = Factory.CreateBrowserlessClient();
        var page = (await client.GetAsync(withdrawLink)).RedirectTarget()!;
        var html = await (await client.GetAsync(page)).Content.ReadAsStringAsync();
        var answer = Regex.Match(html, "name=\"Answer\" value=\"(\\d+)\"[^>]*data-testid=\"withdraw-SessionRecorded\"").Groups[1].Value;
        Assert.NotEmpty(answer);
        var response = await (await client.PostFormAsync(page, "consent-withdraw", new Dictionary<string, string> { ["Answer"] = answer, ["WithdrawnByName"] = "Pat Parent", ["Reason"] = "We would rather not" })).Content.ReadAsStringAsync();
        var reference = Regex.Match(response, "data-testid=\"withdrawal-reference\">([^<]+)<").Groups[1].Value;
        Assert.NotEmpty(reference);
        return reference;
    }

    public Task<EmailDispatchSummary> DeliverAsync() => Factory.Services.GetRequiredService<EmailDispatcher>().DispatchAsync();

    private string LinkIn(string address, string kind)
    {
        var message = Smtp.Messages.Last(m => m.To.Mailboxes.Any(x => string.Equals(x.Address, address, StringComparison.OrdinalIgnoreCase)));
        var match = Regex.Match(message.TextBody ?? "", $@"http://localhost(/consent/{kind}/[A-Za-z0-9_-]{{43}})");
        Assert.True(match.Success, $"No /consent/{kind}/ link in: {message.TextBody}");
        return match.Groups[1].Value;
    }

    public async Task<T> AsAsync<T>(PortalUser user, Func<RecordingService, Task<T>> action)
    {
        await using var scope = await Factory.ScopeForAsync(user);
        return await action(scope.ServiceProvider.GetRequiredService<RecordingService>());
    }

    public Task AsAsync(PortalUser user, Func<RecordingService, Task> action) =>
        AsAsync<bool>(user, async s =>
        {
            await action(s);
            return true;
        });
}
