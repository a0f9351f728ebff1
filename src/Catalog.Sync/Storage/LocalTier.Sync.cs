using System.Net;
using Minio.DataModel.Args;
using Minio.Exceptions;

namespace Catalog.Sync.Storage;

public sealed partial class LocalTier
{
    /// <summary>
    /// Hands the object's bytes to <paramref name="consume"/> as they arrive: nothing is buffered here, and the
    /// stream is only readable until <paramref name="consume"/> returns. One GET (ADR 0037): Minio's GetObject would
    /// first ask whether the bucket exists and stat the object, two round trips the copy does not need.
    /// </summary>
    public async Task ReadAsync(string key, Func<Stream, CancellationToken, Task> consume, CancellationToken ct)
    {
        // Signed locally (the region is configured, so nothing is asked); the URL is used at once.
        var url = await client.PresignedGetObjectAsync(new PresignedGetObjectArgs()
            .WithBucket(Bucket).WithObject(key).WithExpiry((int)TimeSpan.FromMinutes(15).TotalSeconds));
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        using var response = await client.Config.HttpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        switch (response.StatusCode)
        {
            case HttpStatusCode.NotFound:
                throw new ObjectNotFoundException(key, $"The local object {key} does not exist.");
            case HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized:
                throw new AccessDeniedException($"The local tier refused to read {key} ({(int)response.StatusCode}).");
        }
        response.EnsureSuccessStatusCode(); // other failures are HttpRequestException: worth another try
        await using var body = await response.Content.ReadAsStreamAsync(ct);
        await consume(body, ct);
    }
}
