using Catalog.Api.GraphQL.Transport.WebSockets;

namespace Catalog.IntegrationTests.GraphQL.WebSockets;

/// <summary>Bad <c>GraphQL:WebSockets</c> settings stop the service at start with a message naming the key.</summary>
public sealed class WebSocketOptionsValidationTests
{
    private static IReadOnlyList<string> FailuresOf(Action<GraphQLWebSocketOptions> change)
    {
        var options = new GraphQLWebSocketOptions();
        change(options);
        return new GraphQLWebSocketOptionsValidation().Validate(null, options).Failures?.ToList() ?? [];
    }

    [Fact]
    public void The_defaults_are_valid() => Assert.Empty(FailuresOf(_ => { }));

    [Fact]
    public void An_outbox_too_small_for_one_burst_to_every_operation_is_refused()
    {
        var failure = Assert.Single(FailuresOf(o => (o.MaxOperationsPerConnection, o.MaxPendingMessages) = (100, 256)));

        Assert.Contains("GraphQL:WebSockets:MaxPendingMessages must be at least", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Fewer_operations_need_a_smaller_outbox() =>
        Assert.Empty(FailuresOf(o => (o.MaxOperationsPerConnection, o.MaxPendingMessages) = (10, 80)));
}
