using Catalog.IntegrationTests.Infrastructure;

namespace Catalog.IntegrationTests.GraphQL.WebSockets;

/// <summary>graphql-transport-ws at /graphql, message by message; the npm graphql-ws client covers the happy paths end to end.</summary>
[Collection(CatalogCollection.Name)]
public sealed class ProtocolTests(CatalogHost host) : IAsyncLifetime
{
    private const string FileEvents = "subscription { fileEvents { fileId kind } }";

    public Task InitializeAsync() => host.ResetDataAsync();
    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task The_socket_speaks_graphql_transport_ws_and_answers_pings_even_before_init()
    {
        await using var socket = await TransportWsSocket.ConnectAsync(host.Host);

        await socket.SendAsync(new { type = "ping" });

        Assert.Equal(TransportWsSocket.SubProtocol, socket.SubProtocolChosen);
        Assert.Equal("pong", (await socket.ReceiveAsync()).GetProperty("type").GetString());
    }

    [Fact]
    public async Task A_query_answers_next_then_complete()
    {
        var user = await host.GraphQL.SignUpAsync();
        await using var socket = await TransportWsSocket.ConnectAsync(host.Host);
        await socket.InitAsync(user.Token);

        await socket.SendAsync(new { id = "q", type = "subscribe", payload = new { query = "{ me { id } }" } });

        var next = await socket.ReceiveAsync();
        Assert.Equal("next", next.GetProperty("type").GetString());
        Assert.Equal(user.Id, next.GetProperty("payload").GetProperty("data").GetProperty("me").GetProperty("id").GetGuid());
        var complete = await socket.ReceiveAsync();
        Assert.Equal(("q", "complete"), (complete.GetProperty("id").GetString(), complete.GetProperty("type").GetString()));
    }

    [Fact]
    public async Task An_invalid_operation_answers_an_error_message_with_codes()
    {
        await using var socket = await TransportWsSocket.ConnectAsync(host.Host);
        await socket.InitAsync();

        await socket.SendAsync(new { id = "bad", type = "subscribe", payload = new { query = "{ nope }" } });

        var error = await socket.ReceiveAsync();
        Assert.Equal("error", error.GetProperty("type").GetString());
        Assert.Equal("BAD_USER_INPUT", error.GetProperty("payload")[0].GetProperty("extensions").GetProperty("code").GetString());
    }

    [Theory]
    [InlineData("subscription { fileEvents @include(if: false) { kind } }")]
    [InlineData("subscription { fileEvents @skip(if: true) { kind } }")]
    public async Task A_subscription_whose_root_field_is_skipped_is_bad_input(string query)
    {
        var user = await host.GraphQL.SignUpAsync();
        await using var socket = await TransportWsSocket.ConnectAsync(host.Host);
        await socket.InitAsync(user.Token);

        await socket.SendAsync(new { id = "skipped", type = "subscribe", payload = new { query } });

        var error = await socket.ReceiveAsync();
        Assert.Equal("error", error.GetProperty("type").GetString());
        Assert.Equal("BAD_USER_INPUT", error.GetProperty("payload")[0].GetProperty("extensions").GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_completed_subscription_frees_its_id()
    {
        var user = await host.GraphQL.SignUpAsync();
        await using var socket = await TransportWsSocket.ConnectAsync(host.Host);
        await socket.InitAsync(user.Token);
        await socket.SendAsync(new { id = "1", type = "subscribe", payload = new { query = FileEvents } });

        await socket.SendAsync(new { id = "1", type = "complete" });
        await socket.SendAsync(new { id = "1", type = "subscribe", payload = new { query = "{ __typename }" } });

        Assert.Equal("next", (await socket.ReceiveAsync()).GetProperty("type").GetString());
    }

    [Fact]
    public async Task A_subscription_delivers_the_callers_upload_once_committed()
    {
        var user = await host.GraphQL.SignUpAsync();
        await using var socket = await TransportWsSocket.ConnectAsync(host.Host);
        await socket.InitAsync(user.Token);
        await socket.SendAsync(new { id = "events", type = "subscribe", payload = new { query = FileEvents } });
        await socket.SendAsync(new { id = "after", type = "subscribe", payload = new { query = "{ __typename }" } });
        Assert.Equal("next", (await socket.ReceiveAsync()).GetProperty("type").GetString());
        Assert.Equal("complete", (await socket.ReceiveAsync()).GetProperty("type").GetString());

        var uploaded = (await host.GraphQL.UploadAsync(user.Token, "live.txt", "live"u8.ToArray())).ShouldSucceed();

        var next = await socket.ReceiveAsync();
        Assert.Equal(("events", "next"), (next.GetProperty("id").GetString(), next.GetProperty("type").GetString()));
        var fileEvent = next.GetProperty("payload").GetProperty("data").GetProperty("fileEvents");
        Assert.Equal(uploaded.Data.GetProperty("uploadFile").GetProperty("id").GetString(), fileEvent.GetProperty("fileId").GetString());
        Assert.Equal("FileUploaded", fileEvent.GetProperty("kind").GetString());
    }

    [Fact]
    public async Task Without_the_subprotocol_the_socket_is_closed_with_4406()
    {
        await using var socket = await TransportWsSocket.ConnectAsync(host.Host, subProtocol: null);

        Assert.Equal(4406, (await socket.ClosedAsync()).Code);
    }

    [Fact]
    public async Task A_message_that_is_not_JSON_closes_with_4400()
    {
        await using var socket = await TransportWsSocket.ConnectAsync(host.Host);

        await socket.SendTextAsync("{not json");

        Assert.Equal(4400, (await socket.ClosedAsync()).Code);
    }

    [Theory]
    [InlineData("""{"type":"next","id":"1","payload":{}}""")]
    [InlineData("""{"type":"subscribe","payload":{"query":"{ __typename }"}}""")]
    [InlineData("""{"type":"subscribe","id":"1","payload":"{ __typename }"}""")]
    [InlineData("""{"type":"connection_init","payload":"token"}""")]
    [InlineData("""{"id":"1"}""")]
    // Half of a surrogate pair, escaped: valid UTF-8 JSON, but no Unicode text.
    [InlineData("""{"type":"connection_init","payload":{"authorization":"Bearer \ud800"}}""")]
    [InlineData("""{"type":"ping","payload":{"\udc00":1}}""")]
    public async Task A_message_of_the_wrong_shape_closes_with_4400(string message)
    {
        await using var socket = await TransportWsSocket.ConnectAsync(host.Host);

        await socket.SendTextAsync(message);

        Assert.Equal(4400, (await socket.ClosedAsync()).Code);
    }

    [Fact]
    public async Task Subscribing_before_the_ack_closes_with_4401()
    {
        await using var socket = await TransportWsSocket.ConnectAsync(host.Host);

        await socket.SendAsync(new { id = "1", type = "subscribe", payload = new { query = "{ __typename }" } });

        Assert.Equal(4401, (await socket.ClosedAsync()).Code);
    }

    [Fact]
    public async Task A_token_that_does_not_validate_closes_with_4403()
    {
        var user = await host.GraphQL.SignUpAsync();
        await using var socket = await TransportWsSocket.ConnectAsync(host.Host);

        await socket.SendAsync(new { type = "connection_init", payload = new { Authorization = "Bearer " + user.Token[..^4] + "AAAA" } });

        Assert.Equal(4403, (await socket.ClosedAsync()).Code);
    }

    [Fact]
    public async Task A_token_the_upgrade_request_carried_that_does_not_validate_closes_with_4403()
    {
        var user = await host.GraphQL.SignUpAsync();
        await using var socket = await TransportWsSocket.ConnectAsync(host.Host, upgradeAuthorization: "Bearer " + user.Token[..^4] + "AAAA");

        await socket.SendAsync(new { type = "connection_init" });

        Assert.Equal(4403, (await socket.ClosedAsync()).Code);
    }

    [Fact]
    public async Task A_token_in_connection_init_takes_the_place_of_a_refused_upgrade_token()
    {
        var user = await host.GraphQL.SignUpAsync();
        await using var socket = await TransportWsSocket.ConnectAsync(host.Host, upgradeAuthorization: "Bearer forged");

        await socket.InitAsync(user.Token);
        await socket.SendAsync(new { id = "me", type = "subscribe", payload = new { query = "{ me { id } }" } });

        var next = await socket.ReceiveAsync();
        Assert.Equal(user.Id.ToString(), next.GetProperty("payload").GetProperty("data").GetProperty("me").GetProperty("id").GetString());
    }

    [Fact]
    public async Task A_second_subscriber_with_a_running_id_closes_with_4409()
    {
        var user = await host.GraphQL.SignUpAsync();
        await using var socket = await TransportWsSocket.ConnectAsync(host.Host);
        await socket.InitAsync(user.Token);
        await socket.SendAsync(new { id = "1", type = "subscribe", payload = new { query = FileEvents } });

        await socket.SendAsync(new { id = "1", type = "subscribe", payload = new { query = FileEvents } });

        Assert.Equal(4409, (await socket.ClosedAsync()).Code);
    }

    [Fact]
    public async Task A_second_connection_init_closes_with_4429()
    {
        await using var socket = await TransportWsSocket.ConnectAsync(host.Host);
        await socket.InitAsync();

        await socket.SendAsync(new { type = "connection_init" });

        Assert.Equal(4429, (await socket.ClosedAsync()).Code);
    }

    [Fact]
    public async Task A_message_over_the_size_limit_closes_with_1009()
    {
        await using var socket = await TransportWsSocket.ConnectAsync(host.Host);

        await socket.SendTextAsync("""{"type":"ping","payload":{"x":" """ + new string('x', 70 * 1024) + "\"}}");

        Assert.Equal(1009, (await socket.ClosedAsync()).Code);
    }
}
