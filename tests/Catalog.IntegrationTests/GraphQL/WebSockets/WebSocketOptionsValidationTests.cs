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

    [Theory]
    [InlineData("00:00:00")]
    [InlineData("-00:00:01")]
    [InlineData("01:00:01")]
    public void A_role_check_interval_that_is_not_positive_or_longer_than_an_hour_is_refused(string interval)
    {
        var failure = Assert.Single(FailuresOf(o => o.RoleCheckInterval = TimeSpan.Parse(interval, System.Globalization.CultureInfo.InvariantCulture)));

        Assert.StartsWith("GraphQL:WebSockets:RoleCheckInterval must be positive and at most 01:00:00", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Fewer_operations_need_a_smaller_outbox() =>
        Assert.Empty(FailuresOf(o => (o.MaxOperationsPerConnection, o.MaxPendingMessages) = (10, 80)));
}
