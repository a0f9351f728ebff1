using GraphQL;

namespace Catalog.Api.GraphQL.Transport.WebSockets;

/// <summary>
/// One subscription's execution, with its own DI scope and cancellation, for every operation that subscribed with the
/// same <see cref="SubscriptionKey"/>: each event is resolved and serialized once, then framed with each member's id.
/// It ends when its stream ends or fails, or when its last member leaves.
/// </summary>
public sealed class SharedSubscription(SubscriptionKey key, SharedSubscriptions registry) : IObserver<ExecutionResult>
{
    private readonly Lock gate = new();
    private readonly CancellationTokenSource cancellation = new();
    private Operation[] members = [];
    private bool started;
    private bool closed;
    private AsyncServiceScope? scope;
    private IDisposable? stream;

    public SubscriptionKey Key { get; } = key;
    public int Members => Volatile.Read(ref members).Length;

    /// <summary>Adds a member; false once closed. <paramref name="starts"/> is true for the first, which must run it.</summary>
    public bool TryJoin(Operation operation, out bool starts)
    {
        lock (gate)
        {
            starts = false;
            if (closed)
                return false;
            starts = !started;
            started = true;
            members = [.. members, operation];
        }
        operation.Joined(() => Leave(operation));
        return true;
    }

    public async Task RunAsync(Func<IServiceProvider, CancellationToken, Task<ExecutionResult>> execute)
    {
        var services = registry.Scopes.CreateAsyncScope();
        bool running;
        lock (gate)
        {
            running = !closed;
            if (running)
                scope = services;
        }
        if (!running)
        {
            await services.DisposeAsync();
            return;
        }

        try
        {
            var result = await execute(services.ServiceProvider, cancellation.Token);
            if (result.Streams is { Count: > 0 } streams)
                Attach(streams.Values.First());
            else
                Fail(result.Errors is { Count: > 0 } errors ? [.. errors] : [ServerMessages.NoRootField()]);
        }
        catch (Exception) when (cancellation.IsCancellationRequested)
        {
            // every member left while it started: its scope is gone, and no one is left to tell
        }
        catch (Exception e)
        {
            registry.Logger.LogError(e, "A GraphQL subscription over WebSocket failed");
            Fail([ServerMessages.Internal()]);
        }
    }

    private void Attach(IObservable<ExecutionResult> source)
    {
        var subscription = source.Subscribe(this);
        lock (gate)
        {
            if (!closed)
            {
                stream = subscription;
                return;
            }
        }
        subscription.Dispose();
    }

    private void Leave(Operation operation)
    {
        lock (gate)
        {
            if (closed)
                return;
            members = Array.FindAll(members, m => m != operation);
            if (members.Length > 0)
                return;
            closed = true;
        }
        Release();
    }

    private void Fail(IReadOnlyList<ExecutionError> errors)
    {
        foreach (var member in Close())
            member.Fail(errors);
    }

    /// <summary>Closes it, once; the members it had, to be told.</summary>
    private Operation[] Close()
    {
        Operation[] had;
        lock (gate)
        {
            if (closed)
                return [];
            closed = true;
            had = members;
            members = [];
        }
        Release();
        return had;
    }

    private void Release()
    {
        registry.Remove(this);
        cancellation.Cancel();
        stream?.Dispose();
        if (scope is { } services)
            _ = services.DisposeAsync().AsTask();
    }

    void IObserver<ExecutionResult>.OnNext(ExecutionResult value)
    {
        var receivers = Volatile.Read(ref members);
        if (receivers.Length == 0)
            return;
        ReadOnlyMemory<byte> payload = registry.Messages.Payload(value);
        foreach (var member in receivers)
            member.Next(payload);
    }

    void IObserver<ExecutionResult>.OnError(Exception error) => Fail([error as ExecutionError ?? ServerMessages.Internal()]);

    void IObserver<ExecutionResult>.OnCompleted()
    {
        foreach (var member in Close())
            member.End();
    }
}
