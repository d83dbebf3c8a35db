using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;
using SafeguardingPortal.Components.Shared;
using SafeguardingPortal.Features.Consent;
using SafeguardingPortal.Infrastructure;
using SafeguardingPortal.Infrastructure.Data;
using SafeguardingPortal.Infrastructure.Email;
using SafeguardingPortal.Infrastructure.Email.Queue;

namespace SafeguardingPortal.Features.Recordings;

public static class RecordingEmailKinds
{
    /// <summary>To every safeguarding lead: a new form refused recording for someone already recorded (related id: the signature).</summary>
    public const string RefusalNotice = "RecordingRefusalNotice";

    public static IReadOnlyList<string> All { get; } = [RefusalNotice];
}

/// <summary>
/// Writes the recordings' e-mails when their turn comes: the notice to safeguarding leads that recordings
/// must be disposed of because a later form refused recording. It names the recordings by reference only.
/// </summary>
public sealed class RecordingEmailComposer(IOptions<PortalOptions> portalOptions) : IEmailComposer
{
    private readonly PortalOptions portal = portalOptions.Value;

    public bool Handles(string kind) => RecordingEmailKinds.All.Contains(kind);

    public async Task<IReadOnlyList<MimeMessage?>> ComposeAsync(PortalDbContext db, IReadOnlyList<OutgoingEmail> emails, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(emails);
        var ids = emails.Select(e => e.RelatedId).Distinct().ToList();
        var signatures = await db.Set<ConsentSignature>().AsNoTracking().Where(s => ids.Contains(s.Id))
            .Select(s => new { s.Id, s.Reference, s.SignedAtUtc, Activity = db.Activities.Where(a => a.Id == s.ActivityId).Select(a => a.Title).FirstOrDefault() ?? "" }).ToDictionaryAsync(s => s.Id, ct);
        var references = signatures.Values.Select(s => s.Reference).ToList();
        var tasks = (await db.Set<DisposalTask>().AsNoTracking().Where(t => references.Contains(t.WithdrawalReference) && t.Reason == DisposalReason.ConsentRefused)
            .Select(t => new { t.WithdrawalReference, Recording = t.Recording!.Reference, t.DueBy }).ToListAsync(ct))
            .ToLookup(t => t.WithdrawalReference);
        var link = portal.LinkTo("recordings/disposals");
        return [.. emails.Select(email =>
        {
            if (!signatures.TryGetValue(email.RelatedId, out var s) || !tasks[s.Reference].Any())
            {
                return (MimeMessage?)null;
            }

            var recordings = tasks[s.Reference].OrderBy(t => t.Recording, StringComparer.Ordinal).ToList();
            var lines = new List<string>
            {
                $"Dear {email.ToName},",
                "",
                $"A consent form for “{s.Activity}” (reference {s.Reference}, signed {s.SignedAtUtc.ToUkDateTime()} UK time) refuses consent to recording sessions for someone who is already in {Count(recordings.Count)}: {string.Join(", ", recordings.Select(r => r.Recording))}. Their name is in the portal, not in this e-mail.",
                "",
                $"Under the recording policy, {(recordings.Count == 1 ? "it" : "each")} must now be disposed of securely (due by {recordings.Min(r => r.DueBy):d MMM yyyy}). Please sign in, dispose of {(recordings.Count == 1 ? "it" : "them")} and record the disposal:",
                link,
            };
            return PlainEmail.Build(email, $"Recordings to dispose of: consent refused ({s.Reference})", lines, link, "Open disposal tasks");
        })];
    }

    public Task RecordOutcomeAsync(PortalDbContext db, IReadOnlyList<(OutgoingEmail Email, EmailDeliveryResult Result)> outcomes, CancellationToken ct) => Task.CompletedTask;

    private static string Count(int n) => n == 1 ? "1 recording" : $"{n} recordings";
}
