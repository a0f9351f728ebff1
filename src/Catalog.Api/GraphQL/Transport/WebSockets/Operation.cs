using GraphQL;

namespace Catalog.Api.GraphQL.Transport.WebSockets;

/// <summary>
/// One running <c>subscribe</c> of a connection: its cancellation and, for a subscription, its membership of a
/// <see cref="SharedSubscription"/>, which it leaves when stopped.
/// </summary>
public sealed class Operation
{
    private readonly CancellationTokenSource cancellation = new();
    // Not a linked source: that leaves its registration on the connection's token until it is disposed, and a source in
    // use cannot be disposed safely, so every operation a long-lived connection ran would stay reachable.
    private readonly CancellationTokenRegistration whenConnectionEnds;
    private Action? leave;
    private int finished;

    public Operation(string id, CancellationToken connection)
    {
        Id = id;
        whenConnectionEnds = connection.UnsafeRegister(static source => ((CancellationTokenSource)source!).Cancel(), cancellation);
    }

    public string Id { get; }
    public CancellationToken Token => cancellation.Token;
    public bool Finished => Volatile.Read(ref finished) == 1;

    /// <summary>Set by the connection: where a subscription's results go while the operation runs.</summary>
    public required Action<Operation, ReadOnlyMemory<byte>> OnPayload { get; init; }
    public required Action<Operation, IReadOnlyList<ExecutionError>> OnErrors { get; init; }
    public required Action<Operation> OnEnd { get; init; }

    /// <summary>Called once the operation is a member of a shared subscription; an operation already stopped leaves at once.</summary>
    public void Joined(Action leaveShared)
    {
        Interlocked.Exchange(ref leave, leaveShared);
        if (Finished)
            Interlocked.Exchange(ref leave, null)?.Invoke();
    }

    /// <summary>Stops the operation; true for the one call that actually stopped it.</summary>
    public bool Stop()
    {
        if (Interlocked.Exchange(ref finished, 1) == 1)
            return false;
        cancellation.Cancel();
        whenConnectionEnds.Unregister();
        Interlocked.Exchange(ref leave, null)?.Invoke();
        return true;
    }

    /// <summary>A result's <c>payload</c>, serialized once for every member of the shared subscription.</summary>
    public void Next(ReadOnlyMemory<byte> payload)
    {
        if (!Finished)
            OnPayload(this, payload);
    }

    public void Fail(IReadOnlyList<ExecutionError> errors)
    {
        if (!Finished)
            OnErrors(this, errors);
    }

    public void End()
    {
        if (!Finished)
            OnEnd(this);
    }
}
