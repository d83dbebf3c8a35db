using Microsoft.EntityFrameworkCore;
using SafeguardingPortal.Features.Devices;
using SafeguardingPortal.Features.Documents;
using SafeguardingPortal.Features.Staff;
using SafeguardingPortal.Infrastructure.Audit;

namespace SafeguardingPortal.Features.People;

/// <summary>Demo personal-device authorisations: one in every state, a renewal waiting for its decision, and the printed record of each approval.</summary>
public sealed partial class DemoDataSeeder
{
    private const string DemoRequester = "Demo data (no portal account)";
    private const string DemoManager = "Demo senior manager";

    private async Task<int> SeedDevicesAsync(List<StaffMember> staff, DateOnly today, DateTimeOffset now, CancellationToken ct)
    {
        DeviceAuthorisation Make(int i, DeviceKind kind, string device, DeviceDecision decision, int fromDays, int untilDays, int? reviewDays) => new()
        {
            Reference = Consent.ConsentWithdrawals.NewReference("D"),
            StaffMemberId = staff[(i * 5 + 1) % staff.Count].Id,
            DeviceKind = kind,
            DeviceDescription = device,
            WhyNoOrganisationalDevice = "The organisation's devices are all booked for the evening sessions.",
            Purpose = "Reminders about session times and changes on the day.",
            CommunicatesWith = i % 2 == 0 ? "Youth forum members" : "Juniors football squad",
            AppsAndAccounts = i % 2 == 0 ? "WhatsApp group created by the organisation's account" : "Microsoft Teams, through the organisation's tenant",
            RequestedFrom = today.AddDays(fromDays),
            RequestedUntil = today.AddDays(untilDays),
            RequestedByName = DemoRequester,
            RequestedAtUtc = now.AddDays(fromDays - 7),
            Decision = decision,
            DecidedByName = decision == DeviceDecision.Requested ? "" : DemoManager,
            DecidedAtUtc = decision == DeviceDecision.Requested ? null : now.AddDays(fromDays - 2),
            Conditions = decision is DeviceDecision.Approved or DeviceDecision.Revoked ? "Messages only in the group chat with a second adult\nNo photos of children stored on the device" : "",
            ValidFrom = decision is DeviceDecision.Approved or DeviceDecision.Revoked ? today.AddDays(fromDays) : null,
            ValidUntil = decision is DeviceDecision.Approved or DeviceDecision.Revoked ? today.AddDays(untilDays) : null,
            ReviewOn = decision is DeviceDecision.Approved or DeviceDecision.Revoked && reviewDays is { } r ? today.AddDays(r) : null,
            DeclineReason = decision == DeviceDecision.Declined ? "A loan tablet is available from the office: please use that instead." : "",
            RevokedByName = decision == DeviceDecision.Revoked ? DemoManager : "",
            RevokedAtUtc = decision == DeviceDecision.Revoked ? now.AddDays(-3) : null,
            RevocationReason = decision == DeviceDecision.Revoked ? "Messages were sent outside the group chat, against the first condition." : "",
            Viewers = [new DeviceViewer { Name = "Lina Okafor", HowTheySee = "Second adult in the group chat" }, new DeviceViewer { Name = "Sam Reid", HowTheySee = "Line manager, copied into every message", Position = 1 }],
            Version = Guid.NewGuid(),
        };

        var rows = new List<DeviceAuthorisation>
        {
            Make(0, DeviceKind.Phone, "Black iPhone 13 in a blue case", DeviceDecision.Requested, 2, 90, null),
            Make(1, DeviceKind.Phone, "Red Google Pixel 8", DeviceDecision.Approved, -30, 150, 120),
            Make(2, DeviceKind.Tablet, "Silver iPad with a green cover", DeviceDecision.Approved, -150, 20, -5),
            Make(3, DeviceKind.Laptop, "Grey Lenovo ThinkPad with club stickers", DeviceDecision.Approved, -200, -10, -40),
            Make(4, DeviceKind.Phone, "White Samsung Galaxy A54", DeviceDecision.Declined, 5, 60, null),
            Make(5, DeviceKind.Phone, "Blue iPhone SE", DeviceDecision.Revoked, -60, 100, 70),
            Make(6, DeviceKind.Tablet, "Black Samsung Galaxy Tab", DeviceDecision.Approved, -300, 25, -20),
        };
        rows[^1].ReviewedAtUtc = now.AddDays(-1);
        await InsertAsync(rows, "Demo data: personal-device authorisations", ct);

        // The reviewed one has its renewal waiting for a decision, copied from it.
        var renewal = Make(6, DeviceKind.Tablet, rows[^1].DeviceDescription, DeviceDecision.Requested, 26, 300, null);
        renewal.RenewalOfId = rows[^1].Id;
        renewal.RequestedAtUtc = now.AddDays(-1);
        await InsertAsync([renewal], "Demo data: a personal-device renewal", ct);

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.AuditActor = AuditActor.System;
        db.AuditBulkDescription = "Demo data: personal-device authorisation records";
        var organisation = (await db.OrganisationSettings.AsNoTracking().FirstOrDefaultAsync(ct))?.Name ?? "Our Organisation";
        var names = staff.ToDictionary(s => s.Id);
        foreach (var a in rows.Where(a => a.Decision is DeviceDecision.Approved or DeviceDecision.Revoked))
        {
            a.StaffMember = names[a.StaffMemberId];
            documents.Issue(db, DocumentKind.DeviceAuthorisation, a.Id, DeviceAuthorisationDocument.Compose(DeviceAuthorisationService.RecordModel(a, organisation)), a.DecidedAtUtc!.Value);
        }

        await db.SaveChangesAsync(ct);
        return rows.Count + 1;
    }
}
