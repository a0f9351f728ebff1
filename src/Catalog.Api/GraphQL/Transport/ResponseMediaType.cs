using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace Catalog.Api.GraphQL.Transport;

/// <summary>Content negotiation of the GraphQL-over-HTTP spec.</summary>
public static class ResponseMediaType
{
    public const string GraphQLResponse = "application/graphql-response+json";
    public const string Json = "application/json";

    /// <summary>
    /// The media type to answer with, or null when the client accepts neither. <c>application/json</c> wins when
    /// the Accept header is missing or a wildcard, for clients written before the new media type.
    /// </summary>
    public static string? Negotiate(StringValues accept)
    {
        if (StringValues.IsNullOrEmpty(accept) || !MediaTypeHeaderValue.TryParseList(accept, out var accepted))
            return Json;

        var best = accepted
            .Where(a => a.Quality is null or > 0)
            .OrderByDescending(a => a.Quality ?? 1)
            .Select(a => a.MediaType.Value?.ToLowerInvariant())
            .FirstOrDefault(m => m is GraphQLResponse or Json or "application/*" or "*/*");
        return best switch
        {
            null => null,
            GraphQLResponse => GraphQLResponse,
            _ => Json,
        };
    }
}
