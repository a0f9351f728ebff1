using System.Collections.Concurrent;
using GraphQL;

namespace Catalog.Api.GraphQL.Transport.WebSockets;

/// <summary>
/// The subscriptions running in this process, one per <see cref="SubscriptionKey"/>: a thousand sockets of one user
/// following the same subscription cost one execution per event, not a thousand (ADR 0070).
/// </summary>
public sealed class SharedSubscriptions(IServiceScopeFactory scopes, ServerMessages messages, ILogger<SharedSubscriptions> logger)
{
    private readonly ConcurrentDictionary<SubscriptionKey, SharedSubscription> running = new();

    internal IServiceScopeFactory Scopes => scopes;
    internal ServerMessages Messages => messages;
    internal ILogger Logger => logger;

    /// <summary>What runs now, with how many operations each serves.</summary>
    public IReadOnlyList<(SubscriptionKey Key, int Members)> Snapshot() =>
        running.Values.Select(s => (s.Key, s.Members)).ToList();

    /// <summary>
    /// Makes <paramref name="operation"/> a member of the subscription running for <paramref name="key"/>, starting it
    /// with <paramref name="execute"/> when none runs. Completes once a started execution has its stream (or failed).
    /// </summary>
    public Task SubscribeAsync(
        SubscriptionKey key, Operation operation, Func<IServiceProvider, CancellationToken, Task<ExecutionResult>> execute)
    {
        while (true)
        {
            var shared = running.GetOrAdd(key, k => new SharedSubscription(k, this));
            if (shared.TryJoin(operation, out var starts))
                return starts ? shared.RunAsync(execute) : Task.CompletedTask;
            running.TryRemove(new(key, shared)); // it closed between the lookup and the join
        }
    }

    internal void Remove(SharedSubscription shared) => running.TryRemove(new(shared.Key, shared));
}
