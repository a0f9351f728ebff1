using Catalog.Sync.Storage;
using Microsoft.Net.Http.Headers;

namespace Catalog.Api.Files.Download;

public enum ContentOutcome
{
    PreconditionFailed,
    NotModified,
    Whole,
    Part,
    Unsatisfiable,
}

/// <summary>What a GET of a file's content asks for, after its conditional and Range headers (RFC 9110).</summary>
public readonly record struct ContentRequest(ContentOutcome Outcome, ByteRange? Range)
{
    public static ContentRequest Of(HttpRequest request, long size, EntityTagHeaderValue etag)
    {
        var headers = request.GetTypedHeaders();
        // If-Match first, by strong comparison (RFC 9110 13.2.2). If-Unmodified-Since is ignored: files have no
        // modification date here, only their tag.
        if (request.Headers.IfMatch.Count > 0
            && !headers.IfMatch.Any(tag => tag.Equals(EntityTagHeaderValue.Any) || tag.Compare(etag, useStrongComparison: true)))
            return new(ContentOutcome.PreconditionFailed, null);
        if (headers.IfNoneMatch.Any(tag => tag.Equals(EntityTagHeaderValue.Any) || tag.Compare(etag, useStrongComparison: false)))
            return new(ContentOutcome.NotModified, null);

        // A Range the server does not understand, or one of several ranges, is ignored: the whole file is a valid answer.
        if (headers.Range is not { Ranges.Count: 1 } range
            || !string.Equals(range.Unit.Value, "bytes", StringComparison.OrdinalIgnoreCase)
            || !IfRangeHolds(request.Headers.IfRange.Count > 0, headers.IfRange, etag))
            return new(ContentOutcome.Whole, null);

        var item = range.Ranges.Single();
        return Satisfiable(item.From, item.To, size) is { } part
            ? new(ContentOutcome.Part, part)
            : new(ContentOutcome.Unsatisfiable, null);
    }

    // An If-Range that does not parse cannot match: the Range is then ignored, as for any validator that does not.
    private static bool IfRangeHolds(bool sent, RangeConditionHeaderValue? ifRange, EntityTagHeaderValue etag) =>
        !sent || (ifRange?.EntityTag is { } tag && tag.Compare(etag, useStrongComparison: true));

    private static ByteRange? Satisfiable(long? from, long? to, long size)
    {
        if (from is { } first)
            return first < size ? new ByteRange(first, Math.Min(to ?? size - 1, size - 1) - first + 1) : null;
        // "bytes=-N": the last N bytes.
        if (to is not { } suffix || suffix == 0 || size == 0)
            return null;
        var start = Math.Max(0, size - suffix);
        return new ByteRange(start, size - start);
    }
}
