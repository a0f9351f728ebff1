using JasperFx;
using JasperFx.Events;

namespace Catalog.Sync.Locking;

/// <summary>Marten's optimistic concurrency check failing: another writer appended to the stream first.</summary>
public static class StreamRaces
{
    public static bool Lost(Exception e) => e is ConcurrencyException or EventStreamUnexpectedMaxEventIdException;
}
