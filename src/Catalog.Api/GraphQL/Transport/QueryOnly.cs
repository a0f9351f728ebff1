using GraphQL;
using GraphQL.Execution;
using GraphQL.Transport;
using GraphQLParser.AST;

namespace Catalog.Api.GraphQL.Transport;

/// <summary>GET may only run queries (GraphQL-over-HTTP): a mutation or subscription over GET is 405.</summary>
internal static class QueryOnly
{
    public static GraphQLDocument? Parse(GraphQLRequest request, IDocumentBuilder documents)
    {
        GraphQLDocument document;
        try
        {
            document = documents.Build(request.Query!);
        }
        catch (ExecutionError)
        {
            return null; // the executer builds it again and reports the syntax error or the limit in the response
        }

        var operations = document.Definitions.OfType<GraphQLOperationDefinition>().ToList();
        var operation = request.OperationName is { } name
            ? operations.FirstOrDefault(o => o.Name?.StringValue == name)
            : operations.Count == 1 ? operations[0] : null;
        if (operation is { Operation: not OperationType.Query })
            throw new TransportError(StatusCodes.Status405MethodNotAllowed, "Only queries may be sent with GET; use POST.")
            {
                Allow = "POST",
            };
        return document;
    }
}
