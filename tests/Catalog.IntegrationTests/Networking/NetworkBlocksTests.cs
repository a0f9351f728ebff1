using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Amazon.S3;
using Catalog.Api.Networking;
using Catalog.IntegrationTests.GraphQL.WebSockets;
using Catalog.IntegrationTests.Infrastructure;
using Catalog.Sync.Storage;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.DependencyInjection;

namespace Catalog.IntegrationTests.Networking;

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
            services.GetRequiredKeyedService<IAmazonS3>(CloudTier.PublicClientKey),
            services.GetRequiredKeyedService<IAmazonS3>(LocalTier.S3ClientKey),
        ];

        Assert.All(clients, client => Assert.Equal(64 * 1024, client.Config.BufferSize));
    }
}

/// <summary>Over TCP, files go up and come back intact through the service's blocks, which Kestrel returns to its shelf.</summary>
[Collection(KestrelCollection.Name)]
public sealed class NetworkBlocksTests(KestrelHost host)
{
    [Theory]
    [InlineData(4 * 1024 * 1024 + 123)] // passed through to the store in one PUT
    [InlineData(6 * 1024 * 1024 + 123)] // spooled, then stored in parts
    [InlineData(37)]
    public async Task A_file_sent_over_TCP_comes_back_byte_for_byte(int size)
    {
        var user = await host.GraphQL.SignUpAsync();
        var content = SampleFiles.RandomBinary(size);

        using var uploaded = await host.GraphQL.Http.SendAsync(GraphQLClient.RestUpload(user.Token, new ByteArrayContent(content), "blocks.bin"));
        Assert.Equal(HttpStatusCode.Created, uploaded.StatusCode);
        var id = JsonDocument.Parse(await uploaded.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetGuid();
        using var download = GraphQLClient.Request(HttpMethod.Get, user.Token, url: $"/api/files/{id}/content");
        using var response = await host.GraphQL.Http.SendAsync(download);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(SHA256.HashData(content), SHA256.HashData(await response.Content.ReadAsByteArrayAsync()));
        var factory = Assert.IsType<NetworkBlocks.Factory>(host.Services.GetRequiredService<IMemoryPoolFactory<byte>>());
        Assert.True(factory.Shelf.Count > 0, "Kestrel returned no block to the service's shelf: its connections did not use the service's pool");
    }
}
