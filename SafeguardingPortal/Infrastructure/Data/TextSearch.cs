using System.Linq.Expressions;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace SafeguardingPortal.Infrastructure.Data;

/// <summary>
/// The one seam for "contains" searches in lists: case-insensitive on every provider. SQLite's LIKE
/// already ignores case (for Latin letters); PostgreSQL's does not, so there the same search is ILIKE.
/// Wildcards typed by the user (%, _) are matched literally.
/// </summary>
public static class TextSearch
{
    private static readonly MethodInfo Like = typeof(DbFunctionsExtensions).GetMethod(
        nameof(DbFunctionsExtensions.Like), [typeof(DbFunctions), typeof(string), typeof(string), typeof(string)])!;

    private static readonly MethodInfo ILike = typeof(NpgsqlDbFunctionsExtensions).GetMethod(
        nameof(NpgsqlDbFunctionsExtensions.ILike), [typeof(DbFunctions), typeof(string), typeof(string), typeof(string)])!;

    /// <summary>Keeps the rows where any of <paramref name="fields"/> contains <paramref name="term"/>, ignoring case.</summary>
    public static IQueryable<T> WhereContains<T>(this IQueryable<T> source, DatabaseFacade database, string term, params Expression<Func<T, string?>>[] fields)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(fields);
        if (fields.Length == 0)
        {
            throw new ArgumentException("Name at least one field to search.", nameof(fields));
        }

        var pattern = ContainsPattern(term);
        // Read from a closure, so EF sends the pattern as a parameter and reuses the query plan.
        Expression<Func<string>> patternValue = () => pattern;
        var like = database.IsNpgsql() ? ILike : Like;
        var row = Expression.Parameter(typeof(T), "row");
        Expression? any = null;
        foreach (var field in fields)
        {
            var value = new ReplaceParameter(field.Parameters[0], row).Visit(field.Body);
            var match = Expression.Call(like, Expression.Constant(EF.Functions), value, patternValue.Body, Expression.Constant("\\"));
            any = any is null ? match : Expression.OrElse(any, match);
        }

        return source.Where(Expression.Lambda<Func<T, bool>>(any!, row));
    }

    /// <summary>A LIKE pattern for "contains", with the wildcard characters in the term escaped (escape character '\').</summary>
    public static string ContainsPattern(string term)
    {
        ArgumentNullException.ThrowIfNull(term);
        return "%" + term.Trim().Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";
    }

    private sealed class ReplaceParameter(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : base.VisitParameter(node);
    }
}
