using SafeguardingPortal.Components.Shared;
using SafeguardingPortal.Features.Consent;

namespace SafeguardingPortal.Features.Recordings;

/// <summary>Whether one participant may be recorded, and why not.</summary>
/// <param name="ChildId">For a child, who.</param>
/// <param name="StaffMemberId">For an adult, who.</param>
/// <param name="Name">Their name, to show who is missing.</param>
/// <param name="Consent">Their effective consent for "session recorded", by the consent module's rules.</param>
public sealed record CoverageLine(int? ChildId, int? StaffMemberId, string Name, string Detail, ConsentCell Consent)
{
    public bool Covered => Consent.Effective;
}

/// <summary>Every participant's consent for a session's recording.</summary>
public sealed record Coverage(IReadOnlyList<CoverageLine> Lines)
{
    public IReadOnlyList<CoverageLine> Missing => [.. Lines.Where(l => !l.Covered)];

    public bool Full => Lines.All(l => l.Covered);
}

/// <summary>The recordings' rules: retention, coverage before recording, when disposal is due and overdue.</summary>
public static class RecordingRules
{
    public const int TextLength = 1000;
    public const int StorageLength = 500;

    /// <summary>The last day a recording may be kept: the session's UK calendar date plus the retention period.</summary>
    public static DateOnly DeleteBy(DateTimeOffset sessionStartsAtUtc, int retentionDays) =>
        DateOnly.FromDateTime(sessionStartsAtUtc.ToUkTime().DateTime).AddDays(retentionDays);

    /// <summary>
    /// Who stops a session being marked as recorded: everyone in it without effective consent who has not
    /// been excluded from the recording by a recorded decision.
    /// </summary>
    public static IReadOnlyList<CoverageLine> Uncovered(Coverage coverage, IReadOnlyCollection<(int? ChildId, int? StaffMemberId)> excluded)
    {
        ArgumentNullException.ThrowIfNull(coverage);
        ArgumentNullException.ThrowIfNull(excluded);
        return [.. coverage.Missing.Where(l => !excluded.Contains((l.ChildId, l.StaffMemberId)))];
    }

    /// <summary>The retention task is raised on the delete-by day itself, so it is done by the end of that day.</summary>
    public static bool RetentionTaskDue(RecordingStatus status, DateOnly deleteBy, DateOnly today) =>
        status == RecordingStatus.Held && today >= deleteBy;

    /// <summary>An open task is overdue from the day after its due date.</summary>
    public static bool Overdue(DateTimeOffset? completedAtUtc, DateOnly dueBy, DateOnly today) => completedAtUtc is null && today > dueBy;

    /// <summary>The same as <see cref="Overdue"/>, as a database filter.</summary>
    public static IQueryable<DisposalTask> WhereOverdue(this IQueryable<DisposalTask> tasks, DateOnly today) => tasks.Where(t => t.CompletedAtUtc == null && today > t.DueBy);

    /// <summary>Not yet completed.</summary>
    public static IQueryable<DisposalTask> WhereOpen(this IQueryable<DisposalTask> tasks) => tasks.Where(t => t.CompletedAtUtc == null);

    /// <summary>Whether losing consent on this answer kind means recordings must go.</summary>
    public static bool AffectsRecordings(ConsentItemKind kind) => kind == ConsentItemKind.SessionRecorded;

    public static string Describe(DisposalReason reason) => reason switch
    {
        DisposalReason.ConsentWithdrawn => "Consent withdrawn",
        DisposalReason.ConsentRefused => "Consent refused after recording",
        _ => "Retention period ended",
    };
}
