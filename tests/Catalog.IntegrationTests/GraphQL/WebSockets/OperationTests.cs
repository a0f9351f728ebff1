using System.Reflection;
using System.Runtime.CompilerServices;
using Catalog.Api.GraphQL.Transport.WebSockets;

namespace Catalog.IntegrationTests.GraphQL.WebSockets;

public sealed class OperationTests
{
    [Fact]
    public void An_operation_is_cancelled_when_its_connection_ends()
    {
        using var connection = new CancellationTokenSource();
        var operation = NewOperation(connection.Token);

        Assert.False(operation.Token.IsCancellationRequested);
        connection.Cancel();

        Assert.True(operation.Token.IsCancellationRequested);
        Assert.False(operation.Finished); // ending it is the connection's work: it sends the last message
    }

    [Fact]
    public void An_operation_stopped_on_a_connection_that_lives_on_is_not_kept_by_it()
    {
        using var connection = new CancellationTokenSource();

        var stopped = StoppedOperationsCancellation(connection.Token);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        Assert.False(stopped.IsAlive, "a stopped operation's cancellation is still reachable from its connection's token");
        Assert.False(connection.IsCancellationRequested);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference StoppedOperationsCancellation(CancellationToken connection)
    {
        var operation = NewOperation(connection);
        Assert.True(operation.Stop());
        Assert.True(operation.Token.IsCancellationRequested);
        var source = typeof(CancellationToken).GetField("_source", BindingFlags.NonPublic | BindingFlags.Instance)?.GetValue(operation.Token)
                     ?? throw new InvalidOperationException("CancellationToken no longer keeps its source in _source; find it another way.");
        return new WeakReference(source);
    }

    private static Operation NewOperation(CancellationToken connection) => new("1", connection)
    {
        OnPayload = (_, _) => { },
        OnErrors = (_, _) => { },
        OnEnd = _ => { },
    };
}
