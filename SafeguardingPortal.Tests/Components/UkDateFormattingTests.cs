using System.Globalization;
using SafeguardingPortal.Components.Shared;

namespace SafeguardingPortal.Tests.Components;

public sealed class UkDateFormattingTests
{
    [Theory]
    [InlineData("2026-01-15T12:30:00Z", "15 Jan 2026, 12:30")]
    [InlineData("2026-07-15T12:30:00Z", "15 Jul 2026, 13:30")]
    [InlineData("2026-03-29T00:59:00Z", "29 Mar 2026, 00:59")]
    [InlineData("2026-03-29T01:00:00Z", "29 Mar 2026, 02:00")]
    public void Times_are_shown_in_UK_local_time(string utc, string expected)
    {
        Assert.Equal(expected, DateTimeOffset.Parse(utc, CultureInfo.InvariantCulture).ToUkDateTime());
    }

    [Fact]
    public void Dates_read_as_people_in_the_UK_write_them()
    {
        Assert.Equal("25 Nov 2026", new DateTimeOffset(2026, 11, 25, 23, 30, 0, TimeSpan.Zero).ToUkDate());
        Assert.Equal("1 Jul 2026", new DateTimeOffset(2026, 6, 30, 23, 30, 0, TimeSpan.Zero).ToUkDate());
    }
}
