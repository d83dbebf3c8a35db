namespace SafeguardingPortal.Components.Shared;

/// <summary>Dates and times as people in the UK read them, in UK local time (GMT or BST).</summary>
public static class UkDateFormatting
{
    private static readonly TimeZoneInfo UkTimeZone = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    public static DateTimeOffset ToUkTime(this DateTimeOffset utc) => TimeZoneInfo.ConvertTime(utc, UkTimeZone);

    /// <summary>The instant a UK calendar day starts (midnight in London), in UTC.</summary>
    public static DateTimeOffset UkDayStartUtc(this DateOnly day)
    {
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, UkTimeZone.GetUtcOffset(local)).ToUniversalTime();
    }

    /// <summary>For example "25 Nov 2026".</summary>
    public static string ToUkDate(this DateTimeOffset utc) => utc.ToUkTime().ToString("d MMM yyyy", Hosting.PortalWebExtensions.UkCulture);

    /// <summary>For example "25 Nov 2026, 14:05".</summary>
    public static string ToUkDateTime(this DateTimeOffset utc) => utc.ToUkTime().ToString("d MMM yyyy, HH:mm", Hosting.PortalWebExtensions.UkCulture);
}
