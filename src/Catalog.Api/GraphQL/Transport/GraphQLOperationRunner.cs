using System.Security.Claims;
using GraphQL;
using GraphQL.Transport;
using GraphQL.Types;
using GraphQLParser.AST;

namespace Catalog.Api.GraphQL.Transport;

/// <summary>Runs one operation for either transport, so HTTP and WebSocket share the schema, limits and error shaping.</summary>
public sealed class GraphQLOperationRunner(IDocumentExecuter executer, ISchema schema)
{
    /// <summary>The user context's entry for why the request's token was refused (<see cref="Auth.TokenRefusal"/>).</summary>
    public const string TokenRefusalKey = "tokenRefusal";

    public Task<ExecutionResult> RunAsync(
        GraphQLRequest request, GraphQLDocument? document, ClaimsPrincipal? user, IServiceProvider services, CancellationToken ct,
        string? tokenRefusal = null) =>
        executer.ExecuteAsync(new ExecutionOptions
        {
            Schema = schema,
            Query = request.Query,
            Document = document,
            OperationName = request.OperationName,
            Variables = request.Variables,
            Extensions = request.Extensions,
            RequestServices = services,
            User = user,
            UserContext = new Dictionary<string, object?> { [TokenRefusalKey] = tokenRefusal },
            CancellationToken = ct,
        });
}
