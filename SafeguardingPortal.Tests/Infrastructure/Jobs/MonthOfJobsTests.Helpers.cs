using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using SafeguardingPortal.Features.Activities;
using SafeguardingPortal.Features.Children;
using SafeguardingPortal.Features.Consent;
using SafeguardingPortal.Features.Devices;
using SafeguardingPortal.Features.Families;
using SafeguardingPortal.Features.People;
using SafeguardingPortal.Features.Platforms;
using SafeguardingPortal.Features.Recordings;
using SafeguardingPortal.Features.SocialAccounts;
using SafeguardingPortal.Features.Staff;
using SafeguardingPortal.Infrastructure;
using SafeguardingPortal.Infrastructure.Data;
using SafeguardingPortal.Infrastructure.Email.Queue;
using SafeguardingPortal.Infrastructure.Identity;
using SafeguardingPortal.Infrastructure.Jobs;
using SafeguardingPortal.Tests.Features.Recordings;

namespace SafeguardingPortal.Tests.Infrastructure.Jobs;

/// <summary>
/// Arranging the month's world through the portal's own services, as the people who would do it: the lead
/// adds people, an activity, sessions, requests and recordings; a manager decides and authorises.
/// </summary>
public sealed partial class MonthOfJobsTests
{
    /// <summary>The recording policy's retention: a session 35 days before day 0 reaches its delete-by date on day 5.</summary>
    private const int RetentionDays = 40;

    private PortalClock Clock => factory.Services.GetRequiredService<PortalClock>();

    private PortalJobRunner Runner => factory.Services.GetRequiredService<PortalJobRunner>();

    private List<IPortalJob> Jobs => [.. factory.Services.GetServices<IPortalJob>()];

    private IPortalJob Job<T>() => Jobs.OfType<T>().Cast<IPortalJob>().Single();

    /// <summary>Another portal instance on the same database: the same services, its own lease holder id.</summary>
    private PortalJobRunner NewInstance() =>
        new(factory.Services.GetRequiredService<IServiceScopeFactory>(), Clock, NullLogger<PortalJobRunner>.Instance);

    /// <summary>The day of the month a moment falls on (day 0 starts at noon UTC, so UK dates and day numbers agree).</summary>
    private int DayOf(DateTimeOffset at) => (int)Math.Floor((at - day0).TotalDays);

    /// <summary>Moves the portal's clock to the next noon UTC: every day of the month then starts there.</summary>
    private void StartAtNoon()
    {
        var now = factory.PortalTime.GetUtcNow();
        var noon = new DateTimeOffset(now.UtcDateTime.Date.AddHours(12), TimeSpan.Zero);
        factory.PortalTime.SetUtcNow(noon > now.AddMinutes(1) ? noon : noon.AddDays(1));
        day0 = factory.PortalTime.GetUtcNow();
        today0 = Clock.Today();
    }

    private async Task<T> AsAsync<TService, T>(PortalUser user, Func<TService, Task<T>> action)
        where TService : notnull
    {
        await using var scope = await factory.ScopeForAsync(user);
        return await action(scope.ServiceProvider.GetRequiredService<TService>());
    }

    private async Task<PortalDbContext> DbAsync() =>
        await factory.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();

    private async Task ArrangePeopleAndActivityAsync()
    {
        await using var scope = await factory.ScopeForAsync(lead);
        var sp = scope.ServiceProvider;
        var staff = sp.GetRequiredService<StaffService>();
        hostId = await staff.SaveAsync(new StaffModel { FirstName = "Sam", LastName = "Host", WorkEmail = "sam.host@example.org" });
        deviceUserId = await staff.SaveAsync(new StaffModel { FirstName = "Dee", LastName = "Device", WorkEmail = "dee.device@example.org" });
        platformId = (await sp.GetRequiredService<PlatformService>().ListAsync()).First(p => p.Name == "Microsoft Teams").Id;
        activityId = await sp.GetRequiredService<ActivityService>().SaveAsync(new ActivityModel
        {
            Kind = ActivityKind.OnlineSessions,
            Title = "Saturday coding club",
            PlatformId = platformId,
            Description = "Weekly coding sessions on a video call.",
            WhyOnline = "Members live far apart.",
            Benefits = "Learning with friends.",
            Risks = "Strangers could join; the call is locked and two adults are present.",
            MinimumAge = 8,
            MaximumAge = 16,
            StartDate = today0.AddDays(-60),
            LeadStaffMemberId = hostId,
        });

        var templates = sp.GetRequiredService<ConsentTemplateService>();
        var photos = (await templates.ListAsync()).Single(t => t.Name == DefaultConsentTemplates.All[1].Name);
        photosVersionId = (await templates.PublishAsync(photos.Id, (await templates.GetAsync(photos.Id))!.Draft.Version)).Id;
    }

    /// <summary>A child of 9 in the activity, with one parent who has parental responsibility and an e-mail address.</summary>
    private async Task<(int ChildId, string ParentEmail)> AddFamilyAsync(string firstName)
    {
        await using var scope = await factory.ScopeForAsync(lead);
        var sp = scope.ServiceProvider;
        var email = $"{firstName.ToLowerInvariant()}.parent@example.org";
        var parent = await sp.GetRequiredService<ParentCarerService>().SaveAsync(new ParentCarerModel { FirstName = "Pat", LastName = firstName + "son", Email = email });
        var children = sp.GetRequiredService<ChildService>();
        var child = await children.SaveAsync(new ChildModel { FirstName = firstName, LastName = firstName + "son", DateOfBirth = today0.AddYears(-9).AddDays(-10) });
        await children.LinkGuardianAsync(child, parent, "Mother", hasParentalResponsibility: true);
        await sp.GetRequiredService<ActivityService>().EnrolAsync(activityId, child);
        return (child, email);
    }

    /// <summary>Sends the photos form for the children as the lead and delivers the e-mails; returns each child's invitation.</summary>
    private async Task<int[]> SendAsync(params int[] childIds)
    {
        await AsAsync<ConsentRequestService, SendResult>(lead, s => s.SendAsync(new SendConsentRequestModel { ActivityId = activityId, TemplateVersionId = photosVersionId, ChildIds = [.. childIds] }));
        await DeliverAsync();
        await using var db = await DbAsync();
        var invitations = await db.Set<ConsentInvitation>().AsNoTracking().Where(i => i.ChildId != null && childIds.Contains(i.ChildId.Value))
            .Select(i => new { i.Id, ChildId = i.ChildId!.Value, i.FirstSentAtUtc }).ToListAsync();
        Assert.All(invitations, i => Assert.Equal(factory.PortalTime.GetUtcNow(), i.FirstSentAtUtc));
        return [.. childIds.Select(c => invitations.Single(i => i.ChildId == c).Id)];
    }

    private Task<EmailDispatchSummary> DeliverAsync() => factory.Services.GetRequiredService<EmailDispatcher>().DispatchAsync();

    /// <summary>The parent opens the link in their e-mail and gives every item on the real public page.</summary>
    private async Task ParentSignsAsync(string parentEmail)
    {
        var message = smtp.Messages.Last(m => m.To.Mailboxes.Any(x => string.Equals(x.Address, parentEmail, StringComparison.OrdinalIgnoreCase)));
        var link = Regex.Match(message.TextBody ?? "", @"http://localhost(/consent/l/[A-Za-z0-9_-]{43})");
        Assert.True(link.Success, $"No signing link in: {message.TextBody}");
        var client = factory.CreateBrowserlessClient();
        var signPath = (await client.GetAsync(link.Groups[1].Value)).RedirectTarget()!;
        var html = await (await client.GetAsync(signPath)).Content.ReadAsStringAsync();
        var form = Regex.Matches(html, "name=\"(item-\\d+)\" value=\"give\"").Select(m => m.Groups[1].Value).Distinct().ToDictionary(n => n, _ => "give");
        Assert.NotEmpty(form);
        form["SignerName"] = "Pat Parent";
        form["Relationship"] = "Mother";
        form["Declaration"] = "true";
        var signed = await client.PostFormAsync(signPath, "consent-sign", form);
        Assert.True(signed.IsSuccessStatusCode || signed.RedirectTarget() is not null, $"Signing answered {(int)signed.StatusCode}");
    }

    /// <summary>A lead requests a phone for Dee; a manager approves it from day 0 with the given last day and review (days from day 0).</summary>
    private async Task<int> ApprovedDeviceAsync(int validUntilDay, int reviewDay)
    {
        var id = await AsAsync<DeviceAuthorisationService, int>(lead, s => s.SaveRequestAsync(new DeviceRequestModel
        {
            StaffMemberId = deviceUserId,
            DeviceKind = DeviceKind.Phone,
            DeviceDescription = "Black phone in a blue case",
            WhyNoOrganisationalDevice = "The club's two phones are both in use on Saturdays.",
            Purpose = "Telling members about cancelled sessions.",
            CommunicatesWith = "Saturday coding club",
            AppsAndAccounts = "WhatsApp group run by the club's account",
            Viewers = [new DeviceViewerModel { Name = "Lee Lead", HowTheySee = "Second adult in the group chat" }],
            RequestedFrom = today0,
            RequestedUntil = today0.AddDays(validUntilDay),
        }));
        var version = (await AsAsync<DeviceAuthorisationService, DeviceAuthorisationDetails?>(lead, s => s.GetAsync(id)))!.Request.Version;
        await AsAsync<DeviceAuthorisationService, bool>(manager, async s =>
        {
            await s.DecideAsync(id, new DeviceDecisionModel
            {
                Approve = true,
                Conditions = "Messages only in the group chat with a second adult",
                ValidFrom = today0,
                ValidUntil = today0.AddDays(validUntilDay),
                ReviewOn = today0.AddDays(reviewDay),
            }, version);
            return true;
        });
        return id;
    }

    /// <summary>A lead proposes an organisational account; a manager authorises it on day 0, so its review falls due <paramref name="cycleMonths"/> later.</summary>
    private async Task<int> AuthorisedAccountAsync(string handle, int cycleMonths)
    {
        var id = await AsAsync<SocialAccountService, int>(lead, s => s.SaveAsync(new SocialAccountModel
        {
            PlatformId = platformId,
            Handle = handle,
            Purpose = "News for members",
            ResponsibleStaffMemberId = hostId,
            RecoveryEmail = "social@riverside.example.org",
            OwnedByOrganisation = true,
            ReviewCycleMonths = cycleMonths,
        }));
        await AsAsync<SocialAccountService, bool>(manager, async s =>
        {
            await s.AuthoriseAsync(id, new SafetyChecklist
            {
                OwnedByOrganisation = true,
                PrivacySettingsOn = true,
                TwoFactorOn = true,
                RecoveryEmailIsOrganisational = true,
                StrangerMessages = StrangerMessages.Restricted,
            }, (await s.GetAsync(id))!.Account.Version);
            return true;
        });
        return id;
    }

    /// <summary>The lead drafts a policy keeping recordings <see cref="RetentionDays"/> days; a manager approves it.</summary>
    private async Task ApproveRecordingPolicyAsync()
    {
        var draft = await AsAsync<RecordingPolicyService, int>(lead, async s =>
        {
            var id = await s.StartDraftAsync();
            await s.SaveDraftAsync(id, RecordingPolicyServiceTests.Written((await s.GetAsync(id))!.Content.Version, RetentionDays));
            return id;
        });
        await AsAsync<RecordingPolicyService, bool>(manager, async s =>
        {
            await s.ApproveAsync(draft, (await s.GetAsync(draft))!.Content.Version);
            return true;
        });
    }

    /// <summary>A session held on the given day (from day 0, UK time 10:00) and its recording on the register, the host left out of it.</summary>
    private async Task<int> RecordingOfSessionOnAsync(int sessionDay)
    {
        await using var scope = await factory.ScopeForAsync(lead);
        var sp = scope.ServiceProvider;
        var session = await sp.GetRequiredService<ActivityService>().SaveSessionAsync(new SessionModel
        {
            ActivityId = activityId,
            Date = today0.AddDays(sessionDay),
            StartTime = new TimeOnly(10, 0),
            DurationMinutes = 60,
            HostStaffMemberId = hostId,
            WillBeRecorded = true,
        });
        return await sp.GetRequiredService<RecordingService>().RegisterAsync(new RegisterRecordingModel
        {
            SessionId = session,
            StaffMemberIds = [hostId],
            Excluded = [new ExclusionModel { StaffMemberId = hostId, Note = "Camera and microphone off; only the screen was recorded." }],
            Purpose = "To look again at anything of concern raised in the session.",
            StorageReference = "Drive > Safeguarding > Recordings > Coding club",
        });
    }

    /// <summary>The days on which e-mails of a kind were queued, for each related record.</summary>
    private async Task<Dictionary<int, List<int>>> QueuedDaysAsync(string kind)
    {
        await using var db = await DbAsync();
        var rows = await db.Set<OutgoingEmail>().AsNoTracking().Where(e => e.Kind == kind).Select(e => new { e.RelatedId, e.CreatedAtUtc }).ToListAsync();
        return rows.GroupBy(r => r.RelatedId).ToDictionary(g => g.Key, g => g.Select(r => DayOf(r.CreatedAtUtc)).Order().ToList());
    }

    /// <summary>The days on which events of a kind were recorded, for each invitation.</summary>
    private async Task<Dictionary<int, List<int>>> InvitationEventDaysAsync(string kind)
    {
        await using var db = await DbAsync();
        var rows = await db.Set<ConsentInvitationEvent>().AsNoTracking().Where(e => e.Kind == kind).Select(e => new { e.InvitationId, e.AtUtc }).ToListAsync();
        return rows.GroupBy(r => r.InvitationId).ToDictionary(g => g.Key, g => g.Select(r => DayOf(r.AtUtc)).Order().ToList());
    }

    private async Task<DeviceAuthorisationState> DeviceStateAsync(int id) =>
        (await AsAsync<DeviceAuthorisationService, DeviceAuthorisationDetails?>(lead, s => s.GetAsync(id)))!.State;

    private static List<int> DaysFor(Dictionary<int, List<int>> days, int id) => days.GetValueOrDefault(id) ?? [];

    /// <summary>The real job, with the host stopping (its token cancelled) just before it starts or just after it saved.</summary>
    private sealed class StoppingJob(IPortalJob inner, CancellationTokenSource stop, bool afterWork) : IPortalJob
    {
        public string Name => inner.Name;

        public string Title => inner.Title;

        public string Description => inner.Description;

        public TimeSpan Interval => inner.Interval;

        public async Task<string> RunAsync(IServiceProvider services, CancellationToken ct)
        {
            if (!afterWork)
            {
                await stop.CancelAsync();
                return await inner.RunAsync(services, ct);
            }

            var summary = await inner.RunAsync(services, ct);
            await stop.CancelAsync();
            ct.ThrowIfCancellationRequested();
            return summary;
        }
    }

    /// <summary>The real job, held part-way until the test lets it carry on.</summary>
    private sealed class GatedJob(IPortalJob inner, TaskCompletionSource entered, TaskCompletionSource carryOn) : IPortalJob
    {
        public string Name => inner.Name;

        public string Title => inner.Title;

        public string Description => inner.Description;

        public TimeSpan Interval => inner.Interval;

        public async Task<string> RunAsync(IServiceProvider services, CancellationToken ct)
        {
            entered.SetResult();
            await carryOn.Task.WaitAsync(ct);
            return await inner.RunAsync(services, ct);
        }
    }
}
