using System.Net.WebSockets;
using GraphQL.Execution;
using Microsoft.Extensions.Options;

namespace Catalog.Api.GraphQL.Transport.WebSockets;

/// <summary>The WebSocket side of <c>/graphql</c>: the graphql-transport-ws subprotocol only (else close 4406).</summary>
public sealed class GraphQLWebSocketEndpoint(
    GraphQLOperationRunner runner, GraphQLRequestReader reader, IDocumentBuilder documents, SharedSubscriptions subscriptions,
    ServerMessages messages, WebSocketAuthenticator authenticator, UserConnections connections,
    IServiceScopeFactory scopes, IOptions<GraphQLWebSocketOptions> options,
    WebSocketClock clock, IHostApplicationLifetime application, ILogger<GraphQLWebSocketEndpoint> logger)
{
    public const string SubProtocol = "graphql-transport-ws";

    private readonly WebSocketServices services = new(runner, reader, documents, subscriptions, messages, authenticator, connections, scopes, options.Value, clock.Time, logger);

    /// <summary>
    /// WebSocket ping frames go out every <see cref="GraphQLWebSocketOptions.KeepAliveInterval"/>; a client whose
    /// stack answers none within <see cref="GraphQLWebSocketOptions.KeepAliveTimeout"/> (frozen, or gone without a
    /// close, its TCP connection half-open) is dropped, and so is what it held.
    /// </summary>
    private static WebSocketAcceptContext AcceptContext(GraphQLWebSocketOptions options) => new()
    {
        SubProtocol = SubProtocol,
        KeepAliveInterval = options.KeepAliveInterval,
        KeepAliveTimeout = options.KeepAliveInterval > TimeSpan.Zero && options.KeepAliveTimeout > TimeSpan.Zero
            ? options.KeepAliveTimeout
            : Timeout.InfiniteTimeSpan,
    };

    public async Task HandleAsync(HttpContext http)
    {
        if (!http.WebSockets.WebSocketRequestedProtocols.Contains(SubProtocol))
        {
            using var refused = await http.WebSockets.AcceptWebSocketAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await refused.CloseOutputAsync((WebSocketCloseStatus)CloseCodes.SubprotocolNotAcceptable, "Subprotocol not acceptable", timeout.Token);
            return;
        }

        var upgradeUser = await authenticator.UpgradeUserAsync(http);
        using var socket = await http.WebSockets.AcceptWebSocketAsync(AcceptContext(services.Options));
        await new GraphQLWebSocketConnection(socket, upgradeUser, services).RunAsync(http.RequestAborted, application.ApplicationStopping);
    }
}
