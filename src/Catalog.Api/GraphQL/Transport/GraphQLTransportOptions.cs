namespace Catalog.Api.GraphQL.Transport;

/// <summary><c>GraphQL</c>: what the transports accept.</summary>
public sealed class GraphQLTransportOptions
{
    public const string Section = "GraphQL";

    /// <summary>Largest JSON request body (and multipart <c>operations</c>/<c>map</c> part) accepted.</summary>
    public int MaxRequestBytes { get; set; } = 1024 * 1024;

    /// <summary><c>__schema</c> and <c>__type</c> answer only when on; appsettings.Development.json turns it on.</summary>
    public bool Introspection { get; set; }

    public BatchingOptions Batching { get; set; } = new();

    /// <summary><c>GraphQL:Batching</c>: a JSON array of operations in one POST, answered with an array of results.</summary>
    public sealed class BatchingOptions
    {
        public bool Enabled { get; set; }
        public int MaxBatchSize { get; set; } = 10;
    }
}
