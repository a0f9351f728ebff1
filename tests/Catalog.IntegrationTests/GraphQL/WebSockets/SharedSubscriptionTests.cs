using System.Text.Json;
using Catalog.Api.GraphQL.Transport.WebSockets;
using Catalog.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Catalog.IntegrationTests.GraphQL.WebSockets;

/// <summary>Identical subscriptions of one identity share one execution (ADR 0070); anything that differs does not.</summary>
[Collection(CatalogCollection.Name)]
public sealed class SharedSubscriptionTests(CatalogHost host) : IAsyncLifetime
{
    // A fresh operation name per test, so the running executions of other tests are never counted.
    private readonly string name = "Shared" + Guid.NewGuid().ToString("N");

    public Task InitializeAsync() => host.ResetDataAsync();
    public Task DisposeAsync() => Task.CompletedTask;

    private string FileEvents => $"subscription {name} {{ fileEvents {{ fileId kind file {{ name }} }} }}";

    [Fact]
    public async Task Two_sockets_of_one_user_with_one_subscription_run_it_once_and_both_receive_each_event()
    {
        var user = await host.GraphQL.SignUpAsync();
        await using var first = await SubscribeAsync(user.Token, "a", FileEvents);
        await using var second = await SubscribeAsync(user.Token, "b", FileEvents);

        Assert.Equal([2], await MembersAsync(expectedExecutions: 1, expectedMembers: 2));
        var fileId = await UploadAsync(user.Token, "shared.txt");

        foreach (var (socket, id) in new[] { (first, "a"), (second, "b") })
        {
            var next = await socket.ReceiveAsync();
            Assert.Equal((id, "next"), (next.GetProperty("id").GetString(), next.GetProperty("type").GetString()));
            var fileEvent = next.GetProperty("payload").GetProperty("data").GetProperty("fileEvents");
            Assert.Equal(fileId, fileEvent.GetProperty("fileId").GetString());
            Assert.Equal("shared.txt", fileEvent.GetProperty("file").GetProperty("name").GetString());
        }
    }

    [Fact]
    public async Task The_first_subscriber_leaving_does_not_end_the_execution_the_others_still_use()
    {
        var user = await host.GraphQL.SignUpAsync();
        await using var first = await SubscribeAsync(user.Token, "a", FileEvents);
        await using var second = await SubscribeAsync(user.Token, "b", FileEvents);
        Assert.Equal([2], await MembersAsync(expectedExecutions: 1, expectedMembers: 2));

        await first.SendAsync(new { id = "a", type = "complete" });
        Assert.Equal([1], await MembersAsync(expectedExecutions: 1, expectedMembers: 1));
        var fileId = await UploadAsync(user.Token, "after-first-left.txt");

        // Its scope and cancellation belong to the shared execution, not the first socket: the file still loads.
        var fileEvent = (await second.ReceiveAsync()).GetProperty("payload").GetProperty("data").GetProperty("fileEvents");
        Assert.Equal(fileId, fileEvent.GetProperty("fileId").GetString());
        Assert.Equal("after-first-left.txt", fileEvent.GetProperty("file").GetProperty("name").GetString());

        await second.SendAsync(new { id = "b", type = "complete" });
        Assert.Empty(await MembersAsync(expectedExecutions: 0));
    }

    [Fact]
    public async Task Two_users_with_the_same_subscription_each_get_their_own_execution_and_only_their_own_events()
    {
        var alice = await host.GraphQL.SignUpAsync();
        var bob = await host.GraphQL.SignUpAsync();
        await using var alicesSocket = await SubscribeAsync(alice.Token, "1", FileEvents);
        await using var bobsSocket = await SubscribeAsync(bob.Token, "1", FileEvents);
        Assert.Equal([1, 1], await MembersAsync(expectedExecutions: 2, expectedMembers: 1));

        var bobsFile = await UploadAsync(bob.Token, "bob.txt");
        Assert.Equal(bobsFile, FileIdOf(await bobsSocket.ReceiveAsync()));
        var alicesFile = await UploadAsync(alice.Token, "alice.txt");

        // Events are delivered in commit order: had Bob's reached Alice, it would come before her own.
        Assert.Equal(alicesFile, FileIdOf(await alicesSocket.ReceiveAsync()));
    }

    [Fact]
    public async Task Different_variables_are_different_executions_with_different_results()
    {
        var user = await host.GraphQL.SignUpAsync();
        var query = $"subscription {name}($withId: Boolean!) {{ fileEvents {{ fileId @include(if: $withId) kind }} }}";
        await using var withId = await SubscribeAsync(user.Token, "w", query, new { withId = true });
        await using var withoutId = await SubscribeAsync(user.Token, "w", query, new { withId = false });
        Assert.Equal([1, 1], await MembersAsync(expectedExecutions: 2, expectedMembers: 1));

        var fileId = await UploadAsync(user.Token, "variables.txt");

        Assert.Equal(fileId, FileIdOf(await withId.ReceiveAsync()));
        var bare = (await withoutId.ReceiveAsync()).GetProperty("payload").GetProperty("data").GetProperty("fileEvents");
        Assert.False(bare.TryGetProperty("fileId", out _));
        Assert.Equal("FileUploaded", bare.GetProperty("kind").GetString());
    }

    [Fact]
    public async Task A_subscription_refused_to_every_subscriber_answers_each_with_its_error_and_leaves_nothing_running()
    {
        var user = await host.GraphQL.SignUpAsync();
        var auditEvents = $"subscription {name} {{ auditEvents {{ fileId }} }}";
        await using var first = await TransportWsSocket.ConnectAsync(host.Host);
        await using var second = await TransportWsSocket.ConnectAsync(host.Host);
        await first.InitAsync(user.Token);
        await second.InitAsync(user.Token);

        await first.SendAsync(new { id = "x", type = "subscribe", payload = new { query = auditEvents } });
        await second.SendAsync(new { id = "y", type = "subscribe", payload = new { query = auditEvents } });

        foreach (var (socket, id) in new[] { (first, "x"), (second, "y") })
        {
            var error = await socket.ReceiveAsync();
            Assert.Equal((id, "error"), (error.GetProperty("id").GetString(), error.GetProperty("type").GetString()));
            Assert.Equal("FORBIDDEN", error.GetProperty("payload")[0].GetProperty("extensions").GetProperty("code").GetString());
        }
        Assert.Empty(await MembersAsync(expectedExecutions: 0));
    }

    [Fact]
    public async Task A_closed_socket_leaves_its_execution()
    {
        var user = await host.GraphQL.SignUpAsync();
        var socket = await SubscribeAsync(user.Token, "a", FileEvents);
        Assert.Equal([1], await MembersAsync(expectedExecutions: 1));

        await socket.DisposeAsync();

        Assert.Empty(await MembersAsync(expectedExecutions: 0));
    }

    private async Task<TransportWsSocket> SubscribeAsync(string token, string id, string query, object? variables = null)
    {
        var socket = await TransportWsSocket.ConnectAsync(host.Host);
        await socket.InitAsync(token);
        await socket.SendAsync(new { id, type = "subscribe", payload = new { query, variables } });
        // A query answered after the subscribe means the subscription is in place.
        await socket.SendAsync(new { id = "after", type = "subscribe", payload = new { query = "{ __typename }" } });
        Assert.Equal("next", (await socket.ReceiveAsync()).GetProperty("type").GetString());
        Assert.Equal("complete", (await socket.ReceiveAsync()).GetProperty("type").GetString());
        return socket;
    }

    /// <summary>Member counts of this test's executions, once there are as many as expected (joins and leaves are asynchronous).</summary>
    private async Task<List<int>> MembersAsync(int expectedExecutions, int? expectedMembers = null)
    {
        var subscriptions = host.Host.Services.GetRequiredService<SharedSubscriptions>();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var members = subscriptions.Snapshot().Where(s => s.Key.Payload.Contains(name)).Select(s => s.Members).Order().ToList();
            var settled = members.Count == expectedExecutions && (expectedMembers is null || members.All(m => m == expectedMembers));
            if (settled || DateTime.UtcNow > deadline)
                return members;
            await Task.Delay(20);
        }
    }

    private async Task<string> UploadAsync(string token, string fileName) =>
        (await host.GraphQL.UploadAsync(token, fileName, "shared"u8.ToArray())).ShouldSucceed()
            .Data.GetProperty("uploadFile").GetProperty("id").GetString()!;

    private static string? FileIdOf(JsonElement next) =>
        next.GetProperty("payload").GetProperty("data").GetProperty("fileEvents").GetProperty("fileId").GetString();
}
