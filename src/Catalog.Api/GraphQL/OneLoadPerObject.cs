using System.Runtime.CompilerServices;

namespace Catalog.Api.GraphQL;

/// <summary>
/// One load per object handed out, however many resolvers ask for it at once: keyed by the object itself, not by
/// equality, and forgotten with it. Each caller waits with its own cancellation, so one that leaves takes the load
/// from no one; a load that failed or was cancelled is started again by the next caller.
/// </summary>
public sealed class OneLoadPerObject<TKey, TValue>(Func<TKey, Task<TValue>> load) where TKey : class
{
    private readonly ConditionalWeakTable<TKey, Lazy<Task<TValue>>> loads = new();
    private readonly Lock gate = new();

    public Task<TValue> LoadAsync(TKey key, CancellationToken ct)
    {
        Lazy<Task<TValue>>? shared;
        lock (gate)
        {
            if (!loads.TryGetValue(key, out shared) || shared.IsValueCreated && (shared.Value.IsFaulted || shared.Value.IsCanceled))
            {
                shared = new Lazy<Task<TValue>>(() => load(key));
                loads.AddOrUpdate(key, shared);
            }
        }
        return shared.Value.WaitAsync(ct);
    }
}
