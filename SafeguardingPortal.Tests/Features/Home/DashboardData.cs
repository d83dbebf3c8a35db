using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SafeguardingPortal.Features.Consent;
using SafeguardingPortal.Features.Devices;
using SafeguardingPortal.Features.People;
using SafeguardingPortal.Features.Recordings;
using SafeguardingPortal.Features.Staff;
using SafeguardingPortal.Infrastructure.Audit;
using SafeguardingPortal.Infrastructure.Data;
using SafeguardingPortal.Tests.Infrastructure;

namespace SafeguardingPortal.Tests.Features.Home;

/// <summary>
/// Arranges a portal whose home-page cards all have something to count: the demo data (consent in every
/// state, device authorisations in every state, an overdue account review), plus reminders, disposal
/// tasks and staff checks the demo data does not make. Written straight to the database: arranging, not the feature under test.
/// </summary>
public static class DashboardData
{
    /// <summary>Seeds the portal; returns the open and overdue disposal tasks the demo data made before the ones added here (two open, one overdue).</summary>
    public static async Task<(int OpenDisposals, int OverdueDisposals)> SeedAsync(PortalAppFactory factory)
    {
        await using (var seeding = factory.Services.CreateAsyncScope())
        {
            await seeding.ServiceProvider.GetRequiredService<DemoDataSeeder>().SeedAsync(30);
        }

        await using var db = await CreateDbAsync(factory);
        var now = factory.PortalTime.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);

        // Three invitations still waiting: two reminded since they were first sent, one reminded only before it was re-sent.
        var waiting = await db.Set<ConsentInvitation>().Where(i => i.Status == InvitationStatus.Awaiting && i.ExpiresAtUtc > now && i.FirstSentAtUtc != null)
            .OrderBy(i => i.Id).Take(3).ToListAsync();
        Assert.Equal(3, waiting.Count);
        foreach (var invitation in waiting.Take(2))
        {
            db.Add(new ConsentInvitationEvent { InvitationId = invitation.Id, AtUtc = invitation.FirstSentAtUtc!.Value.AddDays(3), Kind = InvitationEventKinds.ReminderSent, Detail = "To t•••@example.org" });
        }

        db.Add(new ConsentInvitationEvent { InvitationId = waiting[2].Id, AtUtc = waiting[2].FirstSentAtUtc!.Value.AddDays(-1), Kind = InvitationEventKinds.ReminderSent, Detail = "Before the re-send" });

        var demoOpen = await db.DisposalTasks.CountAsync(t => t.CompletedAtUtc == null);
        var demoOverdue = await db.DisposalTasks.CountAsync(t => t.CompletedAtUtc == null && t.DueBy < today);

        // Disposal tasks: one overdue, one due later, one completed.
        var session = await db.ActivitySessions.OrderBy(s => s.Id).FirstAsync();
        var policy = await db.RecordingPolicies.Select(p => p.Id).FirstAsync();
        var dueBy = new[] { today.AddDays(-2), today.AddDays(10), today.AddDays(-5) };
        for (var i = 0; i < dueBy.Length; i++)
        {
            var recording = new Recording
            {
                Reference = $"R-DASH{i}",
                ActivitySessionId = session.Id,
                PolicyId = policy,
                Purpose = "Safeguarding review",
                StorageReference = "folder/recording.mp4",
                MadeByStaffMemberId = session.HostStaffMemberId,
                RegisteredByName = "Test",
                RegisteredAtUtc = now.AddDays(-40),
                DeleteBy = today.AddDays(-2),
                Status = RecordingStatus.Held,
                Version = Guid.NewGuid(),
            };
            db.Recordings.Add(recording);
            db.DisposalTasks.Add(new DisposalTask
            {
                Recording = recording,
                Reason = DisposalReason.RetentionEnded,
                RaisedAtUtc = now.AddDays(-12),
                DueBy = dueBy[i],
                CompletedAtUtc = i == 2 ? now.AddDays(-1) : null,
                CompletedByName = i == 2 ? "Lee Lead" : "",
                Version = Guid.NewGuid(),
            });
        }

        // Safer-recruitment checks: one missing, one overdue, one current.
        db.StaffMembers.AddRange(
            new StaffMember { FirstName = "Nia", LastName = "Nocheck", WorkEmail = "nia.dash@example.org", CreatedAtUtc = now, Version = Guid.NewGuid() },
            new StaffMember { FirstName = "Ola", LastName = "Overdue", WorkEmail = "ola.dash@example.org", CheckKind = "Enhanced DBS", CheckReference = "001234567890", CheckDate = today.AddYears(-4), CheckRenewalDue = today.AddYears(-1), CreatedAtUtc = now, Version = Guid.NewGuid() },
            new StaffMember { FirstName = "Cai", LastName = "Current", WorkEmail = "cai.dash@example.org", CheckKind = "Enhanced DBS", CheckReference = "001234567891", CheckDate = today.AddYears(-1), CheckRenewalDue = today.AddYears(2), CreatedAtUtc = now, Version = Guid.NewGuid() });
        await db.SaveChangesAsync();
        return (demoOpen, demoOverdue);
    }

    /// <summary>One request for a personal device waiting for a manager's decision, for an empty portal (made by and for whom is given).</summary>
    public static async Task AddDeviceRequestAsync(PortalAppFactory factory, string requestedByUserId = "", string workEmail = "dev.asker@example.org")
    {
        await using var db = await CreateDbAsync(factory);
        var today = DateOnly.FromDateTime(factory.PortalTime.GetUtcNow().UtcDateTime);
        var person = new StaffMember { FirstName = "Dev", LastName = "Asker", WorkEmail = workEmail, CreatedAtUtc = DateTimeOffset.UtcNow, Version = Guid.NewGuid() };
        db.StaffMembers.Add(person);
        db.DeviceAuthorisations.Add(new DeviceAuthorisation
        {
            Reference = ConsentWithdrawals.NewReference("D"),
            StaffMember = person,
            DeviceKind = DeviceKind.Phone,
            DeviceDescription = "Black phone in a blue case",
            WhyNoOrganisationalDevice = "None free on Tuesdays.",
            Purpose = "Reminders about session times.",
            CommunicatesWith = "Youth forum",
            AppsAndAccounts = "WhatsApp group created by the organisation's account",
            RequestedFrom = today.AddDays(2),
            RequestedUntil = today.AddDays(60),
            RequestedByName = "Dev Asker",
            RequestedByUserId = requestedByUserId,
            RequestedAtUtc = DateTimeOffset.UtcNow,
            Decision = DeviceDecision.Requested,
            Viewers = [new DeviceViewer { Name = "Lina Okafor", HowTheySee = "Second adult in the group chat" }],
            Version = Guid.NewGuid(),
        });
        await db.SaveChangesAsync();
    }

    public static async Task<PortalDbContext> CreateDbAsync(PortalAppFactory factory)
    {
        var db = await factory.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        db.AuditActor = AuditActor.System;
        return db;
    }
}
