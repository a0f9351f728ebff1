using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Security.Claims;
using Catalog.Api.Auth;
using Catalog.Api.Errors;

namespace Catalog.Api.GraphQL.Transport.WebSockets;

/// <summary>
/// One graphql-transport-ws connection: reads client messages in order, runs each <c>subscribe</c> on its own,
/// and sends everything through the <see cref="Outbox"/>. Any protocol violation closes it with the protocol's code.
/// </summary>
public sealed partial class GraphQLWebSocketConnection(
    WebSocket socket, WebSocketAuthenticator.Authenticated? upgradeUser, WebSocketServices services)
{
    /// <summary>How long the server, having sent its close frame, reads on for the client's answer.</summary>
    private static readonly TimeSpan ClientCloseGrace = TimeSpan.FromSeconds(5);

    private readonly Outbox outbox = new(socket, services.Options.MaxPendingMessages, services.Options.MaxPendingBytes, services.Time);
    private readonly ConcurrentDictionary<string, Operation> operations = new();
    private readonly CancellationTokenSource lifetime = new();
    private ConnectionTimers? timers;
    private ConnectionTimers Timers => timers ??= new(outbox, services);
    private int initReceived;
    private volatile bool acknowledged;
    // A token refused on the upgrade request names no one until connection_init brings one of its own.
    private ClaimsPrincipal user = upgradeUser?.User ?? new ClaimsPrincipal(new ClaimsIdentity());
    private bool counted;
    private Guid? countedUser;
    // Set at connection_init: it runs with a role beyond user that is confirmed again at each subscribe and periodically.
    private bool confirmsRoles;

    public async Task RunAsync(CancellationToken aborted, CancellationToken serverStopping)
    {
        try
        {
            await RunUntilClosedAsync(aborted, serverStopping);
        }
        finally
        {
            if (counted)
                services.Connections.Close(countedUser);
        }
    }

    private async Task RunUntilClosedAsync(CancellationToken aborted, CancellationToken serverStopping)
    {
        // The host waits for open requests before it stops: left open, a socket would hold shutdown until its timeout.
        using var goingAway = serverStopping.Register(
            () => outbox.Close(new CloseConnection(CloseCodes.GoingAway, "Server shutting down")));
        using var stopReading = new CancellationTokenSource(Timeout.InfiniteTimeSpan, services.Time);
        using var readable = CancellationTokenSource.CreateLinkedTokenSource(aborted, stopReading.Token);
        var writing = outbox.RunAsync(aborted);
        _ = Timers.CloseUnlessInitialisedAsync(() => Volatile.Read(ref initReceived) == 1, lifetime.Token);
        _ = Timers.KeepAliveAsync(lifetime.Token);
        var reading = ReadUntilClosedAsync(readable.Token);

        await writing; // its close frame is sent, or the socket is gone
        await lifetime.CancelAsync();
        // Cancelling a pending receive aborts the socket, and an abort can drop the close frame still on its way out:
        // the client would see a reset instead of the code. So the read goes on until the client answers the close.
        stopReading.CancelAfter(ClientCloseGrace);
        await reading;
        foreach (var operation in operations.Values)
            operation.Stop();
    }

    private async Task ReadUntilClosedAsync(CancellationToken ct)
    {
        try
        {
            await new ClientMessageReader(socket, services.Options.MaxMessageBytes).ForEachAsync(HandleAsync, ct);
            outbox.Close(new CloseConnection(CloseCodes.Normal, "")); // the client closed: answer its close
        }
        catch (CloseConnection close)
        {
            outbox.Close(close);
        }
        // The client went away: a reset, a disposed socket ("the remote end closed the connection"), or the server stopping.
        catch (Exception e) when (e is OperationCanceledException or WebSocketException or IOException)
        {
            outbox.Close(new CloseConnection(CloseCodes.Normal, ""));
        }
        catch (Exception e)
        {
            services.Logger.LogError(e, "A GraphQL WebSocket connection failed");
            outbox.Close(new CloseConnection(CloseCodes.InternalServerError, "Internal server error"));
        }
    }

    private async Task HandleAsync(ClientMessage message, CancellationToken ct)
    {
        if (outbox.Closing is not null)
            return; // read only to reach the client's close frame
        switch (message.Type)
        {
            case ClientMessage.Ping:
                outbox.Send(services.Messages.Pong());
                break;
            case ClientMessage.Pong:
                break;
            case ClientMessage.ConnectionInit:
                await InitialiseAsync(message, ct);
                break;
            case ClientMessage.Subscribe:
                await SubscribeAsync(message, ct);
                break;
            case ClientMessage.Complete:
                if (operations.TryRemove(message.Id!, out var operation))
                    operation.Stop();
                break;
        }
    }

    private async Task InitialiseAsync(ClientMessage message, CancellationToken ct)
    {
        if (Interlocked.Exchange(ref initReceived, 1) == 1)
            throw new CloseConnection(CloseCodes.TooManyInitialisationRequests, "Too many initialisation requests");

        var authenticated = upgradeUser;
        if (message.Authorization() is { } authorization)
        {
            const string scheme = "Bearer ";
            var token = authorization.StartsWith(scheme, StringComparison.OrdinalIgnoreCase) ? authorization[scheme.Length..].Trim() : "";
            authenticated = (token.Length == 0 ? null : await AuthenticateAsync(token, ct))
                ?? throw new CloseConnection(CloseCodes.Forbidden, "Forbidden: the token is not valid");
        }
        if (authenticated is null)
            throw new CloseConnection(CloseCodes.Forbidden, "Forbidden: the upgrade request's token is not valid");
        var key = authenticated.User.UserIdOrNull();
        if (!services.Connections.TryOpen(key))
            throw new CloseConnection(CloseCodes.PolicyViolation, key is null
                ? $"Too many connections without a token: at most {services.Options.MaxAnonymousConnections}; send one in connection_init"
                : $"Too many connections: at most {services.Options.MaxConnectionsPerUser} per user");
        (counted, countedUser) = (true, key);
        var runsAs = user = authenticated.User;
        if (authenticated.ExpiresAt is { } expiresAt)
            _ = Timers.CloseWhenExpiredAsync(expiresAt, lifetime.Token);
        confirmsRoles = services.Authenticator.ConfirmsRolesOf(runsAs);
        if (confirmsRoles)
            _ = Timers.CloseWhenRoleRevokedAsync(token => services.Authenticator.RolesStillHeldAsync(runsAs, token), lifetime.Token);

        acknowledged = true;
        outbox.Send(services.Messages.ConnectionAck());
    }

    /// <summary>
    /// A wider role's confirmation that the database cannot answer, or an external issuer whose keys cannot be fetched,
    /// closes with 1013, which graphql-ws clients retry, rather than 4500, on which they give up: the token may be
    /// good, and the next try may confirm it.
    /// </summary>
    private async Task<WebSocketAuthenticator.Authenticated?> AuthenticateAsync(string token, CancellationToken ct)
    {
        try
        {
            return await services.Authenticator.AuthenticateAsync(token, ct);
        }
        catch (Exception e) when (!ct.IsCancellationRequested && CatalogUnavailable.Is(e))
        {
            services.Logger.LogWarning("A WebSocket's token could not be checked, the catalog is unavailable: {Error}", e.Message);
            throw new CloseConnection(CloseCodes.TryAgainLater, "Try again later: the catalog's database is unavailable");
        }
        catch (IdentityProviderUnavailableException) when (!ct.IsCancellationRequested)
        {
            throw new CloseConnection(CloseCodes.TryAgainLater, "Try again later: the identity provider is unavailable");
        }
    }
}
