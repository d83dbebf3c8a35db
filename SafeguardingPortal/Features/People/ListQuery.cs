namespace SafeguardingPortal.Features.People;

/// <summary>What a register's list asks for: a search, one filter, a sort key from the page's fixed list, and a page.</summary>
public sealed record ListQuery
{
    public string? Search { get; init; }

    /// <summary>A register-specific filter (a child's group, a staff check status, an activity kind).</summary>
    public string? Filter { get; init; }

    public string? SortBy { get; init; }

    public bool Descending { get; init; }

    public int Page { get; init; }

    public int PageSize { get; init; } = 25;

    /// <summary>Everything that matches, for CSV export.</summary>
    public ListQuery AllPages() => this with { Page = 0, PageSize = int.MaxValue };
}

public sealed record ListPage<T>(IReadOnlyList<T> Rows, int TotalCount);

public static class ListQueryExtensions
{
    public static async Task<ListPage<TRow>> ToPageAsync<TEntity, TRow>(
        this IQueryable<TEntity> query, ListQuery list, System.Linq.Expressions.Expression<Func<TEntity, TRow>> project, CancellationToken ct)
    {
        var total = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(query, ct);
        // A page the browser asks for is at most 1,000 rows; only an export asks for everything.
        var size = list.PageSize == int.MaxValue ? int.MaxValue : Math.Clamp(list.PageSize, 1, 1_000);
        var paged = size == int.MaxValue ? query : query.Skip(Math.Max(0, list.Page) * size).Take(size);
        var rows = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(paged.Select(project), ct);
        return new ListPage<TRow>(rows, total);
    }
}
