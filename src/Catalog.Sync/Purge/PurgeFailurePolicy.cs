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
/// visible until someone replays it.
/// </summary>
internal sealed class PurgeFailurePolicy(IOptions<DeletionOptions> options) : IWolverineExtension, IHandlerPolicy
{
    public void Configure(WolverineOptions wolverine) => wolverine.Policies.Add(this);

    public void Apply(IReadOnlyList<HandlerChain> chains, GenerationRules rules, IServiceContainer container)
    {
        var delays = options.Value.PurgeRetryDelays();
        foreach (var chain in chains.Where(c => c.MessageType == typeof(PurgeFile) || c.MessageType == typeof(ExpireDirectUpload)))
        {
            if (delays.Length > 0)
                chain.OnException(IsTransient).RetryWithCooldown(delays).Then.MoveToErrorQueue();
            else
                chain.OnException(IsTransient).MoveToErrorQueue();
        }
    }

    internal static bool IsTransient(Exception e) => StorageFailures.IsStoreAnswer(e)
        || e is HttpRequestException or IOException or SocketException or TimeoutException
            or ConcurrencyException or EventStreamUnexpectedMaxEventIdException or StreamLockedException
            or Marten.Exceptions.StreamLockedException
        // A purge removes the bytes before its commit: one whose commit failed on a database blip must be tried again.
        || DatabaseFailures.IsTransient(e);
}
