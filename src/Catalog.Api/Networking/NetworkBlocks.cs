using System.Buffers;
using Microsoft.AspNetCore.Connections;

namespace Catalog.Api.Networking;

/// <summary>
/// Kestrel reads each connection into blocks of its memory pool, one receive per block at most: with its own 4 KiB
/// blocks a 256 MiB upload took 132 760 receives, each handed from the socket's thread to the request's. Blocks of
/// 16 KiB take a quarter of that (ADR 0101).
/// </summary>
public static class NetworkBlocks
{
    public const int BlockSize = 16 * 1024;

    /// <summary>
    /// At most 16 MiB kept for reuse in the whole process. A connection busy reading or writing holds a block: a
    /// thousand WebSocket subscribers sent one event held about a thousand, and pools that kept too few for them
    /// allocated the rest anew on every event, which the garbage collector then took (P8's p99 from about 35 ms to 50).
    /// </summary>
    public const int RetainedBlocks = 1024;

    /// <summary>Replaces the memory pool factory Kestrel's socket transport takes from the services.</summary>
    public static IServiceCollection AddLargeNetworkBlocks(this IServiceCollection services) =>
        services.AddSingleton<IMemoryPoolFactory<byte>>(new Factory(new BlockShelf(BlockSize, RetainedBlocks)));

    internal sealed class Factory(BlockShelf shelf) : IMemoryPoolFactory<byte>
    {
        public BlockShelf Shelf => shelf;

        public MemoryPool<byte> Create(MemoryPoolOptions? options = null) => new LargeBlockMemoryPool(shelf);
    }
}
