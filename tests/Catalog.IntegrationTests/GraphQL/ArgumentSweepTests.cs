using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Catalog.IntegrationTests.GraphQL.Sweep;
using Catalog.IntegrationTests.Infrastructure;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Catalog.Sync.Uploads;

namespace Catalog.IntegrationTests.GraphQL;

/// <summary>
/// Every argument of every root field, read from the schema the server runs, sent values chosen to break it (see
/// <see cref="HostileValues"/>): each answer is a success or an error with a documented code, never a 5xx or INTERNAL,
/// and no message shows the server's insides; a refused mutation leaves every event and stored object as it was.
/// Subscription arguments go over the WebSocket.
/// </summary>
[Collection(CatalogCollection.Name)]
public sealed partial class ArgumentSweepTests(CatalogHost host) : IAsyncLifetime
{
    private const int Parallelism = 4;
    private const int MaxWebSocketMessage = 60 * 1024; // under GraphQL:WebSockets:MaxMessageBytes, past which the socket is closed (1009)

    private readonly ConcurrentQueue<string> faults = new();
    private readonly ConcurrentDictionary<string, bool> reached = new();
    private string? uploader;
    private int uploadsBegun;
    private string? fileOwner;
    private int changesSeen;
    private int filesStored;
    private readonly Dictionary<Caller, string?> tokens = new();
    private readonly List<Guid> callers = [];

    public Task InitializeAsync() => host.ResetDataAsync();
    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Every_argument_sent_hostile_values_answers_a_documented_error_or_succeeds()
    {
        var user = await host.GraphQL.SignUpAsync();
        var stranger = await host.GraphQL.SignUpAsync();
        var auditor = await host.GraphQL.SignUpAsync(CatalogHost.AuditorEmail);
        var admin = await host.GraphQL.SignUpAsync(CatalogHost.AdminEmail);
        tokens[Caller.Anonymous] = null;
        tokens[Caller.User] = user.Token;
        tokens[Caller.Auditor] = auditor.Token;
        tokens[Caller.Admin] = admin.Token;
        callers.AddRange([user.Id, stranger.Id, auditor.Id, admin.Id]);
        var ownFile = await host.UploadFileAsync(user, "own.txt", "own"u8.ToArray(), "text/plain");
        var strangersFile = await host.UploadFileAsync(stranger, "theirs.txt", "theirs"u8.ToArray(), "text/plain");
        var strangersUpload = await host.BeginUploadAsync(stranger.Token, "theirs.bin", "open"u8.ToArray());
        var baselines = new SweepBaselines(ownFile,
        [
            new("another user's file", SweepValue.Text(strangersFile.ToString())),
            new("another user's upload", SweepValue.Text(strangersUpload.UploadId.ToString())),
        ]);
        var hostile = new HostileValues(baselines);
        var schema = host.Host.Services.GetRequiredService<ISchema>();
        schema.Initialize();
        var clock = Stopwatch.StartNew();

        var queries = SweepCalls.Of(schema.Query, "query", hostile, baselines).ToList();
        var mutations = SweepCalls.Of(schema.Mutation!, "mutation", hostile, baselines).ToList();
        var subscriptions = SweepCalls.Of(schema.Subscription!, "subscription", hostile, baselines).ToList();
        await Parallel.ForEachAsync(queries, new ParallelOptions { MaxDegreeOfParallelism = Parallelism }, async (call, _) => await SendAsync(call));
        // One at a time: a success changes the store, so each refusal is compared with the state just before it.
        var before = await StoreSnapshot.TakeAsync(host, callers);
        foreach (var call in mutations)
        {
            var refused = await SendAsync(call);
            var after = await StoreSnapshot.TakeAsync(host, callers);
            if (refused && after != before)
                faults.Enqueue($"{call.Label} [{call.Caller}]: refused, yet the store changed from {before} to {after}");
            if (!refused && after != before)
                changesSeen++;
            before = after;
        }
        foreach (var upload in HostileUploads.All())
        {
            var refused = await UploadAsync(upload);
            var after = await StoreSnapshot.TakeAsync(host, callers);
            if (refused && after != before)
                faults.Enqueue($"{upload.Label}: refused, yet the store changed from {before} to {after}");
            if (!refused && after != before)
                changesSeen++;
            before = after;
        }
        foreach (var group in subscriptions.Where(c => Encoding.UTF8.GetByteCount(c.Body) < MaxWebSocketMessage).GroupBy(c => c.Caller))
            await SubscribeAllAsync(group.Key, group.ToList());

        var found = faults.ToList();
        Assert.True(found.Count == 0,
            $"{found.Count} of {queries.Count + mutations.Count + subscriptions.Count} calls answered wrongly ({clock.Elapsed.TotalSeconds:F0} s):\n" +
            string.Join("\n", found.Take(40)));
        // A sweep whose documents never got past validation would pass without judging a resolver. A field without
        // arguments is sent only one it does not have.
        var unreached = queries.Concat(mutations).Where(c => !c.Label.EndsWith("(noSuchArgument)", StringComparison.Ordinal))
            .Select(c => c.Field).Distinct().Where(f => !reached.ContainsKey(f));
        Assert.Empty(unreached);
        // The snapshot sees what a mutation changes: the successes among the hostile values (a deletion with an odd
        // reason, a file with an odd name) changed it.
        Assert.True(changesSeen > 0, "No mutation of the sweep changed the store's snapshot");
    }

    /// <summary>Sends one call over HTTP and records what is wrong with its answer; true when it was refused.</summary>
    private async Task<bool> SendAsync(SweepCall call)
    {
        var token = call is { Field: "beginUpload", Caller: Caller.User } ? await UploaderTokenAsync() : tokens[call.Caller];
        var request = GraphQLClient.Request(HttpMethod.Post, token, new StringContent(call.Body, Encoding.UTF8));
        request.Content!.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var response = await host.GraphQL.SendAsync(request);
        Record(call, AnswerJudge.Faults(response.Status, response.Body), response.Body);
        if (RanTheField(response.Body))
            reached[call.Field] = true;
        if (call is { Field: "beginUpload", Caller: Caller.User } && response.ErrorCodes.Count == 0)
            uploadsBegun++;
        return response.Body.ValueKind != JsonValueKind.Object || response.Body.TryGetProperty("errors", out _);
    }

    /// <summary>
    /// Subscribes with each call on one socket of the caller's; a query sent after each subscribe is answered after the
    /// subscription is in place or refused, so what came for the subscribe by then is its whole answer.
    /// </summary>
    private async Task SubscribeAllAsync(Caller caller, IReadOnlyList<SweepCall> calls)
    {
        await using var socket = await TransportWsSocket.ConnectAsync(host.Host);
        await socket.InitAsync(tokens[caller]);
        for (var i = 0; i < calls.Count; i++)
        {
            var call = calls[i];
            await socket.SendTextAsync($"{{\"id\":\"s{i}\",\"type\":\"subscribe\",\"payload\":{call.Body}}}");
            await socket.SendTextAsync($"{{\"id\":\"p{i}\",\"type\":\"subscribe\",\"payload\":{{\"query\":\"{{ __typename }}\"}}}}");
            var refused = false;
            while (true)
            {
                var (message, close) = await socket.ReceiveOrCloseAsync();
                if (close is { } closed)
                {
                    // ADR 0084: a message holding half of a surrogate pair is no Unicode text, closed with 4400 as a bad message.
                    if (closed.Code != 4400 || !LoneSurrogate().IsMatch(call.Body))
                        faults.Enqueue($"{call.Label} [{caller}] over the WebSocket: the socket closed with {closed}");
                    await SubscribeAllAsync(caller, calls.Skip(i + 1).ToList());
                    return;
                }
                var m = message!.Value;
                var id = m.TryGetProperty("id", out var i2) ? i2.GetString() : null;
                var type = m.GetProperty("type").GetString();
                if (id == $"p{i}" && type == "complete")
                    break;
                if (id != $"s{i}")
                    continue;
                if (type == "error")
                {
                    refused = true;
                    foreach (var error in m.GetProperty("payload").EnumerateArray())
                        Record(call, AnswerJudge.ErrorFaults(error), m);
                }
                else if (type == "next" && m.GetProperty("payload").TryGetProperty("errors", out var errors))
                {
                    foreach (var error in errors.EnumerateArray())
                        Record(call, AnswerJudge.ErrorFaults(error), m);
                }
            }
            if (!refused)
                await socket.SendTextAsync($"{{\"id\":\"s{i}\",\"type\":\"complete\"}}");
        }
    }

    [GeneratedRegex(@"(?<!\\)\\u[dD][89abAB][0-9a-fA-F]{2}(?!\\u[dD][c-fC-F])|(?<!\\u[dD][89abAB][0-9a-fA-F]{2})(?<!\\)\\u[dD][c-fC-F][0-9a-fA-F]{2}")]
    private static partial Regex LoneSurrogate();

    /// <summary>Sends one multipart upload as a user with room for another file; true when it was refused.</summary>
    private async Task<bool> UploadAsync(HostileUploads.Case upload)
    {
        var content = new ByteArrayContent(upload.Body);
        content.Headers.TryAddWithoutValidation("Content-Type", upload.ContentType);
        var request = GraphQLClient.Request(HttpMethod.Post, await FileOwnerTokenAsync(), content);
        request.Headers.Add("GraphQL-Require-Preflight", "1");
        var response = await host.GraphQL.SendAsync(request);
        var call = new SweepCall("uploadFile", upload.Label, "mutation", "", null, Caller.User);
        Record(call, AnswerJudge.Faults(response.Status, response.Body), response.Body);
        if (RanTheField(response.Body))
            reached[call.Field] = true;
        if (response.ErrorCodes.Count > 0)
            return true;
        filesStored++;
        return false;
    }

    /// <summary>A user below <c>Uploads:QuotaFiles</c>, so a hostile name is judged rather than the quota.</summary>
    private async Task<string> FileOwnerTokenAsync()
    {
        if (fileOwner is null || filesStored >= CatalogHost.QuotaFiles)
        {
            var owner = await host.GraphQL.SignUpAsync();
            callers.Add(owner.Id);
            fileOwner = owner.Token;
            filesStored = 0;
        }
        return fileOwner;
    }

    /// <summary>
    /// A user with room for another direct upload: every upload begun stays open and counts against its owner's
    /// <c>Uploads:Direct:MaxOpenPerOwner</c>, past which every later call would be refused for that before its input
    /// was judged.
    /// </summary>
    private async Task<string> UploaderTokenAsync()
    {
        if (uploader is null || uploadsBegun >= host.Host.Services.GetRequiredService<IOptions<DirectUploadOptions>>().Value.MaxOpenPerOwner)
        {
            var next = await host.GraphQL.SignUpAsync();
            callers.Add(next.Id);
            uploader = next.Token;
            uploadsBegun = 0;
        }
        return uploader;
    }

    /// <summary>The field answered, or failed with a path: it ran, past validation and the variables' coercion.</summary>
    private static bool RanTheField(JsonElement body) =>
        body.ValueKind == JsonValueKind.Object &&
        (body.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object && data.TryGetProperty("r", out var r) && r.ValueKind != JsonValueKind.Null
         || body.TryGetProperty("errors", out var errors) && errors.EnumerateArray().Any(e => e.TryGetProperty("path", out _)));

    private void Record(SweepCall call, IEnumerable<string> found, JsonElement answer)
    {
        foreach (var fault in found)
        {
            var text = answer.ValueKind == JsonValueKind.Undefined ? "(empty)" : answer.GetRawText();
            faults.Enqueue($"{call.Label} [{call.Caller}]: {fault}: {(text.Length > 400 ? text[..400] + "..." : text)}");
        }
    }
}
