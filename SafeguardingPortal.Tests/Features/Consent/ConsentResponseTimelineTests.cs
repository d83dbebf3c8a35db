using SafeguardingPortal.Features.Consent;

namespace SafeguardingPortal.Tests.Features.Consent;

/// <summary>The counting behind an activity's response chart: given, refused or withdrawn, awaiting, day by day.</summary>
public sealed class ConsentResponseTimelineTests
{
    // Thursday 3 December 2026, 15:00 in London (GMT).
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 15, 0, 0, TimeSpan.Zero);

    private static DateTimeOffset Day(int day, int hour = 10) => new(2026, 12, day, hour, 0, 0, TimeSpan.Zero);

    private static InvitationMoments Sent(DateTimeOffset at, DateTimeOffset? answered = null, bool refused = false, DateTimeOffset? withdrawn = null, DateTimeOffset? expires = null, DateTimeOffset? revoked = null) =>
        new(at, answered, refused, withdrawn, expires ?? at.AddDays(14), revoked);

    [Fact]
    public void No_invitations_give_no_chart()
    {
        Assert.True(ConsentResponseTimeline.Build([], Now).IsEmpty);
    }

    [Fact]
    public void Each_day_counts_answers_given_refused_and_withdrawn_and_those_still_awaiting()
    {
        InvitationMoments[] invitations =
        [
            Sent(Day(1), answered: Day(2)), // given on the 2nd
            Sent(Day(1), answered: Day(2), refused: true), // an item refused on the 2nd
            Sent(Day(1), answered: Day(1, 12), withdrawn: Day(3, 9)), // given on the 1st, withdrawn this morning
            Sent(Day(1)), // still awaiting
            Sent(Day(1), revoked: Day(2, 9)), // withdrawn by staff on the 2nd: no longer awaiting
            Sent(Day(1), expires: Day(3, 12)), // expired at noon today
            Sent(Day(3, 14)), // sent an hour ago
        ];

        var timeline = ConsentResponseTimeline.Build(invitations, Now);

        Assert.Equal(["1 Dec", "2 Dec", "3 Dec"], timeline.Points);
        Assert.Equal([1, 2, 1], timeline.Given);
        Assert.Equal([0, 1, 2], timeline.Refused);
        Assert.Equal([5, 2, 2], timeline.Awaiting);
        Assert.Equal(["Consent given", "Refused or withdrawn", "Awaiting an answer"], timeline.Series.Select(s => s.Name));
    }

    [Fact]
    public void An_invitation_expiring_later_today_still_awaits_an_answer_now()
    {
        var timeline = ConsentResponseTimeline.Build([Sent(Day(1), expires: Day(3, 20))], Now);

        Assert.Equal(1, timeline.Awaiting[^1]);
    }

    [Fact]
    public void Past_a_month_the_points_are_weekly_ending_today_and_at_most_twenty_six()
    {
        var longAgo = Now.AddDays(-400);

        var timeline = ConsentResponseTimeline.Build([Sent(longAgo, answered: longAgo.AddDays(1)), Sent(Now.AddDays(-40), expires: Now.AddDays(100))], Now);

        Assert.Equal(ConsentResponseTimeline.MaxPoints, timeline.Points.Count);
        Assert.Equal("w/e 3 Dec", timeline.Points[^1]);
        Assert.Equal("w/e 26 Nov", timeline.Points[^2]);
        Assert.All(timeline.Given, g => Assert.Equal(1, g));
        Assert.Equal(1, timeline.Awaiting[^1]);
        Assert.Equal(0, timeline.Awaiting[0]);
    }
}
