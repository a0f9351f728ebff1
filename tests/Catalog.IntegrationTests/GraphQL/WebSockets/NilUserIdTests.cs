using Catalog.Api.Auth;
using Catalog.Api.GraphQL.Transport.WebSockets;
using Catalog.Domain.Users;
using Catalog.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Catalog.IntegrationTests.GraphQL.WebSockets;

/// <summary>
/// A token may name the empty Guid as its user (an external issuer's subject "00000000-0000-0000-0000-000000000000"):
/// that user is one owner like any other, not every owner.
/// </summary>
[Collection(CatalogCollection.Name)]
public sealed class NilUserIdTests(CatalogHost host) : IAsyncLifetime
{
    public Task InitializeAsync() => host.ResetDataAsync();
    public Task DisposeAsync() => Task.CompletedTask;

    private IssuedToken Nil => host.Host.Services.GetRequiredService<TokenIssuer>()
        .Issue(new UserAccount(Guid.Empty, "nil@example.test", "", [], DateTimeOffset.UnixEpoch), [Roles.User]);

    [Fact]
    public async Task A_user_whose_id_is_the_empty_guid_receives_only_its_own_file_events()
    {
        var nil = Nil;
        var alice = await host.GraphQL.SignUpAsync();
        await using var socket = await TransportWsSocket.ConnectAsync(host.Host);
        await socket.InitAsync(nil.Token);
        await socket.SendAsync(new { id = "events", type = "subscribe", payload = new { query = "subscription { fileEvents { fileId ownerId } }" } });
        // A query answered after the subscribe means the subscription is in place.
        await socket.SendAsync(new { id = "after", type = "subscribe", payload = new { query = "{ __typename }" } });
        Assert.Equal("next", (await socket.ReceiveAsync()).GetProperty("type").GetString());
        Assert.Equal("complete", (await socket.ReceiveAsync()).GetProperty("type").GetString());

        (await host.GraphQL.UploadAsync(alice.Token, "alices.txt", "a"u8.ToArray())).ShouldSucceed();
        var own = (await host.GraphQL.UploadAsync(nil.Token, "own.txt", "n"u8.ToArray())).ShouldSucceed()
            .Data.GetProperty("uploadFile").GetProperty("id").GetString();

        // Events reach a subscription in commit order: Alice's would come first.
        var fileEvent = (await socket.ReceiveAsync()).GetProperty("payload").GetProperty("data").GetProperty("fileEvents");
        Assert.Equal((own, Guid.Empty), (fileEvent.GetProperty("fileId").GetString(), fileEvent.GetProperty("ownerId").GetGuid()));
    }

    [Fact]
    public async Task A_user_whose_id_is_the_empty_guid_is_not_counted_among_the_connections_without_a_token()
    {
        var anonymous = new List<TransportWsSocket>();
        try
        {
            for (var i = 0; i < new GraphQLWebSocketOptions().MaxAnonymousConnections; i++)
            {
                var socket = await TransportWsSocket.ConnectAsync(host.Host);
                anonymous.Add(socket);
                await socket.InitAsync();
            }

            await using var nil = await TransportWsSocket.ConnectAsync(host.Host);
            await nil.SendAsync(new { type = "connection_init", payload = new { authorization = "Bearer " + Nil.Token } });
            var (message, close) = await nil.ReceiveOrCloseAsync();
            Assert.True(close is null, $"closed with {close}");
            Assert.Equal("connection_ack", message?.GetProperty("type").GetString());
        }
        finally
        {
            foreach (var socket in anonymous)
                await socket.DisposeAsync();
        }
    }
}
