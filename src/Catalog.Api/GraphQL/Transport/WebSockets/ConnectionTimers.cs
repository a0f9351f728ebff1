namespace Catalog.Api.GraphQL.Transport.WebSockets;

/// <summary>The protocol's clocks for one connection: the init deadline (4408), keep-alive pings, token expiry (4403).</summary>
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
