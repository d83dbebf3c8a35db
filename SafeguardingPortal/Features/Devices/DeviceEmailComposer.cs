using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;
using SafeguardingPortal.Components.Shared;
using SafeguardingPortal.Features.Consent;
using SafeguardingPortal.Features.Documents;
using SafeguardingPortal.Features.People;
using SafeguardingPortal.Infrastructure;
using SafeguardingPortal.Infrastructure.Data;
using SafeguardingPortal.Infrastructure.Email;
using SafeguardingPortal.Infrastructure.Email.Queue;

namespace SafeguardingPortal.Features.Devices;

public static class DeviceEmailKinds
{
    public const string Decision = "DeviceDecision";
    public const string Revoked = "DeviceRevoked";
    public const string ReviewDue = "DeviceReviewDue";
    public const string Expired = "DeviceExpired";

    public static IReadOnlyList<string> All { get; } = [Decision, Revoked, ReviewDue, Expired];
}

/// <summary>
/// Writes the personal-device e-mails when their turn comes, from the authorisation as it stands then:
/// the decision (with the record attached when approved), a revocation, a review reminder and an expiry.
/// A reminder or expiry notice that no longer applies is not sent. The e-mails carry no link tokens.
/// </summary>
public sealed class DeviceEmailComposer(IOptions<PortalOptions> portalOptions, PortalClock clock) : IEmailComposer
{
    private readonly PortalOptions portal = portalOptions.Value;

    public bool Handles(string kind) => DeviceEmailKinds.All.Contains(kind);

    public async Task<IReadOnlyList<MimeMessage?>> ComposeAsync(PortalDbContext db, IReadOnlyList<OutgoingEmail> emails, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(emails);
        var ids = emails.Select(e => e.RelatedId).Distinct().ToList();
        var authorisations = await db.DeviceAuthorisations.AsNoTracking().Include(a => a.StaffMember)
            .Where(a => ids.Contains(a.Id)).ToDictionaryAsync(a => a.Id, ct);
        var records = (await db.IssuedDocuments.AsNoTracking().Where(d => d.Kind == DocumentKind.DeviceAuthorisation && ids.Contains(d.RelatedId)).ToListAsync(ct))
            .GroupBy(d => d.RelatedId).ToDictionary(g => g.Key, g => g.OrderBy(d => d.Id).First());
        var today = clock.Today();
        return [.. emails.Select(email => authorisations.TryGetValue(email.RelatedId, out var a) ? Compose(email, a, records.GetValueOrDefault(a.Id), today) : null)];
    }

    public Task RecordOutcomeAsync(PortalDbContext db, IReadOnlyList<(OutgoingEmail Email, EmailDeliveryResult Result)> outcomes, CancellationToken ct) => Task.CompletedTask;

    private MimeMessage? Compose(OutgoingEmail email, DeviceAuthorisation a, IssuedDocument? record, DateOnly today)
    {
        var state = DeviceAuthorisationRules.StateOn(a, today);
        var link = portal.LinkTo(string.Create(CultureInfo.InvariantCulture, $"devices/{a.Id}"));
        var device = $"{DeviceAuthorisationRules.Describe(a.DeviceKind).ToLowerInvariant()} ({a.DeviceDescription})";
        var who = a.StaffMember!.DisplayName;
        var lines = new List<string> { $"Dear {email.ToName},", "" };
        string subject;
        IssuedDocument? attachment = null;
        switch (email.Kind)
        {
            case DeviceEmailKinds.Decision when a.Decision is DeviceDecision.Approved or DeviceDecision.Revoked && a.ValidUntil is { } until:
                subject = $"Personal device authorised ({a.Reference})";
                lines.Add($"{a.DecidedByName} has authorised {who} to use their personal {device} to communicate with children and young people, from {a.ValidFrom:d MMM yyyy} to {until:d MMM yyyy}. It will be reviewed by {a.ReviewOn:d MMM yyyy}.");
                var conditions = DeviceAuthorisationRules.SplitConditions(a.Conditions);
                if (conditions.Count > 0)
                {
                    lines.Add("");
                    lines.Add("The conditions of the authorisation:");
                    lines.AddRange(conditions.Select(c => $"• {c}"));
                }

                lines.Add("");
                lines.Add("Use only the apps and accounts named in the request, and keep the people named as able to see the communication able to see it.");
                if (record is not null)
                {
                    attachment = record;
                    lines.Add($"The authorisation record is attached ({record.FileName}). Anyone can check it is genuine at {portal.LinkTo("verify")}.");
                }

                break;
            case DeviceEmailKinds.Decision when a.Decision == DeviceDecision.Declined:
                subject = $"Personal-device request declined ({a.Reference})";
                lines.Add($"{a.DecidedByName} has declined the request for {who} to use their personal {device} to communicate with children and young people.");
                lines.Add("");
                lines.Add($"The reason given: {a.DeclineReason}");
                lines.Add("");
                lines.Add("Please keep using organisational devices. If something has changed, a new request can be made.");
                break;
            case DeviceEmailKinds.Revoked when a.Decision == DeviceDecision.Revoked:
                subject = $"Personal-device authorisation revoked ({a.Reference})";
                lines.Add($"{a.RevokedByName} revoked the authorisation for {who} to use their personal {device} on {a.RevokedAtUtc?.ToUkDate()}. It has ended: the device must not be used to communicate with children and young people from now on.");
                lines.Add("");
                lines.Add($"The reason given: {a.RevocationReason}");
                break;
            case DeviceEmailKinds.ReviewDue when state is DeviceAuthorisationState.Approved or DeviceAuthorisationState.ReviewDue && a.ReviewedAtUtc is null:
                subject = $"Personal-device authorisation: review due by {a.ReviewOn:d MMM yyyy} ({a.Reference})";
                lines.Add($"The authorisation for {who} to use their personal {device} ends on {a.ValidUntil:d MMM yyyy} and is due for review by {a.ReviewOn:d MMM yyyy}.");
                lines.Add("If it is still needed, open it and choose “Review and renew”: everything is copied into a renewal request for a senior manager to decide. If not, nothing needs doing and it will end on its last day.");
                break;
            case DeviceEmailKinds.Expired when state == DeviceAuthorisationState.Expired:
                subject = $"Personal-device authorisation ended ({a.Reference})";
                lines.Add($"The authorisation for {who} to use their personal {device} ended on {a.ValidUntil:d MMM yyyy}. The device must not be used to communicate with children and young people unless a new authorisation is approved.");
                break;
            default:
                return null;
        }

        lines.Add("");
        lines.Add(link);
        return PlainEmail.Build(email, subject, lines, link, "Open it in the portal", attachment is null ? null : (attachment.FileName, attachment.Bytes));
    }
}
