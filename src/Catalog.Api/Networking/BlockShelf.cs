using System.Collections.Concurrent;

namespace Catalog.Api.Networking;

/// <summary>
/// Returned blocks of one size, kept for reuse by every pool of the process, up to <paramref name="capacity"/>; beyond
/// that they are left to the garbage collector (ADR 0101). Kestrel makes one pool per I/O queue (one per core, up to
/// 16), so a limit per pool would grow with the machine.
/// </summary>
internal sealed class BlockShelf(int blockSize, int capacity)
{
    private readonly ConcurrentQueue<byte[]> free = new();
    private int count;

    public int BlockSize => blockSize;

    public int Count => Volatile.Read(ref count);

    public byte[] Take()
    {
        if (!free.TryDequeue(out var block))
            return GC.AllocateUninitializedArray<byte>(blockSize);
        Interlocked.Decrement(ref count);
        return block;
    }

    public void Put(byte[] block)
    {
        // Counted before it is queued and after it is taken, so neither the count nor the queue passes the capacity.
        int counted;
        do
        {
            counted = Volatile.Read(ref count);
            if (counted >= capacity)
                return;
        }
        while (Interlocked.CompareExchange(ref count, counted + 1, counted) != counted);
        free.Enqueue(block);
    }
}
