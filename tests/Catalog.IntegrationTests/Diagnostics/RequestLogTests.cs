using System.Net;
using Catalog.IntegrationTests.Infrastructure;
using Serilog.Events;

namespace Catalog.IntegrationTests.Diagnostics;

/// <summary>
/// The request log tells an operator what the client got: a refused request is one Information line with its 4xx, and
/// a client that left midway is a 499, never an error of the service with a stack trace.
/// </summary>
[Collection(CatalogCollection.Name)]
public sealed class RequestLogTests(CatalogHost host) : IAsyncLifetime
{
    public Task InitializeAsync() => host.ResetDataAsync();
    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_refused_upload_is_logged_with_the_status_the_client_got()
    {
        var user = await host.GraphQL.SignUpAsync();
        var before = host.Log.RequestsTo("/api/files").Count;

        using var response = await host.GraphQL.Http.SendAsync(GraphQLClient.RestUpload(user.Token, new ByteArrayContent(SampleFiles.WindowsExe())));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        var line = Assert.Single(await RequestLinesAfterAsync(before));
        Assert.Equal(415, LogCapture.StatusOf(line));
        Assert.Equal(LogEventLevel.Information, line.Level);
        Assert.Null(line.Exception);
    }

    // With a length the body goes straight to the store; without one (chunked) it is spooled first.
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_client_that_leaves_during_its_upload_is_logged_as_499_not_as_an_error_or_a_warning(bool announcesLength)
    {
        var user = await host.GraphQL.SignUpAsync();
        var before = host.Log.RequestsTo("/api/files").Count;
        var errorsBefore = host.Log.Events.Count(e => e.Level >= LogEventLevel.Warning);
        var body = new EndlessContent(announcesLength);
        using var leaving = new CancellationTokenSource();

        var upload = host.GraphQL.Http.SendAsync(GraphQLClient.RestUpload(user.Token, body), leaving.Token);
        await body.Started.WaitAsync(TimeSpan.FromSeconds(15));
        await Task.Delay(200); // the service is reading the body by now
        await leaving.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => upload);

        var line = Assert.Single(await RequestLinesAfterAsync(before));
        Assert.Equal(499, LogCapture.StatusOf(line));
        Assert.Equal(LogEventLevel.Information, line.Level);
        Assert.Equal(errorsBefore, host.Log.Events.Count(e => e.Level >= LogEventLevel.Warning));
        await host.NothingStoredForAsync(user);
    }

    private async Task<IReadOnlyList<LogEvent>> RequestLinesAfterAsync(int before)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (host.Log.RequestsTo("/api/files").Count == before && DateTime.UtcNow < deadline)
            await Task.Delay(20);
        return host.Log.RequestsTo("/api/files").Skip(before).ToList();
    }

    /// <summary>Announces a megabyte (or no length), sends its first bytes and then nothing until the client gives up.</summary>
    private sealed class EndlessContent(bool announcesLength) : HttpContent
    {
        private readonly TaskCompletionSource started = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Started => started.Task;

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
        {
            await stream.WriteAsync(new byte[64 * 1024], cancellationToken);
            await stream.FlushAsync(cancellationToken);
            started.TrySetResult();
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
            SerializeToStreamAsync(stream, context, CancellationToken.None);

        protected override bool TryComputeLength(out long length)
        {
            length = 1024 * 1024;
            return announcesLength;
        }
    }
}
