using System.Net.Sockets;
using Catalog.Domain.Files;
using Catalog.Sync.Storage;
using JasperFx;
using JasperFx.CodeGeneration;
using JasperFx.Events;
using Microsoft.Extensions.Options;
using Wolverine;
using Wolverine.Configuration;
using Wolverine.ErrorHandling;
using Wolverine.Runtime.Handlers;

namespace Catalog.Sync.Purge;

/// <summary>
/// A purge, or the expiry of a direct upload, that fails on storage or on a database blip (or loses a race on its
/// stream) is retried with growing cooldowns, then moved to Wolverine's durable dead letters in Postgres, where it stays
/// visible until someone replays it. Each is bounded by <see cref="TimeLimit"/>, not by Wolverine's default of a minute:
/// its storage calls time out on their own (each try of a request, <c>Storage:*:RequestTimeout</c> and
/// <c>StallTimeout</c>), and a hung cloud tier took three tries of a minute each, so the default cut the purge off
/// before its quiet removal of a never-synced file's cloud key could give up: the local bytes were gone, the file was
/// never recorded as purged, and its owner's quota never came back.
/// </summary>
internal sealed class PurgeFailurePolicy(IOptions<DeletionOptions> options) : IWolverineExtension, IHandlerPolicy
{
    public void Configure(WolverineOptions wolverine) => wolverine.Policies.Add(this);

    public void Apply(IReadOnlyList<HandlerChain> chains, GenerationRules rules, IServiceContainer container)
    {
        var delays = options.Value.PurgeRetryDelays();
        foreach (var chain in chains.Where(c => c.MessageType == typeof(PurgeFile) || c.MessageType == typeof(ExpireDirectUpload)))
        {
            chain.ExecutionTimeoutInSeconds = (int)TimeLimit.TotalSeconds;
            if (delays.Length > 0)
                chain.OnException(IsTransient).RetryWithCooldown(delays).Then.MoveToErrorQueue();
            else
                chain.OnException(IsTransient).MoveToErrorQueue();
        }
    }

    /// <summary>A sync batch's generous bound (<see cref="SyncOptions.BatchTimeLimit"/>): the storage calls' own time-outs end a hung call long before it.</summary>
    internal static readonly TimeSpan TimeLimit = SyncOptions.BatchTimeLimit;

    internal static bool IsTransient(Exception e) => StorageFailures.IsStoreAnswer(e)
        || e is HttpRequestException or IOException or SocketException or TimeoutException
            or ConcurrencyException or EventStreamUnexpectedMaxEventIdException or StreamLockedException
            or Marten.Exceptions.StreamLockedException
        // A purge removes the bytes before its commit: one whose commit failed on a database blip must be tried again.
        || DatabaseFailures.IsTransient(e);
}
