using GraphQL.Execution;
using GraphQL.Transport;
using GraphQLParser.AST;

namespace Catalog.Api.GraphQL.Transport;

/// <summary>GET may only run queries (GraphQL-over-HTTP): a mutation or subscription over GET is 405.</summary>
internal static class QueryOnly
{
    public static GraphQLDocument? Parse(GraphQLRequest request, IDocumentBuilder documents)
    {
        var parsed = ParsedOperation.TryParse(request, documents);
        if (parsed is { Type: not null and not OperationType.Query })
            throw new TransportError(StatusCodes.Status405MethodNotAllowed, "Only queries may be sent with GET; use POST.")
            {
                Allow = "POST",
            };
        return parsed?.Document;
    }
}
