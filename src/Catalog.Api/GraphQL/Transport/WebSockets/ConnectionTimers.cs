using Catalog.Api.Errors;

namespace Catalog.Api.GraphQL.Transport.WebSockets;

/// <summary>
/// The protocol's clocks for one connection: the init deadline (4408), keep-alive pings, token expiry and revoked roles
/// (4403).
/// </summary>
public sealed class ConnectionTimers(Outbox outbox, WebSocketServices services)
{
    public async Task CloseUnlessInitialisedAsync(Func<bool> initialised, CancellationToken ct)
    {
        try
        {
            await Task.Delay(services.Options.ConnectionInitTimeout, services.Time, ct);
            if (!initialised())
                outbox.Close(new CloseConnection(CloseCodes.ConnectionInitTimeout, "Connection initialisation timeout"));
        }
        catch (OperationCanceledException)
        {
        }
    }

    public async Task CloseWhenExpiredAsync(DateTimeOffset expiresAt, CancellationToken ct)
    {
        try
        {
            // In steps of at most a day: a timer takes no more than about 49 days, and an external issuer's token may
            // live longer.
            for (var left = expiresAt - services.Time.GetUtcNow(); left > TimeSpan.Zero; left = expiresAt - services.Time.GetUtcNow())
                await Task.Delay(left < TimeSpan.FromDays(1) ? left : TimeSpan.FromDays(1), services.Time, ct);
            outbox.Close(new CloseConnection(CloseCodes.Forbidden, "Forbidden: the token expired; reconnect with a new one"));
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>
    /// Confirms the roles beyond <c>user</c> the connection runs with every <c>RoleCheckInterval</c>, one read of the
    /// account each time, and closes it with 4403 once one is gone. A check that fails (the database is unavailable) is
    /// logged and made again at the next interval: the role was held at the last check.
    /// </summary>
    public async Task CloseWhenRoleRevokedAsync(Func<CancellationToken, Task<bool>> rolesHeld, CancellationToken ct)
    {
        var interval = services.Options.RoleCheckInterval;
        try
        {
            while (outbox.Closing is null)
            {
                await Task.Delay(interval, services.Time, ct);
                bool held;
                try
                {
                    held = await rolesHeld(ct);
                }
                catch (Exception e) when (!ct.IsCancellationRequested)
                {
                    if (CatalogUnavailable.Is(e))
                        services.Logger.LogWarning(e, "A GraphQL WebSocket connection's roles could not be confirmed; checked again in {Interval}", interval);
                    else
                        services.Logger.LogError(e, "A GraphQL WebSocket connection's roles could not be confirmed; checked again in {Interval}", interval);
                    continue;
                }
                if (!held)
                {
                    outbox.Close(CloseConnection.RoleRevoked());
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    public async Task KeepAliveAsync(CancellationToken ct)
    {
        var interval = services.Options.KeepAliveInterval;
        if (interval <= TimeSpan.Zero)
            return;
        try
        {
            while (outbox.Closing is null)
            {
                await Task.Delay(interval, services.Time, ct);
                outbox.Send(services.Messages.Ping());
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
