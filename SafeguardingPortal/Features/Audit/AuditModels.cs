using SafeguardingPortal.Infrastructure.Audit;

namespace SafeguardingPortal.Features.Audit;

public enum AuditSort
{
    Sequence,
    OccurredAt,
    Actor,
    Action,
    Record,
}

/// <summary>What the audit page and its CSV export filter and sort by.</summary>
public sealed record AuditQuery
{
    public DateOnly? From { get; init; }

    public DateOnly? To { get; init; }

    public string? Actor { get; init; }

    public string? Action { get; init; }

    public string? EntityType { get; init; }

    public string? EntityKey { get; init; }

    public AuditSort Sort { get; init; } = AuditSort.Sequence;

    public bool Descending { get; init; } = true;

    public int Page { get; init; }

    public int PageSize { get; init; } = 25;
}

/// <summary>One event as the audit page shows it.</summary>
public sealed record AuditRow(
    long Sequence,
    DateTimeOffset OccurredAtUtc,
    AuditActorKind ActorKind,
    string ActorName,
    string IpAddress,
    string Action,
    string EntityType,
    string EntityKey,
    string Summary,
    IReadOnlyList<FieldChange> Changes,
    string RawChanges);

public sealed record AuditPage(IReadOnlyList<AuditRow> Rows, int TotalCount);
