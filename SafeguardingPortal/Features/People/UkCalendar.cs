using SafeguardingPortal.Infrastructure;

namespace SafeguardingPortal.Features.People;

/// <summary>Dates as they are in the UK: "today" is London's today, whatever the server's time zone.</summary>
public static class UkCalendar
{
    private static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    public static DateOnly Today(this PortalClock clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.UtcNow, London).DateTime);
    }

    /// <summary>Age in whole years on <paramref name="on"/>; someone born on 29 February turns a year older on 1 March in other years.</summary>
    public static int AgeOn(DateOnly dateOfBirth, DateOnly on)
    {
        var age = on.Year - dateOfBirth.Year;
        var birthdayThisYear = dateOfBirth.Month == 2 && dateOfBirth.Day == 29 && !DateTime.IsLeapYear(on.Year)
            ? new DateOnly(on.Year, 3, 1)
            : new DateOnly(on.Year, dateOfBirth.Month, dateOfBirth.Day);
        return on < birthdayThisYear ? age - 1 : age;
    }

    /// <summary>A UK wall-clock date and time as a UTC instant (GMT or BST as it applies on that day).</summary>
    public static DateTimeOffset UkLocalToUtc(DateOnly date, TimeOnly time)
    {
        var local = date.ToDateTime(time, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, London.GetUtcOffset(local)).ToUniversalTime();
    }
}
