using Catalog.Api.Errors;

namespace Catalog.Api.Paging;

public sealed record Edge<T>(string Cursor, T Node);

public sealed record PageInfo(bool HasNextPage, bool HasPreviousPage, string? StartCursor, string? EndCursor);

/// <summary>A Relay-style page of results.</summary>
public sealed record Connection<T>(IReadOnlyList<Edge<T>> Edges, PageInfo PageInfo, long TotalCount);

// Apart from Connection<T>: the schema maps that record's members to GraphQL fields.
public static class Connections
{
    /// <summary>The page size a client asked for with <c>first</c>, or the default; outside 0..<paramref name="max"/> is bad input.</summary>
    public static int PageSize(int? first, int byDefault, int max) =>
        (first ?? byDefault) is var size and >= 0 && size <= max
            ? size
            : throw new CatalogProblem(ErrorCode.BadUserInput, $"'first' must be between 0 and {max}.");

    /// <summary>
    /// The page from the rows read for it: up to <paramref name="pageSize"/> of them, and one more when a next page
    /// exists, so that is known without counting.
    /// </summary>
    public static Connection<T> FromRows<T>(IReadOnlyList<T> rows, int pageSize, bool afterCursor, Func<T, string> cursorOf, long total)
    {
        var edges = rows.Take(pageSize).Select(row => new Edge<T>(cursorOf(row), row)).ToList();
        return new Connection<T>(edges, new PageInfo(
            HasNextPage: rows.Count > pageSize,
            HasPreviousPage: afterCursor,
            StartCursor: edges.FirstOrDefault()?.Cursor,
            EndCursor: edges.LastOrDefault()?.Cursor), total);
    }
}
