using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;
using SafeguardingPortal.Features.Consent;
using SafeguardingPortal.Features.Settings;
using SafeguardingPortal.Infrastructure.Audit;
using SafeguardingPortal.Infrastructure.Data;
using SafeguardingPortal.Infrastructure.Email;
using SafeguardingPortal.Infrastructure.Email.Queue;
using SafeguardingPortal.Infrastructure.Identity;

namespace SafeguardingPortal.Features.Home;

/// <summary>
/// Writes a weekly digest when its turn to be sent comes: the home page's cards as that person would
/// see them now, asked of each feature's service as them (so a manager's digest holds a manager's
/// cards, each count checked by the feature's own rules). It carries counts and links only, never a
/// child's or family's details. It is not sent if the person has since turned it off, been disabled
/// or lost the roles that get it.
/// </summary>
public sealed class WeeklyDigestComposer(IServiceScopeFactory scopeFactory, IOptions<PortalOptions> portalOptions) : IEmailComposer
{
    public const string Kind = "WeeklyDigest";

    private readonly PortalOptions portal = portalOptions.Value;

    public bool Handles(string kind) => kind == Kind;

    public async Task<IReadOnlyList<MimeMessage?>> ComposeAsync(PortalDbContext db, IReadOnlyList<OutgoingEmail> emails, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(emails);
        var ids = emails.Select(e => e.RelatedId).Distinct().ToList();
        var digests = await db.Set<WeeklyDigest>().AsNoTracking().Where(d => ids.Contains(d.Id)).ToDictionaryAsync(d => d.Id, ct);
        var keys = digests.Values.Select(d => d.UserKey).Distinct().ToList();
        var stillOwed = (await WeeklyDigestJob.EligibleUsers(db).Where(u => keys.Contains(u.Id)).ToListAsync(ct)).ToDictionary(u => u.Id);
        var messages = new List<MimeMessage?>(emails.Count);
        foreach (var email in emails)
        {
            messages.Add(digests.TryGetValue(email.RelatedId, out var digest) && stillOwed.TryGetValue(digest.UserKey, out var user)
                ? await ComposeAsync(email, digest, user, ct)
                : null);
        }

        return messages;
    }

    public Task RecordOutcomeAsync(PortalDbContext db, IReadOnlyList<(OutgoingEmail Email, EmailDeliveryResult Result)> outcomes, CancellationToken ct) => Task.CompletedTask;

    private async Task<MimeMessage> ComposeAsync(OutgoingEmail email, WeeklyDigest digest, PortalUser user, CancellationToken ct)
    {
        await using var scope = await scopeFactory.CreateScopeSeeingAsAsync(user, AuditActor.System);
        var services = scope.ServiceProvider;
        var organisation = (await services.GetRequiredService<OrganisationSettingsService>().GetAsync(ct)).Name;
        var cards = await services.GetRequiredService<DashboardService>().CardsAsync(ct);
        var open = cards.Where(c => !c.NothingToDoNow).ToList();

        var lines = new List<string> { $"Dear {email.ToName},", "" };
        if (open.Count == 0)
        {
            lines.Add($"Nothing in {organisation}'s safeguarding portal needs your action this week.");
        }
        else
        {
            lines.Add($"This is what needs your action in {organisation}'s safeguarding portal this week:");
            lines.Add("");
            lines.AddRange(open.Select(Line));
        }

        var settled = cards.Where(c => c.NothingToDoNow).Select(c => c.NothingToDo).ToList();
        if (settled.Count > 0)
        {
            lines.Add("");
            lines.Add("Up to date: " + string.Join(" ", settled));
        }

        var home = portal.LinkTo("");
        lines.Add("");
        lines.Add(home);
        lines.Add("");
        lines.Add($"You get this e-mail each Monday as a safeguarding lead or manager. To stop it, turn off the weekly e-mail under Your preferences: {portal.LinkTo("preferences")}");
        var subject = open.Count == 0
            ? string.Create(CultureInfo.InvariantCulture, $"Safeguarding portal: nothing needs your action (week of {digest.WeekStarting:d MMM yyyy})")
            : string.Create(CultureInfo.InvariantCulture, $"Safeguarding portal: {open.Count} {(open.Count == 1 ? "thing needs" : "things need")} your action (week of {digest.WeekStarting:d MMM yyyy})");
        return PlainEmail.Build(email, subject, lines, home, "Open the portal");
    }

    /// <summary>"• Consent awaiting an answer: 5 invitations waiting for an answer (2 of them already reminded at least once): https://…/consent/awaiting".</summary>
    private string Line(DashboardCard card)
    {
        var details = card.Details.Where(d => d.Count > 0).Select(d => string.Create(CultureInfo.InvariantCulture, $"{d.Count} {d.Meaning}")).ToList();
        var text = string.Create(CultureInfo.InvariantCulture, $"• {card.Title}: {card.Main.Count} {card.Main.Meaning}");
        if (details.Count > 0)
        {
            text += $" ({string.Join("; ", details)})";
        }

        return card.Main.Href is null ? text : $"{text}: {portal.LinkTo(card.Main.Href)}";
    }
}
