using GraphQL;
using GraphQL.Execution;
using GraphQL.Transport;
using GraphQLParser.AST;

namespace Catalog.Api.GraphQL.Transport;

/// <summary>A request's document, parsed once by the transport, and the type of the operation it selects.</summary>
public sealed record ParsedOperation(GraphQLDocument Document, OperationType? Type)
{
    /// <summary>Null when the document does not parse or breaks a parser limit: the executer builds it again and reports why.</summary>
    public static ParsedOperation? TryParse(GraphQLRequest request, IDocumentBuilder documents)
    {
        GraphQLDocument document;
        try
        {
            document = documents.Build(request.Query!);
        }
        catch (ExecutionError)
        {
            return null;
        }

        var operations = document.Definitions.OfType<GraphQLOperationDefinition>().ToList();
        var operation = request.OperationName is { } name
            ? operations.FirstOrDefault(o => o.Name?.StringValue == name)
            : operations.Count == 1 ? operations[0] : null;
        return new ParsedOperation(document, operation?.Operation);
    }
}
