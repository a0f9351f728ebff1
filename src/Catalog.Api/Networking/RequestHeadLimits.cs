using System.Text;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Catalog.Api.Networking;

/// <summary>
/// The service's limits on a request's line and headers, with a problem body that says which one was passed. Kestrel
/// refuses a request over its own limits with a bare 414 or 431 before any middleware runs, so its limits are raised to
/// twice the service's (ADR 0113): between the two, the request reaches this check and gets words; past Kestrel's
/// raised limit it still gets the bare status. The service's limits are Kestrel's defaults: configuration under
/// <c>Kestrel:Limits</c> is not bound to Kestrel's options, only code could change them.
/// </summary>
public sealed class RequestHeadLimits
{
    public int MaxRequestLineBytes { get; private set; }
    public int MaxHeaderBytes { get; private set; }
    public int MaxHeaderCount { get; private set; }

    internal void TakeFrom(KestrelServerLimits kestrel)
    {
        if (MaxRequestLineBytes != 0)
            return;
        MaxRequestLineBytes = kestrel.MaxRequestLineSize;
        MaxHeaderBytes = kestrel.MaxRequestHeadersTotalSize;
        MaxHeaderCount = kestrel.MaxRequestHeaderCount;
        kestrel.MaxRequestLineSize = Twice(MaxRequestLineBytes);
        kestrel.MaxRequestHeadersTotalSize = Twice(MaxHeaderBytes);
        kestrel.MaxRequestHeaderCount = Twice(MaxHeaderCount);
    }

    private static int Twice(int limit) => limit > int.MaxValue / 2 ? int.MaxValue : limit * 2;

    /// <summary>The refusal for a request over a limit, or null. Sizes are counted as HTTP/1.1 sends them.</summary>
    public (int Status, string Title)? Refusal(HttpContext http)
    {
        if (MaxRequestLineBytes == 0)
            return null; // no Kestrel (the in-memory test server): nothing was raised, nothing to check
        var request = http.Request;
        var target = http.Features.Get<IHttpRequestFeature>()?.RawTarget ?? request.Path + request.QueryString;
        var line = request.Method.Length + 1 + target.Length + 1 + request.Protocol.Length + 2; // with its CRLF, as Kestrel counts
        if (line > MaxRequestLineBytes)
            return (StatusCodes.Status414UriTooLong,
                $"The request line is {line} bytes, over the limit of {MaxRequestLineBytes}: send a long GraphQL query with POST, not GET.");

        var count = 0;
        var bytes = 0;
        foreach (var (name, values) in request.Headers)
            foreach (var value in values)
            {
                count++;
                bytes += name.Length + 2 + BytesAsSent(value) + 2;
            }
        if (count > MaxHeaderCount)
            return (StatusCodes.Status431RequestHeaderFieldsTooLarge, $"The request has {count} headers, over the limit of {MaxHeaderCount}.");
        if (bytes > MaxHeaderBytes)
            return (StatusCodes.Status431RequestHeaderFieldsTooLarge, $"The request's headers are {bytes} bytes, over the limit of {MaxHeaderBytes}.");
        return null;
    }

    /// <summary>
    /// Kestrel counts bytes: a header it decoded as UTF-8 (a raw <c>X-File-Name</c>, NameHeaderEncoding) has more of them
    /// than characters, and each replacement character there stands for one byte that was not UTF-8.
    /// </summary>
    private static int BytesAsSent(string? value) =>
        value is null ? 0 : Encoding.UTF8.GetByteCount(value) - 2 * value.AsSpan().Count('\uFFFD');
}
