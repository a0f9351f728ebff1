using System.Buffers;

namespace Catalog.Api.Networking;

/// <summary>One of Kestrel's pools: blocks of the shelf's size, taken from it and put back on it (ADR 0101).</summary>
internal sealed class LargeBlockMemoryPool(BlockShelf shelf) : MemoryPool<byte>
{
    private volatile bool disposed;

    public override int MaxBufferSize => shelf.BlockSize;

    public override IMemoryOwner<byte> Rent(int minBufferSize = -1)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(minBufferSize, shelf.BlockSize);
        ObjectDisposedException.ThrowIf(disposed, this);
        return new Block(this, shelf.Take());
    }

    private void Return(byte[] block)
    {
        if (!disposed)
            shelf.Put(block);
    }

    protected override void Dispose(bool disposing) => disposed = true;

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
