using System.Buffers;
using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using Catalog.Api.Networking;

namespace Catalog.IntegrationTests.Networking;

/// <summary>The pools Kestrel is given and the shelf they share (ADR 0101).</summary>
public sealed class LargeBlockMemoryPoolTests
{
    [Fact]
    public void Every_block_has_the_shelfs_size_and_a_larger_one_is_refused()
    {
        using var pool = new LargeBlockMemoryPool(new BlockShelf(8192, capacity: 2));

        using var any = pool.Rent();
        using var small = pool.Rent(100);

        Assert.Equal(8192, pool.MaxBufferSize);
        Assert.Equal(8192, any.Memory.Length);
        Assert.Equal(8192, small.Memory.Length);
        Assert.Throws<ArgumentOutOfRangeException>(() => pool.Rent(8193));
    }

    [Fact]
    public void A_returned_block_is_rented_again_but_the_shelf_keeps_no_more_than_its_capacity()
    {
        var shelf = new BlockShelf(1024, capacity: 2);
        using var pool = new LargeBlockMemoryPool(shelf);
        var first = Enumerable.Range(0, 3).Select(_ => pool.Rent()).ToList();
        var arrays = first.Select(ArrayOf).ToList();

        first.ForEach(block => block.Dispose());
        var kept = shelf.Count;
        var again = Enumerable.Range(0, 3).Select(_ => pool.Rent()).ToList();

        Assert.Equal(2, kept);
        Assert.Equal(2, again.Count(block => arrays.Contains(ArrayOf(block))));
        Assert.Equal(0, shelf.Count);
    }

    [Fact]
    public void A_block_disposed_twice_is_returned_once_and_unusable()
    {
        var shelf = new BlockShelf(1024, capacity: 4);
        using var pool = new LargeBlockMemoryPool(shelf);
        var block = pool.Rent();
        var array = ArrayOf(block);

        block.Dispose();
        block.Dispose();

        Assert.Equal(1, shelf.Count);
        Assert.Throws<ObjectDisposedException>(() => block.Memory);
        using var next = pool.Rent();
        using var other = pool.Rent();
        Assert.Same(array, ArrayOf(next));
        Assert.NotSame(array, ArrayOf(other));
    }

    [Fact]
    public void Pools_share_the_shelf_and_a_disposed_one_rents_nothing_and_puts_nothing_back()
    {
        var shelf = new BlockShelf(1024, capacity: 4);
        using var other = new LargeBlockMemoryPool(shelf);
        var pool = new LargeBlockMemoryPool(shelf);
        var returnedBefore = pool.Rent();
        var returnedAfter = pool.Rent();
        var array = ArrayOf(returnedBefore);

        returnedBefore.Dispose();
        pool.Dispose();
        returnedAfter.Dispose();

        Assert.Equal(1, shelf.Count);
        Assert.Throws<ObjectDisposedException>(() => pool.Rent());
        using var fromOther = other.Rent();
        Assert.Same(array, ArrayOf(fromOther));
    }

    [Fact]
    public async Task Blocks_rented_and_returned_from_many_threads_are_never_handed_out_twice_at_once()
    {
        var shelf = new BlockShelf(256, capacity: 8);
        using var pool = new LargeBlockMemoryPool(shelf);
        var inUse = new ConcurrentDictionary<byte[], bool>(ReferenceEqualityComparer.Instance);
        var doubled = 0;
        var overCapacity = 0;

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
        {
            for (var i = 0; i < 20_000; i++)
            {
                var block = pool.Rent();
                var array = ArrayOf(block);
                if (!inUse.TryAdd(array, true))
                    Interlocked.Increment(ref doubled);
                inUse.TryRemove(array, out var _);
                block.Dispose();
                if (shelf.Count > 8)
                    Interlocked.Increment(ref overCapacity);
            }
        })));

        Assert.Equal(0, doubled);
        Assert.Equal(0, overCapacity);
        Assert.InRange(shelf.Count, 1, 8);
    }

    private static byte[] ArrayOf(IMemoryOwner<byte> block) =>
        MemoryMarshal.TryGetArray<byte>(block.Memory, out var segment) ? segment.Array! : throw new InvalidOperationException("not an array");
}
