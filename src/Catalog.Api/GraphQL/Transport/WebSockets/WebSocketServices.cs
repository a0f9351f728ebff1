using GraphQL.Execution;

namespace Catalog.Api.GraphQL.Transport.WebSockets;

/// <summary>What every connection shares.</summary>
public sealed record WebSocketServices(
    GraphQLOperationRunner Runner,
    GraphQLRequestReader Reader,
    IDocumentBuilder Documents,
    SharedSubscriptions Subscriptions,
    ServerMessages Messages,
    WebSocketAuthenticator Authenticator,
    UserConnections Connections,
    IServiceScopeFactory Scopes,
    GraphQLWebSocketOptions Options,
    TimeProvider Time,
    ILogger Logger);
