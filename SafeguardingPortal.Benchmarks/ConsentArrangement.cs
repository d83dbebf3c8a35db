using System.Net;
using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using SafeguardingPortal.Features.Activities;
using SafeguardingPortal.Features.Children;
using SafeguardingPortal.Features.Consent;
using SafeguardingPortal.Features.Families;
using SafeguardingPortal.Features.Staff;
using SafeguardingPortal.Infrastructure.Audit;
using SafeguardingPortal.Infrastructure.Data;
using SafeguardingPortal.Infrastructure.Identity;

namespace SafeguardingPortal.Benchmarks;

/// <summary>
/// What the consent runs arrange before measuring, as the consent tests do: a safeguarding lead (a real
/// account, which also completes first-run setup), an activity, children each with one parent who has
/// parental responsibility and an e-mail address, and the photos form published.
/// </summary>
internal sealed class ConsentArrangement
{
    public const string ActivityTitle = "Saturday coding club";

    private ConsentArrangement(WebApplication app, ClaimsPrincipal lead, int activityId, int photosVersionId)
    {
        App = app;
        Lead = lead;
        ActivityId = activityId;
        PhotosVersionId = photosVersionId;
    }

    public WebApplication App { get; }

    public ClaimsPrincipal Lead { get; }

    public int ActivityId { get; }

    public int PhotosVersionId { get; }

    public static async Task<ConsentArrangement> CreateAsync(WebApplication app)
    {
        var lead = await CreateLeadAsync(app);
        await using var db = await CreateDbAsync(app);
        var staff = new StaffMember { FirstName = "Sam", LastName = "Host", WorkEmail = "sam.host@example.org", CreatedAtUtc = DateTimeOffset.UtcNow, Version = Guid.NewGuid() };
        db.StaffMembers.Add(staff);
        await db.SaveChangesAsync();
        var activity = new Activity
        {
            Title = ActivityTitle,
            Kind = ActivityKind.OnlineSessions,
            PlatformId = await db.Platforms.OrderBy(p => p.Id).Select(p => p.Id).FirstAsync(),
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

        await using var scope = ScopeFor(app, lead);
        var templates = scope.ServiceProvider.GetRequiredService<ConsentTemplateService>();
        var photos = (await templates.ListAsync()).Single(t => t.Name == DefaultConsentTemplates.All[1].Name);
        var details = await templates.GetAsync(photos.Id) ?? throw new InvalidOperationException("The photos form is missing.");
        var version = await templates.PublishAsync(photos.Id, details.Draft.Version);
        return new ConsentArrangement(app, lead, activity.Id, version.Id);
    }

    /// <summary>A service scope acting as the lead, as a circuit does: the lead's authentication state, and who the audit trail names.</summary>
    public static AsyncServiceScope ScopeFor(WebApplication app, ClaimsPrincipal principal)
    {
        var scope = app.Services.CreateAsyncScope();
        ((IHostEnvironmentAuthenticationStateProvider)scope.ServiceProvider.GetRequiredService<AuthenticationStateProvider>())
            .SetAuthenticationState(Task.FromResult(new AuthenticationState(principal)));
        scope.ServiceProvider.GetRequiredService<AuditContext>().Set(AuditActor.FromPrincipal(principal, IPAddress.Loopback));
        return scope;
    }

    /// <summary><paramref name="count"/> children (aged 9, so not asked themselves) enrolled in the activity, each with one parent with an e-mail.</summary>
    public async Task AddFamiliesAsync(int count)
    {
        await using var db = await CreateDbAsync(App);
        var run = Guid.NewGuid().ToString("N")[..8];
        var children = new List<Child>(count);
        for (var i = 0; i < count; i++)
        {
            var surname = $"Family{i:D5}";
            var parent = new ParentCarer { FirstName = "Pat", LastName = surname, Email = $"parent{i}.{run}@example.org", CreatedAtUtc = DateTimeOffset.UtcNow, Version = Guid.NewGuid() };
            var child = new Child
            {
                FirstName = "Alex",
                LastName = surname,
                DateOfBirth = DateOnly.FromDateTime(DateTime.UtcNow.AddYears(-9).AddDays(-10)),
                Email = "",
                CreatedAtUtc = DateTimeOffset.UtcNow,
                Version = Guid.NewGuid(),
            };
            child.Guardians.Add(new ChildGuardian { ParentCarer = parent, Relationship = "Mother", HasParentalResponsibility = true });
            children.Add(child);
        }

        db.Children.AddRange(children);
        await db.SaveChangesAsync();
        db.Enrolments.AddRange(children.Select(c => new Enrolment { ActivityId = ActivityId, ChildId = c.Id, EnrolledAtUtc = DateTimeOffset.UtcNow }));
        await db.SaveChangesAsync();
    }

    /// <summary>Sends the photos form to every family enrolled, as the lead (the call the send dialog makes).</summary>
    public async Task<SendResult> SendAsync()
    {
        await using var scope = ScopeFor(App, Lead);
        return await scope.ServiceProvider.GetRequiredService<ConsentRequestService>().SendAsync(new SendConsentRequestModel
        {
            ActivityId = ActivityId,
            TemplateVersionId = PhotosVersionId,
        });
    }

    private static async Task<PortalDbContext> CreateDbAsync(WebApplication app)
    {
        var db = await app.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        db.AuditActor = AuditActor.System;
        return db;
    }

    /// <summary>A real lead account with a random password nobody sees (it exists to be the one sending, and to complete setup).</summary>
    private static async Task<ClaimsPrincipal> CreateLeadAsync(WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<AuditContext>().Set(AuditActor.System);
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var email = "benchmark.lead@example.org";
        var user = new PortalUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = "Benchmark Lead", CreatedAtUtc = DateTimeOffset.UtcNow };
        var created = await users.CreateAsync(user, Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)));
        if (!created.Succeeded || !(await users.AddToRoleAsync(user, PortalRoles.SafeguardingLead)).Succeeded)
        {
            throw new InvalidOperationException("Could not create the lead: " + string.Join(" ", created.Errors.Select(e => e.Description)));
        }

        return await scope.ServiceProvider.GetRequiredService<IUserClaimsPrincipalFactory<PortalUser>>().CreateAsync(user);
    }
}
