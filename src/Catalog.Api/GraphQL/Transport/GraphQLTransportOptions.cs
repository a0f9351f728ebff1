namespace Catalog.Api.GraphQL.Transport;

/// <summary><c>GraphQL</c>: limits of the HTTP transport.</summary>
public sealed class GraphQLTransportOptions
{
    public const string Section = "GraphQL";

    /// <summary>Largest JSON request body (and multipart <c>operations</c>/<c>map</c> part) accepted.</summary>
    public int MaxRequestBytes { get; set; } = 1024 * 1024;
}
