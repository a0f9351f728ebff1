using System.Buffers;
using System.Collections.Concurrent;

namespace Catalog.Api.Networking;

/// <summary>
/// Blocks of one size for Kestrel's connections (ADR 0101). Returned blocks are kept for reuse up to
/// <paramref name="retainedBlocks"/>; beyond that they are left to the garbage collector, so a burst of connections does
/// not hold its memory for the life of the process.
/// </summary>
internal sealed class LargeBlockMemoryPool(int blockSize, int retainedBlocks) : MemoryPool<byte>
{
    private readonly ConcurrentQueue<byte[]> free = new();
    private int retained;
    private volatile bool disposed;

    public override int MaxBufferSize => blockSize;

    internal int RetainedCount => Volatile.Read(ref retained);

    public override IMemoryOwner<byte> Rent(int minBufferSize = -1)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(minBufferSize, blockSize);
        ObjectDisposedException.ThrowIf(disposed, this);
        if (free.TryDequeue(out var block))
            Interlocked.Decrement(ref retained);
        else
            block = GC.AllocateUninitializedArray<byte>(blockSize);
        return new Block(this, block);
    }

    private void Return(byte[] block)
    {
        if (disposed)
            return;
        if (Interlocked.Increment(ref retained) <= retainedBlocks)
            free.Enqueue(block);
        else
            Interlocked.Decrement(ref retained);
    }

    protected override void Dispose(bool disposing)
    {
        disposed = true;
        free.Clear();
    }

    /// <summary>One rented block; disposing it more than once returns it once.</summary>
    private sealed class Block(LargeBlockMemoryPool pool, byte[] array) : IMemoryOwner<byte>
    {
        private byte[]? array = array;

        public Memory<byte> Memory => array ?? throw new ObjectDisposedException(nameof(Block));

        public void Dispose()
        {
            if (Interlocked.Exchange(ref array, null) is { } returned)
                pool.Return(returned);
        }
    }
}
