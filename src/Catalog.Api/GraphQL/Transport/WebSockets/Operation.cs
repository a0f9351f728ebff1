using GraphQL;

namespace Catalog.Api.GraphQL.Transport.WebSockets;

/// <summary>One running <c>subscribe</c> of a connection: its cancellation, its DI scope and, for a subscription, its stream.</summary>
public sealed class Operation(string id, AsyncServiceScope scope, CancellationToken connection) : IObserver<ExecutionResult>
{
    private readonly CancellationTokenSource cancellation = CancellationTokenSource.CreateLinkedTokenSource(connection);
    private IDisposable? stream;
    private int finished;

    public string Id { get; } = id;
    public IServiceProvider Services => scope.ServiceProvider;
    public CancellationToken Token => cancellation.Token;
    public bool Finished => Volatile.Read(ref finished) == 1;

    /// <summary>Set by the connection: where results go while the operation runs.</summary>
    public Action<Operation, ExecutionResult>? OnResult { get; init; }
    public Action<Operation, Exception>? OnFailure { get; init; }
    public Action<Operation>? OnEnd { get; init; }

    public void Attach(IObservable<ExecutionResult> source)
    {
        var subscription = source.Subscribe(this);
        if (Interlocked.CompareExchange(ref stream, subscription, null) is not null || Finished)
            subscription.Dispose();
    }

    /// <summary>Stops the operation; true for the one call that actually stopped it.</summary>
    public bool Stop()
    {
        if (Interlocked.Exchange(ref finished, 1) == 1)
            return false;
        cancellation.Cancel();
        Interlocked.Exchange(ref stream, null)?.Dispose();
        _ = scope.DisposeAsync().AsTask();
        return true;
    }

    void IObserver<ExecutionResult>.OnNext(ExecutionResult value)
    {
        if (!Finished)
            OnResult?.Invoke(this, value);
    }

    void IObserver<ExecutionResult>.OnError(Exception error)
    {
        if (!Finished)
            OnFailure?.Invoke(this, error);
    }

    void IObserver<ExecutionResult>.OnCompleted()
    {
        if (!Finished)
            OnEnd?.Invoke(this);
    }
}
