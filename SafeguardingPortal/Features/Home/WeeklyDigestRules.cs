using SafeguardingPortal.Features.People;

namespace SafeguardingPortal.Features.Home;

/// <summary>When the weekly digest is due: each Monday from 07:00 UK time, once per person per week.</summary>
public static class WeeklyDigestRules
{
    /// <summary>The UK wall-clock time on Monday from which that week's digest is sent.</summary>
    public static readonly TimeOnly SendFrom = new(7, 0);

    /// <summary>The Monday of the UK week that <paramref name="ukDate"/> falls in.</summary>
    public static DateOnly WeekStarting(DateOnly ukDate) =>
        ukDate.AddDays(-(((int)ukDate.DayOfWeek + 6) % 7));

    /// <summary>
    /// The week whose digest may be sent at <paramref name="utcNow"/>: this week's, from Monday 07:00 UK
    /// time (GMT or BST as it applies) to the end of Sunday, so a portal that was down on Monday, or a
    /// lead added mid-week, still gets this week's; null early on Monday, before it is due.
    /// </summary>
    public static DateOnly? DueWeek(DateTimeOffset utcNow)
    {
        var monday = WeekStarting(DateOnly.FromDateTime(Components.Shared.UkDateFormatting.ToUkTime(utcNow).DateTime));
        return utcNow >= UkCalendar.UkLocalToUtc(monday, SendFrom) ? monday : null;
    }
}
