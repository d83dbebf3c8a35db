using SafeguardingPortal.Features.Consent;
using SafeguardingPortal.Features.Recordings;

namespace SafeguardingPortal.Tests.Features.Recordings;

public sealed class RecordingRulesTests
{
    [Theory]
    [InlineData("2026-06-30T23:30:00Z", 30, "2026-07-31")] // 00:30 on 1 July in British Summer Time
    [InlineData("2026-12-01T10:00:00Z", 30, "2026-12-31")]
    [InlineData("2026-12-01T10:00:00Z", 1, "2026-12-02")]
    public void The_delete_by_date_is_the_sessions_UK_date_plus_the_retention_period(string startsAtUtc, int days, string expected) =>
        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), RecordingRules.DeleteBy(DateTimeOffset.Parse(startsAtUtc, System.Globalization.CultureInfo.InvariantCulture), days));

    [Fact]
    public void A_retention_task_is_due_on_the_delete_by_day_and_overdue_the_day_after()
    {
        var deleteBy = new DateOnly(2026, 12, 31);
        Assert.False(RecordingRules.RetentionTaskDue(RecordingStatus.Held, deleteBy, deleteBy.AddDays(-1)));
        Assert.True(RecordingRules.RetentionTaskDue(RecordingStatus.Held, deleteBy, deleteBy));
        Assert.False(RecordingRules.RetentionTaskDue(RecordingStatus.Disposed, deleteBy, deleteBy.AddDays(5)));
        Assert.False(RecordingRules.Overdue(null, deleteBy, deleteBy));
        Assert.True(RecordingRules.Overdue(null, deleteBy, deleteBy.AddDays(1)));
        Assert.False(RecordingRules.Overdue(DateTimeOffset.UtcNow, deleteBy, deleteBy.AddDays(1)));
    }

    [Fact]
    public void Everyone_without_effective_consent_blocks_recording_unless_excluded_by_name()
    {
        var coverage = new Coverage(
        [
            new CoverageLine(1, null, "Ada", "Child", new ConsentCell(ConsentCellStatus.Given, true)),
            new CoverageLine(2, null, "Ben", "Child", new ConsentCell(ConsentCellStatus.Withdrawn, false)),
            new CoverageLine(null, 2, "Sam", "Staff", ConsentCell.NotRequested),
        ]);
        Assert.Equal(["Ben", "Sam"], RecordingRules.Uncovered(coverage, []).Select(l => l.Name));

        // Excluding the member of staff with id 2 does not excuse the child with id 2.
        Assert.Equal(["Ben"], RecordingRules.Uncovered(coverage, [(null, 2)]).Select(l => l.Name));
        Assert.Empty(RecordingRules.Uncovered(coverage, [(null, 2), (2, null)]));
    }

    [Theory]
    [InlineData(ConsentItemKind.SessionRecorded, true)]
    [InlineData(ConsentItemKind.Livestream, false)]
    [InlineData(ConsentItemKind.PhotosShared, false)]
    public void Only_losing_recording_consent_disposes_of_recordings(ConsentItemKind kind, bool affects) =>
        Assert.Equal(affects, RecordingRules.AffectsRecordings(kind));
}
