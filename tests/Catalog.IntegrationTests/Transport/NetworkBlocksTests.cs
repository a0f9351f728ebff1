using System.Net;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text.Json;
using Amazon.S3;
using Catalog.Api.Networking;
using Catalog.Sync.Storage;
using Catalog.IntegrationTests.GraphQL.WebSockets;
using Catalog.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.DependencyInjection;

namespace Catalog.IntegrationTests.Transport;

/// <summary>
/// Kestrel's connections read into 16 KiB blocks of the service's own pool, not Kestrel's 4 KiB ones, and the S3
/// clients write request bodies in 64 KiB pieces, not 8 KiB ones (ADR 0101).
/// </summary>
[Collection(CatalogCollection.Name)]
public sealed class NetworkBlocksCompositionTests(CatalogHost host)
{
    [Fact]
    public void Kestrel_is_given_the_pool_of_16_KiB_blocks()
    {
        using var pool = host.Host.Services.GetRequiredService<IMemoryPoolFactory<byte>>().Create();
        using var block = pool.Rent(2048);

        Assert.Equal(16 * 1024, pool.MaxBufferSize);
        Assert.Equal(16 * 1024, block.Memory.Length);
    }

    [Fact]
    public void Every_S3_client_writes_request_bodies_in_64_KiB_pieces()
    {
        var services = host.Host.Services;
        IAmazonS3[] clients =
        [
            services.GetRequiredService<IAmazonS3>(),
            services.GetRequiredKeyedService<IAmazonS3>(CloudTier.DownloadClientKey),
            services.GetRequiredKeyedService<IAmazonS3>(LocalTier.S3ClientKey),
        ];

        Assert.All(clients, client => Assert.Equal(64 * 1024, client.Config.BufferSize));
    }
}

/// <summary>Over TCP, on a host of its own, files go up and come back intact through the service's pool of blocks.</summary>
public sealed class NetworkBlocksTests : IAsyncLifetime
{
    private readonly KestrelHost host = new("catalog_kestrel_blocks");

    public Task InitializeAsync() => host.InitializeAsync();
    public Task DisposeAsync() => host.DisposeAsync();

    [Theory]
    [InlineData(4 * 1024 * 1024 + 123)] // passed through to the store in one PUT
    [InlineData(6 * 1024 * 1024 + 123)] // spooled, then stored in parts
    [InlineData(37)]
    public async Task A_file_sent_over_TCP_comes_back_byte_for_byte(int size)
    {
        Assert.IsType<LargeBlockMemoryPool>(host.Services.GetRequiredService<IMemoryPoolFactory<byte>>().Create());
        var user = await host.GraphQL.SignUpAsync();
        var content = SampleFiles.RandomBinary(size);

        using var uploaded = await host.GraphQL.Http.SendAsync(GraphQLClient.RestUpload(user.Token, new ByteArrayContent(content), "blocks.bin"));
        Assert.Equal(HttpStatusCode.Created, uploaded.StatusCode);
        var id = JsonDocument.Parse(await uploaded.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetGuid();
        using var download = GraphQLClient.Request(HttpMethod.Get, user.Token, url: $"/api/files/{id}/content");
        using var response = await host.GraphQL.Http.SendAsync(download);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(SHA256.HashData(content), SHA256.HashData(await response.Content.ReadAsByteArrayAsync()));
    }
}

public sealed class LargeBlockMemoryPoolTests
{
    [Fact]
    public void Every_block_has_the_pools_size_and_a_larger_one_is_refused()
    {
        using var pool = new LargeBlockMemoryPool(8192, retainedBlocks: 2);

        using var any = pool.Rent();
        using var small = pool.Rent(100);

        Assert.Equal(8192, any.Memory.Length);
        Assert.Equal(8192, small.Memory.Length);
        Assert.Throws<ArgumentOutOfRangeException>(() => pool.Rent(8193));
    }

    [Fact]
    public void A_returned_block_is_rented_again_but_no_more_than_the_retained_number_are_kept()
    {
        using var pool = new LargeBlockMemoryPool(1024, retainedBlocks: 2);
        var first = Enumerable.Range(0, 3).Select(_ => pool.Rent()).ToList();
        var arrays = first.Select(ArrayOf).ToList();

        first.ForEach(block => block.Dispose());
        var again = Enumerable.Range(0, 3).Select(_ => pool.Rent()).ToList();

        Assert.Equal(2, again.Count(block => arrays.Contains(ArrayOf(block))));
        Assert.Equal(0, pool.RetainedCount);
    }

    [Fact]
    public void A_block_disposed_twice_is_returned_once_and_unusable()
    {
        using var pool = new LargeBlockMemoryPool(1024, retainedBlocks: 4);
        var block = pool.Rent();
        var array = ArrayOf(block);

        block.Dispose();
        block.Dispose();

        Assert.Equal(1, pool.RetainedCount);
        Assert.Throws<ObjectDisposedException>(() => block.Memory);
        using var next = pool.Rent();
        using var other = pool.Rent();
        Assert.Same(array, ArrayOf(next));
        Assert.NotSame(array, ArrayOf(other));
    }

    [Fact]
    public void A_disposed_pool_rents_nothing_and_keeps_nothing()
    {
        var pool = new LargeBlockMemoryPool(1024, retainedBlocks: 4);
        var block = pool.Rent();

        pool.Dispose();
        block.Dispose();

        Assert.Equal(0, pool.RetainedCount);
        Assert.Throws<ObjectDisposedException>(() => pool.Rent());
    }

    private static byte[] ArrayOf(System.Buffers.IMemoryOwner<byte> block) =>
        MemoryMarshal.TryGetArray<byte>(block.Memory, out var segment) ? segment.Array! : throw new InvalidOperationException("not an array");
}
