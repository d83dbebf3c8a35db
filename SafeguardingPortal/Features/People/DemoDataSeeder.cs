using Microsoft.EntityFrameworkCore;
using SafeguardingPortal.Features.Activities;
using SafeguardingPortal.Features.Children;
using SafeguardingPortal.Features.Documents;
using SafeguardingPortal.Features.Families;
using SafeguardingPortal.Features.Staff;
using SafeguardingPortal.Infrastructure;
using SafeguardingPortal.Infrastructure.Audit;
using SafeguardingPortal.Infrastructure.Data;

namespace SafeguardingPortal.Features.People;

/// <summary>
/// Fills an empty portal with clearly fictional UK data (children, parents and carers, staff,
/// activities with sessions) so a newcomer sees a living portal. Deterministic for a given size.
/// Audited as the system, in bulk events of at most <see cref="BatchSize"/> records.
/// </summary>
public sealed partial class DemoDataSeeder(IDbContextFactory<PortalDbContext> dbFactory, PortalClock clock, ILogger<DemoDataSeeder> logger, DocumentIssuer documents)
{
    public const int BatchSize = 5_000;

    private static readonly string[] FirstNames =
    [
        "Olivia", "Amelia", "Isla", "Ava", "Mia", "Ivy", "Lily", "Isabella", "Rosie", "Sophia", "Grace", "Freya", "Willow", "Florence", "Emily",
        "Noah", "Muhammad", "George", "Oliver", "Leo", "Arthur", "Oscar", "Theo", "Theodore", "Freddie", "Jack", "Charlie", "Finley", "Alfie", "Archie",
        "Aisha", "Zainab", "Maryam", "Priya", "Anaya", "Chloe", "Erin", "Niamh", "Cerys", "Seren", "Kai", "Rhys", "Callum", "Ewan", "Kofi", "Tomasz", "Lukas", "Yusuf",
    ];

    private static readonly string[] LastNames =
    [
        "Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Patel", "Robinson", "Wright", "Thompson", "Evans", "Walker", "White",
        "Roberts", "Green", "Hall", "Wood", "Jackson", "Clarke", "Khan", "Ahmed", "Singh", "Hughes", "Edwards", "Lewis", "Morgan", "Murphy", "Kelly",
        "Okafor", "Mensah", "Nowak", "Kowalski", "Campbell", "Stewart", "MacDonald", "Price", "Owen", "Begum",
    ];

    private static readonly string[] Groups = ["Juniors", "Intermediates", "Seniors", "Youth Forum", "Year 7", "Year 8", "Year 9", "Year 10", "Young Leaders"];

    private static readonly string[] Relationships = ["Mother", "Father", "Grandparent", "Step-parent", "Foster carer", "Aunt", "Uncle"];

    private static readonly (string Title, ActivityKind Kind, int Min, int Max)[] ActivityShapes =
    [
        ("Online homework club", ActivityKind.OnlineSessions, 11, 16),
        ("Friday youth forum", ActivityKind.OnlineSessions, 13, 18),
        ("Coding club", ActivityKind.OnlineSessions, 9, 14),
        ("Summer showcase livestream", ActivityKind.Livestream, 8, 18),
        ("Young leaders community", ActivityKind.OnlineCommunity, 14, 19),
        ("Reading buddies", ActivityKind.OnlineSessions, 7, 11),
        ("Music theory lessons", ActivityKind.OnlineSessions, 10, 17),
    ];

    /// <summary>Seeds <paramref name="children"/> children and everything around them; refuses a portal that already has children.</summary>
    public async Task<string> SeedAsync(int children, CancellationToken ct = default)
    {
        if (children is < 1 or > 200_000)
        {
            throw new ArgumentOutOfRangeException(nameof(children), children, "Choose between 1 and 200,000 children.");
        }

        await using (var check = await dbFactory.CreateDbContextAsync(ct))
        {
            if (await check.Children.AnyAsync(ct))
            {
                return "The portal already has children on its register: demo data is only added to an empty portal.";
            }
        }

        var random = new Random(20261125);
        var today = clock.Today();
        var now = clock.UtcNow;

        var staffCount = Math.Clamp(children / 25, 8, 2_000);
        var staff = Enumerable.Range(0, staffCount).Select(i =>
        {
            var first = Pick(random, FirstNames);
            var last = Pick(random, LastNames);
            var checkDate = i % 17 == 0 ? (DateOnly?)null : today.AddDays(-random.Next(30, 1_200));
            return new StaffMember
            {
                FirstName = first,
                LastName = last,
                WorkEmail = $"{first}.{last}.{i}@demo-charity.example".ToLowerInvariant(),
                Type = (StaffType)(i % 3),
                RoleTitle = i % 3 == 1 ? "Volunteer youth worker" : i % 3 == 2 ? "Sessional coach" : "Youth worker",
                CheckKind = checkDate is null ? "" : "Enhanced DBS with barred list",
                CheckReference = checkDate is null ? "" : $"0012{random.Next(10_000_000, 99_999_999)}",
                CheckDate = checkDate,
                CheckRenewalDue = checkDate?.AddYears(3),
                CreatedAtUtc = now,
                Version = Guid.NewGuid(),
            };
        }).ToList();
        await InsertAsync(staff, "Demo data: staff and volunteers", ct);

        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            if (!await db.Platforms.AnyAsync(ct))
            {
                await Platforms.PlatformService.SeedDefaultsAsync(db, ct);
            }
        }

        List<int> platformIds;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            platformIds = await db.Platforms.OrderBy(p => p.Id).Select(p => p.Id).ToListAsync(ct);
        }

        var childRows = new List<Child>(children);
        for (var i = 0; i < children; i++)
        {
            var age = random.Next(5, 19);
            childRows.Add(new Child
            {
                FirstName = Pick(random, FirstNames),
                LastName = Pick(random, LastNames),
                PreferredName = i % 11 == 0 ? Pick(random, FirstNames) : "",
                DateOfBirth = today.AddYears(-age).AddDays(-random.Next(0, 364)),
                Group = Pick(random, Groups),
                Email = age >= 13 && i % 4 == 0 ? $"young.person{i}@demo-family.example" : "",
                CreatedAtUtc = now,
                Version = Guid.NewGuid(),
            });
        }

        await InsertAsync(childRows, "Demo data: children", ct);

        var parents = new List<ParentCarer>();
        var parentsOfChild = new List<(Child Child, int First, int Count)>(childRows.Count);
        foreach (var child in childRows)
        {
            var count = random.Next(100) < 60 ? 2 : 1;
            parentsOfChild.Add((child, parents.Count, count));
            for (var p = 0; p < count; p++)
            {
                var first = Pick(random, FirstNames);
                parents.Add(new ParentCarer
                {
                    FirstName = first,
                    LastName = p == 0 ? child.LastName : Pick(random, LastNames),
                    Email = $"{first}.{child.Id}.{p}@demo-family.example".ToLowerInvariant(),
                    Phone = $"07700 9{random.Next(10000, 99999)}",
                    PreferredContact = p == 0 ? PreferredContact.Email : PreferredContact.Text,
                    CreatedAtUtc = now,
                    Version = Guid.NewGuid(),
                });
            }
        }

        await InsertAsync(parents, "Demo data: parents and carers", ct);
        var links = parentsOfChild.SelectMany(x => Enumerable.Range(0, x.Count).Select(p => new ChildGuardian
        {
            ChildId = x.Child.Id,
            ParentCarerId = parents[x.First + p].Id,
            Relationship = p == 0 ? Pick(random, Relationships[..2]) : Pick(random, Relationships),
            HasParentalResponsibility = p == 0 || random.Next(100) < 70,
        })).ToList();

        await InsertAsync(links, "Demo data: links between children and their parents and carers", ct);

        var activityCount = Math.Clamp(children / 40, 3, 1_500);
        var activities = Enumerable.Range(0, activityCount).Select(i =>
        {
            var shape = ActivityShapes[i % ActivityShapes.Length];
            var start = today.AddDays(random.Next(-120, 60));
            return new Activity
            {
                Kind = shape.Kind,
                Title = i < ActivityShapes.Length ? shape.Title : $"{shape.Title} {i / ActivityShapes.Length + 1}",
                PlatformId = platformIds[i % Math.Min(3, platformIds.Count)],
                Description = "A weekly online group where young people meet, learn together and build friendships with the support of trained staff.",
                WhyOnline = "Members live far apart and cannot travel to the centre every week; meeting online keeps the group together between in-person events.",
                Benefits = "Regular contact with trusted adults and peers, new skills, and a safe place to share ideas.",
                Risks = "Contact from people outside the group, sharing personal information, and screen time. Sessions use organisation accounts, two adults are always present and the chat is moderated.",
                MinimumAge = shape.Min,
                MaximumAge = shape.Max,
                StartDate = start,
                EndDate = i % 3 == 0 ? start.AddMonths(6) : null,
                LeadStaffMemberId = staff[i % staff.Count].Id,
                CreatedAtUtc = now,
                Version = Guid.NewGuid(),
            };
        }).ToList();
        await InsertAsync(activities, "Demo data: activities", ct);

        var enrolments = new List<Enrolment>();
        foreach (var child in childRows)
        {
            if (random.Next(100) < 70)
            {
                enrolments.Add(new Enrolment { ActivityId = activities[random.Next(activities.Count)].Id, ChildId = child.Id, EnrolledAtUtc = now });
            }
        }

        await InsertAsync(enrolments, "Demo data: children taking part in activities", ct);

        var sessions = activities.SelectMany(a => Enumerable.Range(0, 4).Select(w => new ActivitySession
        {
            ActivityId = a.Id,
            StartsAtUtc = UkCalendar.UkLocalToUtc(a.StartDate.AddDays(7 * w), new TimeOnly(18, 30)),
            DurationMinutes = 60,
            HostStaffMemberId = a.LeadStaffMemberId,
            WillBeRecorded = w % 2 == 0,
            Version = Guid.NewGuid(),
        })).ToList();
        await InsertAsync(sessions, "Demo data: activity sessions", ct);

        var accounts = SocialAccountsFor(activities, staff, platformIds, today, now);
        await InsertAsync(accounts, "Demo data: social-media accounts", ct);
        var access = accounts.Where(a => a.Status != SocialAccounts.SocialAccountStatus.Proposed).SelectMany((a, i) => new[]
        {
            new SocialAccounts.SocialAccountAccess
            {
                SocialAccountId = a.Id, StaffMemberId = a.ResponsibleStaffMemberId, GrantedOn = today.AddMonths(-8),
                RemovedOn = a.Status == SocialAccounts.SocialAccountStatus.Closed ? today.AddMonths(-1) : null,
            },
            new SocialAccounts.SocialAccountAccess
            {
                SocialAccountId = a.Id, StaffMemberId = staff[(i + 3) % staff.Count].Id, GrantedOn = today.AddMonths(-5),
                RemovedOn = i % 2 == 0 || a.Status == SocialAccounts.SocialAccountStatus.Closed ? today.AddMonths(-1) : null, GrantedWithoutCurrentCheck = staff[(i + 3) % staff.Count].CheckDate is null,
            },
        }).Where(x => x.StaffMemberId != 0).DistinctBy(x => (x.SocialAccountId, x.StaffMemberId)).ToList();
        await InsertAsync(access, "Demo data: access to social-media accounts", ct);

        var invitations = await SeedConsentAsync(activities, enrolments, childRows, links, parents, random, today, now, ct);
        var devices = await SeedDevicesAsync(staff, today, now, ct);
        var recordings = await SeedRecordingsAsync(activities, enrolments, links, parents, staff, today, now, ct);
        var summary = $"Added demo data: {children:N0} children, {parents.Count:N0} parents and carers, {staff.Count:N0} staff, {activities.Count:N0} activities with {sessions.Count + recordings.Sessions:N0} sessions, {invitations:N0} consent invitations in every state, {devices:N0} personal-device authorisations in every state, {recordings.Recordings:N0} recordings ({recordings.OpenTasks:N0} due for disposal, {recordings.Disposed:N0} disposed of).";
        logger.LogInformation("{Summary}", summary);
        return summary;
    }

    /// <summary>The <c>seed-demo [--children N]</c> command: N defaults to 300.</summary>
    public static async Task<int> RunFromCommandLineAsync(WebApplication app, string[] args)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(args);
        var index = Array.IndexOf(args, "--children");
        var children = 300;
        if (index >= 0 && (index + 1 >= args.Length || !int.TryParse(args[index + 1], System.Globalization.CultureInfo.InvariantCulture, out children)))
        {
            Console.Error.WriteLine("usage: dotnet run --project SafeguardingPortal -- seed-demo [--children N]");
            return 2;
        }

        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<AuditContext>().Set(AuditActor.System);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var summary = await scope.ServiceProvider.GetRequiredService<DemoDataSeeder>().SeedAsync(children);
        Console.WriteLine($"{summary} ({watch.Elapsed.TotalSeconds:F1} s)");
        return 0;
    }

    /// <summary>Accounts in every state: proposed, authorised (one with its review overdue), suspended as personal, closed.</summary>
    private static List<SocialAccounts.SocialAccount> SocialAccountsFor(List<Activity> activities, List<StaffMember> staff, List<int> platformIds, DateOnly today, DateTimeOffset now)
    {
        var shapes = new (string Handle, SocialAccounts.SocialAccountStatus Status, int ReviewInDays, string Reason)[]
        {
            ("@demo_youth_forum", SocialAccounts.SocialAccountStatus.Authorised, 90, ""),
            ("@demo_coding_club", SocialAccounts.SocialAccountStatus.Authorised, -20, ""),
            ("@demo_showcase_live", SocialAccounts.SocialAccountStatus.Proposed, 0, ""),
            ("@coach_sam_personal", SocialAccounts.SocialAccountStatus.Suspended, 0, "Found to be a personal account: it belongs to a coach, not the organisation."),
            ("@demo_summer_2024", SocialAccounts.SocialAccountStatus.Closed, 0, "The summer scheme ended; the account was closed and its content archived."),
        };
        return shapes.Select((x, i) => new SocialAccounts.SocialAccount
        {
            PlatformId = platformIds[Math.Min(platformIds.Count - 1, 4 + (i % 3))],
            Handle = x.Handle,
            Purpose = "Sharing news, session reminders and celebrating young people's work with the group.",
            ResponsibleStaffMemberId = staff[i % staff.Count].Id,
            RecoveryEmail = "social-media@demo-charity.example",
            OwnedByOrganisation = x.Status != SocialAccounts.SocialAccountStatus.Suspended,
            Status = x.Status,
            StatusReason = x.Reason,
            ProposedAtUtc = now.AddMonths(-9),
            AuthorisedAtUtc = x.Status == SocialAccounts.SocialAccountStatus.Proposed ? null : now.AddMonths(-8),
            PrivacySettingsOn = x.Status != SocialAccounts.SocialAccountStatus.Proposed,
            TwoFactorOn = x.Status != SocialAccounts.SocialAccountStatus.Proposed,
            RecoveryEmailIsOrganisational = x.Status != SocialAccounts.SocialAccountStatus.Proposed,
            StrangerMessages = x.Status == SocialAccounts.SocialAccountStatus.Proposed ? SocialAccounts.StrangerMessages.NotConfirmed : SocialAccounts.StrangerMessages.Restricted,
            AgeJustification = x.Status == SocialAccounts.SocialAccountStatus.Proposed ? "" : "The account only publishes news to parents and older members; younger children do not follow or message it.",
            NextReviewDue = x.Status == SocialAccounts.SocialAccountStatus.Authorised ? today.AddDays(x.ReviewInDays) : null,
            Activities = [new SocialAccounts.SocialAccountActivity { ActivityId = activities[i % activities.Count].Id }],
            Version = Guid.NewGuid(),
        }).ToList();
    }

    private async Task InsertAsync<T>(List<T> rows, string description, CancellationToken ct)
        where T : class
    {
        for (var offset = 0; offset < rows.Count; offset += BatchSize)
        {
            var batch = rows.Skip(offset).Take(BatchSize).ToList();
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            db.AuditActor = AuditActor.System;
            db.AuditBulkDescription = rows.Count <= BatchSize ? description : $"{description}, {offset + 1:N0} to {offset + batch.Count:N0} of {rows.Count:N0}";
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            db.AddRange(batch);
            await db.SaveChangesAsync(ct);
        }
    }

    private static string Pick(Random random, string[] items) => items[random.Next(items.Length)];
}
