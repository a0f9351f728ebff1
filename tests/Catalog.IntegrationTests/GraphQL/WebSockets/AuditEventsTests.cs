using Catalog.IntegrationTests.Infrastructure;

namespace Catalog.IntegrationTests.GraphQL.WebSockets;

[Collection(CatalogCollection.Name)]
public sealed class AuditEventsTests(CatalogHost host) : IAsyncLifetime
{
    private const string AuditEvents = "subscription($where: AuditFilter) { auditEvents(where: $where) { fileId ownerId kind } }";

    public Task InitializeAsync() => host.ResetDataAsync();
    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task An_auditor_follows_every_users_events_through_a_filter()
    {
        var auditor = await host.GraphQL.SignUpAsync(CatalogHost.AuditorEmail);
        var alice = await host.GraphQL.SignUpAsync();
        var bob = await host.GraphQL.SignUpAsync();
        await using var socket = await SubscribeAsync(auditor.Token, new { ownerId = bob.Id });

        (await host.GraphQL.UploadAsync(alice.Token, "alice.txt", "a"u8.ToArray())).ShouldSucceed();
        var bobsFile = (await host.GraphQL.UploadAsync(bob.Token, "bob.txt", "b"u8.ToArray())).ShouldSucceed()
            .Data.GetProperty("uploadFile").GetProperty("id").GetString();

        var next = await socket.ReceiveAsync();
        var auditEvent = next.GetProperty("payload").GetProperty("data").GetProperty("auditEvents");
        Assert.Equal(bobsFile, auditEvent.GetProperty("fileId").GetString());
        Assert.Equal(bob.Id, auditEvent.GetProperty("ownerId").GetGuid());
        Assert.Equal("FileUploaded", auditEvent.GetProperty("kind").GetString());
    }

    [Fact]
    public async Task A_plain_user_is_forbidden()
    {
        var user = await host.GraphQL.SignUpAsync();
        await using var socket = await TransportWsSocket.ConnectAsync(host.Host);
        await socket.InitAsync(user.Token);

        await socket.SendAsync(new { id = "audit", type = "subscribe", payload = new { query = AuditEvents } });

        var error = await socket.ReceiveAsync();
        Assert.Equal("error", error.GetProperty("type").GetString());
        Assert.Equal("FORBIDDEN", error.GetProperty("payload")[0].GetProperty("extensions").GetProperty("code").GetString());
    }

    [Fact]
    public async Task An_unknown_kind_is_refused_with_the_kinds_there_are()
    {
        var auditor = await host.GraphQL.SignUpAsync(CatalogHost.AuditorEmail);
        await using var socket = await TransportWsSocket.ConnectAsync(host.Host);
        await socket.InitAsync(auditor.Token);

        await socket.SendAsync(new { id = "audit", type = "subscribe", payload = new { query = AuditEvents, variables = new { where = new { kinds = new[] { "FileUplaoded" } } } } });

        var error = await socket.ReceiveAsync();
        Assert.Equal("error", error.GetProperty("type").GetString());
        Assert.Equal("BAD_USER_INPUT", error.GetProperty("payload")[0].GetProperty("extensions").GetProperty("code").GetString());
        Assert.Contains("FileUploaded", error.GetProperty("payload")[0].GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    private async Task<TransportWsSocket> SubscribeAsync(string token, object where)
    {
        var socket = await TransportWsSocket.ConnectAsync(host.Host);
        await socket.InitAsync(token);
        await socket.SendAsync(new { id = "audit", type = "subscribe", payload = new { query = AuditEvents, variables = new { where } } });
        // A query answered after the subscribe means the subscription is in place.
        await socket.SendAsync(new { id = "after", type = "subscribe", payload = new { query = "{ __typename }" } });
        Assert.Equal("next", (await socket.ReceiveAsync()).GetProperty("type").GetString());
        Assert.Equal("complete", (await socket.ReceiveAsync()).GetProperty("type").GetString());
        return socket;
    }
}
