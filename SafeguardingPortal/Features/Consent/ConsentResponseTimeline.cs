using SafeguardingPortal.Components.Shared;

namespace SafeguardingPortal.Features.Consent;

/// <summary>When one invitation was sent, answered (and how) and stopped waiting, for the response chart.</summary>
public sealed record InvitationMoments(
    DateTimeOffset SentAtUtc,
    DateTimeOffset? AnsweredAtUtc,
    bool AnyItemRefused,
    DateTimeOffset? FirstWithdrawalAtUtc,
    DateTimeOffset ExpiresAtUtc,
    DateTimeOffset? RevokedAtUtc);

/// <summary>An activity's consent responses at the end of each day (or week), as three counts.</summary>
public sealed record ConsentResponseTimeline(IReadOnlyList<string> Points, IReadOnlyList<int> Given, IReadOnlyList<int> Refused, IReadOnlyList<int> Awaiting)
{
    public const int MaxPoints = 26;

    public static ConsentResponseTimeline Empty { get; } = new([], [], [], []);

    public bool IsEmpty => Points.Count == 0;

    /// <summary>Teal for given, orange for refused or withdrawn, grey for awaiting: told apart by their names too.</summary>
    public static IReadOnlyList<string> Palette { get; } = ["#00897b", "#e65100", "#757575"];

    public IReadOnlyList<PortalChartSeries> Series =>
        [new("Consent given", Given), new("Refused or withdrawn", Refused), new("Awaiting an answer", Awaiting)];

    /// <summary>
    /// Counts at the end of each UK day from the first invitation to today, and for today as of <paramref name="now"/> (each week's
    /// end once that is more than 31 days; at most the last <see cref="MaxPoints"/>). An answer counts as
    /// given when every item was given, and as refused or withdrawn from the day any item was refused or
    /// withdrawn; an invitation awaits an answer from when it was sent until it is answered, expires or is
    /// withdrawn by staff.
    /// </summary>
    public static ConsentResponseTimeline Build(IReadOnlyCollection<InvitationMoments> invitations, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(invitations);
        if (invitations.Count == 0)
        {
            return Empty;
        }

        var today = DateOnly.FromDateTime(now.ToUkTime().DateTime);
        var first = DateOnly.FromDateTime(invitations.Min(i => i.SentAtUtc).ToUkTime().DateTime);
        var days = today.DayNumber - first.DayNumber + 1;
        var step = days <= 31 ? 1 : 7;
        var ends = new List<DateOnly>();
        for (var day = today; day >= first && ends.Count < MaxPoints; day = day.AddDays(-step))
        {
            ends.Add(day);
        }

        ends.Reverse();
        var points = new List<string>();
        var given = new List<int>();
        var refused = new List<int>();
        var awaiting = new List<int>();
        foreach (var end in ends)
        {
            // The end of that UK day is the start of the next; today is as it stands now.
            var at = end == today ? now : end.AddDays(1).UkDayStartUtc();
            points.Add(end.ToString(step == 1 ? "d MMM" : "'w/e' d MMM", Hosting.PortalWebExtensions.UkCulture));
            var answered = invitations.Where(i => i.AnsweredAtUtc <= at).ToList();
            var refusedNow = answered.Count(i => i.AnyItemRefused || i.FirstWithdrawalAtUtc <= at);
            refused.Add(refusedNow);
            given.Add(answered.Count - refusedNow);
            awaiting.Add(invitations.Count(i => i.SentAtUtc <= at && !(i.AnsweredAtUtc <= at) && i.ExpiresAtUtc > at && !(i.RevokedAtUtc <= at)));
        }

        return new ConsentResponseTimeline(points, given, refused, awaiting);
    }
}
