using Catalog.Api.Errors;
using Catalog.Api.GraphQL.Schema;
using GraphQL.Transport;
using GraphQLParser.AST;

namespace Catalog.Api.GraphQL.Transport.WebSockets;

/// <summary>A connection's operations: each <c>subscribe</c> runs on its own and ends with one last message.</summary>
public sealed partial class GraphQLWebSocketConnection
{
    private async Task SubscribeAsync(ClientMessage message, CancellationToken ct)
    {
        if (!acknowledged)
            throw new CloseConnection(CloseCodes.Unauthorized, "Unauthorized");
        var id = message.Id!;
        var request = message.Request(services.Reader);
        if (operations.ContainsKey(id))
            throw new CloseConnection(CloseCodes.SubscriberAlreadyExists, $"Subscriber for {id} already exists");
        if (operations.Count >= services.Options.MaxOperationsPerConnection)
        {
            outbox.Send(services.Messages.Error(id, [new RefusedRequestError(ErrorCode.BadUserInput, "TOO_MANY_OPERATIONS",
                $"A connection may run at most {services.Options.MaxOperationsPerConnection} operations at once.")]));
            return;
        }
        if (confirmsRoles && !await RolesConfirmedAsync(id, ct))
            return;

        var nextPrefix = ServerMessages.NextPrefix(id);
        var operation = new Operation(id, lifetime.Token)
        {
            OnPayload = (_, payload) => outbox.Send(ServerMessages.Next(nextPrefix, payload.Span)),
            OnErrors = (op, errors) => End(op, services.Messages.Error(op.Id, errors)),
            OnEnd = op => End(op, services.Messages.Complete(op.Id)),
        };
        operations[id] = operation;
        _ = RunAsync(operation, request, message.Payload!.Value.GetRawText());
    }

    private async Task RunAsync(Operation operation, GraphQLRequest request, string payload)
    {
        try
        {
            var parsed = ParsedOperation.TryParse(request, services.Documents);
            if (parsed is { Type: OperationType.Subscription })
                await services.Subscriptions.SubscribeAsync(SubscriptionKey.For(user, payload), operation,
                    (provider, ct) => services.Runner.RunAsync(request, parsed.Document, user, provider, ct));
            else
                await RunOnceAsync(operation, request, parsed?.Document);
        }
        catch (OperationCanceledException) when (operation.Token.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            services.Logger.LogError(e, "GraphQL operation {Id} over WebSocket failed", operation.Id);
            End(operation, services.Messages.Error(operation.Id, [ServerMessages.Internal()]));
        }
    }

    /// <summary>
    /// A new operation of a connection that runs with a role beyond <c>user</c> gets it only while the account holds it:
    /// one that is gone closes the connection with 4403, like the periodic check. A database that cannot tell refuses
    /// this operation alone (CATALOG_UNAVAILABLE), as HTTP refuses a request then.
    /// </summary>
    private async Task<bool> RolesConfirmedAsync(string id, CancellationToken ct)
    {
        bool held;
        try
        {
            held = await services.Authenticator.RolesStillHeldAsync(user, ct);
        }
        catch (Exception e) when (!ct.IsCancellationRequested && CatalogUnavailable.Is(e))
        {
            outbox.Send(services.Messages.Error(id, [new RefusedRequestError(ErrorCode.CatalogUnavailable, null, CatalogUnavailable.Message)]));
            return false;
        }
        return held ? true : throw CloseConnection.RoleRevoked();
    }

    /// <summary>A query or mutation (or a document that does not parse): one result, then complete.</summary>
    private async Task RunOnceAsync(Operation operation, GraphQLRequest request, GraphQLDocument? document)
    {
        await using var scope = services.Scopes.CreateAsyncScope();
        var result = await services.Runner.RunAsync(request, document, user, scope.ServiceProvider, operation.Token);
        if (!result.Executed || result.Streams is { Count: > 0 })
            End(operation, services.Messages.Error(operation.Id, result.Errors ?? [ServerMessages.Internal()]));
        else if (!operation.Finished && outbox.Send(services.Messages.Next(operation.Id, result)))
            End(operation, services.Messages.Complete(operation.Id));
    }

    /// <summary>Sends an operation's last message, unless the client completed it first.</summary>
    private void End(Operation operation, byte[] lastMessage)
    {
        if (operations.TryRemove(new KeyValuePair<string, Operation>(operation.Id, operation)) && operation.Stop())
            outbox.Send(lastMessage);
    }
}
