using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using SafeguardingPortal.Features.Activities;
using SafeguardingPortal.Features.Children;
using SafeguardingPortal.Features.Consent;
using SafeguardingPortal.Features.Families;
using SafeguardingPortal.Features.Staff;
using SafeguardingPortal.Infrastructure.Audit;
using SafeguardingPortal.Infrastructure.Data;
using SafeguardingPortal.Infrastructure.Email.Queue;
using SafeguardingPortal.Infrastructure.Identity;
using SafeguardingPortal.Tests.Infrastructure;
using SafeguardingPortal.Tests.Infrastructure.Email;

namespace SafeguardingPortal.Tests.Features.Consent;

/// <summary>
/// One portal sending through a real SMTP listener on loopback, with an activity, a lead, and a
/// published form. Each test arranges its own children so tests do not see each other's answers.
/// </summary>
public sealed partial class ConsentPortal : IAsyncLifetime
{
    public SmtpTestServer Smtp { get; private set; } = default!;

    public PortalAppFactory Factory { get; private set; } = default!;

    public PortalUser Lead { get; private set; } = default!;

    public int ActivityId { get; private set; }

    public int PhotosVersionId { get; private set; }

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
        Lead = await Factory.CreateUserAsync("lead.consent@example.org", "Lee Lead", PortalRoles.SafeguardingLead);
        await using var db = await CreateDbAsync();
        var staff = new StaffMember { FirstName = "Sam", LastName = "Host", WorkEmail = "sam.host@example.org", CreatedAtUtc = DateTimeOffset.UtcNow, Version = Guid.NewGuid() };
        db.StaffMembers.Add(staff);
        await db.SaveChangesAsync();
        var activity = new Activity
        {
            Title = "Saturday coding club",
            Kind = ActivityKind.OnlineSessions,
            PlatformId = await db.Platforms.Select(p => p.Id).FirstAsync(),
            Description = "Weekly coding sessions on a video call.",
            WhyOnline = "Members live far apart.",
            Benefits = "Learning with friends.",
            Risks = "Strangers could join; the call is locked and two adults are present.",
            MinimumAge = 8,
            MaximumAge = 16,
            StartDate = new DateOnly(2026, 9, 1),
            LeadStaffMemberId = staff.Id,
            CreatedAtUtc = DateTimeOffset.UtcNow,
            Version = Guid.NewGuid(),
        };
        db.Activities.Add(activity);
        await db.SaveChangesAsync();
        ActivityId = activity.Id;

        await using var scope = await Factory.ScopeForAsync(Lead);
        var templates = scope.ServiceProvider.GetRequiredService<ConsentTemplateService>();
        var photos = (await templates.ListAsync()).Single(t => t.Name == DefaultConsentTemplates.All[1].Name);
        var details = await templates.GetAsync(photos.Id);
        PhotosVersionId = (await templates.PublishAsync(photos.Id, details!.Draft.Version)).Id;
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

    /// <summary>A child enrolled in the activity with one parent (with parental responsibility and an e-mail).</summary>
    public async Task<(int ChildId, int ParentId, string ParentEmail)> AddFamilyAsync(string childFirstName, int age = 9, string? childEmail = null)
    {
        await using var db = await CreateDbAsync();
        var email = $"{childFirstName.ToLowerInvariant()}.parent.{Guid.NewGuid():N}@example.org";
        var parent = new ParentCarer { FirstName = "Pat", LastName = childFirstName + "son", Email = email, CreatedAtUtc = DateTimeOffset.UtcNow, Version = Guid.NewGuid() };
        var child = new Child
        {
            FirstName = childFirstName,
            LastName = childFirstName + "son",
            DateOfBirth = DateOnly.FromDateTime(DateTime.UtcNow.AddYears(-age).AddDays(-10)),
            Email = childEmail ?? "",
            CreatedAtUtc = DateTimeOffset.UtcNow,
            Version = Guid.NewGuid(),
        };
        child.Guardians.Add(new ChildGuardian { ParentCarer = parent, Relationship = "Mother", HasParentalResponsibility = true });
        db.Children.Add(child);
        await db.SaveChangesAsync();
        db.Enrolments.Add(new Enrolment { ActivityId = ActivityId, ChildId = child.Id, EnrolledAtUtc = DateTimeOffset.UtcNow });
        await db.SaveChangesAsync();
        return (child.Id, parent.Id, email);
    }

    /// <summary>Sends the photos form for the children as the lead, delivers the e-mails, and returns them by recipient.</summary>
    public async Task<SendResult> SendAsync(params int[] childIds)
    {
        await using var scope = await Factory.ScopeForAsync(Lead);
        return await scope.ServiceProvider.GetRequiredService<ConsentRequestService>().SendAsync(new SendConsentRequestModel
        {
            ActivityId = ActivityId,
            TemplateVersionId = PhotosVersionId,
            ChildIds = [.. childIds],
        });
    }

    public Task<EmailDispatchSummary> DeliverAsync() => Factory.Services.GetRequiredService<EmailDispatcher>().DispatchAsync();

    /// <summary>The last message delivered to an address.</summary>
    public MimeMessage LastMessageTo(string address) =>
        Smtp.Messages.Last(m => m.To.Mailboxes.Any(x => string.Equals(x.Address, address, StringComparison.OrdinalIgnoreCase)));

    /// <summary>The portal link in a message (signing or withdrawal), as a relative path.</summary>
    public static string LinkIn(MimeMessage message, string kind)
    {
        var match = Regex.Match(message.TextBody ?? "", $@"http://localhost(/consent/{kind}/[A-Za-z0-9_-]{{43}})");
        Assert.True(match.Success, $"No /consent/{kind}/ link in: {message.TextBody}");
        return match.Groups[1].Value;
    }

    public async Task<ConsentInvitation> InvitationForAsync(string email)
    {
        await using var db = await CreateDbAsync();
        return await db.Set<ConsentInvitation>().AsNoTracking().OrderByDescending(i => i.Id).FirstAsync(i => i.RecipientEmail == email);
    }
}
