using Catalog.Api.Users;
using Catalog.Domain.Users;
using Catalog.IntegrationTests.Infrastructure;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Catalog.IntegrationTests.GraphQL.WebSockets;

/// <summary>
/// A role revoked while a socket that runs with it is open ends there too (ADR 0009): the socket is closed with 4403 at
/// its next <c>subscribe</c>, or at its next check of the roles, so the client reconnects with the rights it has now.
/// </summary>
[Collection(KestrelCollection.Name)]
public sealed class RevokedRoleSocketTests(KestrelHost host) : IAsyncLifetime
{
    private const string AuditEvents = "subscription { auditEvents { fileId ownerId kind } }";
    private readonly List<TransportWsSocket> sockets = [];

    public Task InitializeAsync()
    {
        host.Clock.Restart();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        foreach (var socket in sockets)
            await socket.DisposeAsync();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_subscribe_after_the_role_is_revoked_closes_the_socket_with_4403_instead_of_running(bool tokenInUpgrade)
    {
        var auditor = await AuditorAsync();
        var socket = await SubscribedAsync(auditor.Token, AuditEvents, tokenInUpgrade);
        await RevokeAuditorAsync(auditor);

        await socket.SendAsync(new { id = "trail", type = "subscribe", payload = new { query = "{ auditTrail(first: 1) { totalCount } }" } });

        var (message, close) = await socket.ReceiveOrCloseAsync();
        Assert.True(close is not null, $"Expected a close, the server sent {message}");
        AssertRevoked(close.Value);
    }

    [Fact]
    public async Task An_open_subscription_of_a_revoked_role_ends_with_4403_at_the_next_check_and_other_sockets_go_on()
    {
        var revoked = await AuditorAsync();
        var kept = await AuditorAsync();
        var owner = await host.GraphQL.SignUpAsync();
        var revokedSocket = await SubscribedAsync(revoked.Token, AuditEvents);
        var keptSocket = await SubscribedAsync(kept.Token, AuditEvents);
        var ownerSocket = await SubscribedAsync(owner.Token, "subscription { fileEvents { kind fileId } }");
        await RevokeAuditorAsync(revoked);

        host.Clock.Advance(KestrelHost.RoleCheckInterval);

        AssertRevoked(await revokedSocket.ClosedAsync());
        var fileId = (await host.GraphQL.UploadAsync(owner.Token, "after-the-check.txt", "x"u8.ToArray())).ShouldSucceed()
            .Data.GetProperty("uploadFile").GetProperty("id").GetString();
        var audited = (await keptSocket.ReceiveAsync()).GetProperty("payload").GetProperty("data").GetProperty("auditEvents");
        Assert.Equal(fileId, audited.GetProperty("fileId").GetString());
        var own = (await ownerSocket.ReceiveAsync()).GetProperty("payload").GetProperty("data").GetProperty("fileEvents");
        Assert.Equal(fileId, own.GetProperty("fileId").GetString());
    }

    [Fact]
    public async Task A_subscribe_whose_role_check_the_database_cannot_answer_is_refused_alone_and_the_socket_stays_open()
    {
        var auditor = await AuditorAsync();
        var socket = await SubscribedAsync(auditor.Token, AuditEvents);
        const string Trail = "{ auditTrail(first: 1) { totalCount } }";

        var refused = await WhileAccountReadsAreTerminatedAsync(socket,
            () => socket.SendAsync(new { id = "trail", type = "subscribe", payload = new { query = Trail } }));

        Assert.Equal(("error", "trail"), (refused.GetProperty("type").GetString(), refused.GetProperty("id").GetString()));
        Assert.Equal("CATALOG_UNAVAILABLE", refused.GetProperty("payload")[0].GetProperty("extensions").GetProperty("code").GetString());
        await socket.SendAsync(new { id = "again", type = "subscribe", payload = new { query = Trail } });
        var answered = await socket.ReceiveAsync();
        Assert.Equal(("next", "again"), (answered.GetProperty("type").GetString(), answered.GetProperty("id").GetString()));
        Assert.Equal("complete", (await socket.ReceiveAsync()).GetProperty("type").GetString());

        // The subscription that ran before the failed check still delivers.
        var owner = await host.GraphQL.SignUpAsync();
        var fileId = (await host.GraphQL.UploadAsync(owner.Token, "after-the-failed-check.txt", "x"u8.ToArray())).ShouldSucceed()
            .Data.GetProperty("uploadFile").GetProperty("id").GetString();
        var audited = await socket.ReceiveAsync();
        Assert.Equal(("next", "live"), (audited.GetProperty("type").GetString(), audited.GetProperty("id").GetString()));
        Assert.Equal(fileId, audited.GetProperty("payload").GetProperty("data").GetProperty("auditEvents").GetProperty("fileId").GetString());
    }

    [Fact]
    public async Task A_connection_init_whose_role_check_the_database_cannot_answer_is_closed_with_1013_to_try_again()
    {
        var auditor = await AuditorAsync();
        var socket = await TransportWsSocket.ConnectAsync(host.WebSocketUrl);
        sockets.Add(socket);

        var (message, close) = await WhileAccountReadsAreTerminatedOrClosedAsync(socket,
            () => socket.SendAsync(new { type = "connection_init", payload = new { authorization = "Bearer " + auditor.Token } }));

        // graphql-ws gives up on 4500; 1013 it retries, and the next connection_init confirms the role.
        Assert.True(message is null, $"expected a close, got {message}");
        Assert.Equal(1013, close!.Value.Code);
        Assert.Contains("unavailable", close.Value.Reason, StringComparison.Ordinal);
        var again = await TransportWsSocket.ConnectAsync(host.WebSocketUrl);
        sockets.Add(again);
        await again.InitAsync(auditor.Token);
    }

    /// <summary>
    /// Holds the accounts' table locked and terminates every session that waits for it (Marten tries a read again
    /// after such a failure) until the socket answers; returns that answer.
    /// </summary>
    private async Task<System.Text.Json.JsonElement> WhileAccountReadsAreTerminatedAsync(TransportWsSocket socket, Func<Task> send)
    {
        var (message, close) = await WhileAccountReadsAreTerminatedOrClosedAsync(socket, send);
        Assert.True(message is not null, $"Expected a message, the server closed with {close}");
        return message!.Value;
    }

    private async Task<(System.Text.Json.JsonElement? Message, (int Code, string Reason)? Close)> WhileAccountReadsAreTerminatedOrClosedAsync(
        TransportWsSocket socket, Func<Task> send)
    {
        await using var locker = host.Services.GetRequiredService<IDocumentStore>().Storage.Database.CreateConnection();
        await locker.OpenAsync();
        await using var transaction = await locker.BeginTransactionAsync();
        await new NpgsqlCommand("lock table catalog.mt_doc_useraccount in access exclusive mode", locker, transaction).ExecuteNonQueryAsync();

        await send();
        var answer = socket.ReceiveOrCloseAsync();
        var terminated = 0;
        while (!answer.IsCompleted)
        {
            using var terminate = new NpgsqlCommand(
                "select count(pg_terminate_backend(pid)) from pg_locks where not granted and relation = 'catalog.mt_doc_useraccount'::regclass",
                locker, transaction);
            terminated += (int)(long)(await terminate.ExecuteScalarAsync())!;
            await Task.WhenAny(answer, Task.Delay(50));
        }
        await transaction.RollbackAsync();
        Assert.True(terminated > 0, "the role check never waited for the accounts' table");
        return await answer;
    }

    /// <summary>A new account granted the auditor role, with a token that carries it.</summary>
    private async Task<TestUser> AuditorAsync()
    {
        var user = await host.GraphQL.SignUpAsync();
        await using (var session = host.Services.GetRequiredService<IDocumentStore>().LightweightSession())
            await GrantRole.Handle(user.Email, Roles.Auditor, session, CancellationToken.None);
        var token = (await host.GraphQL.SendAsync("mutation($input: CredentialsInput!) { logIn(input: $input) { token } }",
                new { input = new { email = user.Email, password = user.Password } }))
            .ShouldSucceed().Data.GetProperty("logIn").GetProperty("token").GetString()!;
        return user with { Token = token };
    }

    private async Task RevokeAuditorAsync(TestUser user)
    {
        await using var session = host.Services.GetRequiredService<IDocumentStore>().LightweightSession();
        await RevokeRole.Handle(user.Email, Roles.Auditor, session, CancellationToken.None);
    }

    private async Task<TransportWsSocket> SubscribedAsync(string token, string subscription, bool tokenInUpgrade = false)
    {
        var socket = await TransportWsSocket.ConnectAsync(host.WebSocketUrl, tokenInUpgrade ? token : null);
        sockets.Add(socket);
        await socket.InitAsync(tokenInUpgrade ? null : token);
        await socket.SendAsync(new { id = "live", type = "subscribe", payload = new { query = subscription } });
        // A query answered after the subscribe means the subscription is in place (and was not refused).
        await socket.SendAsync(new { id = "after", type = "subscribe", payload = new { query = "{ __typename }" } });
        Assert.Equal("next", (await socket.ReceiveAsync()).GetProperty("type").GetString());
        Assert.Equal("complete", (await socket.ReceiveAsync()).GetProperty("type").GetString());
        return socket;
    }

    private static void AssertRevoked((int Code, string Reason) close)
    {
        Assert.Equal(4403, close.Code);
        Assert.Contains("revoked", close.Reason, StringComparison.Ordinal);
    }
}
