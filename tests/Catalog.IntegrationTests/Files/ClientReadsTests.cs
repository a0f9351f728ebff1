using Catalog.Api.Errors;
using Catalog.Api.Files.Upload;
using Microsoft.AspNetCore.Http;

namespace Catalog.IntegrationTests.Files;

/// <summary>
/// What a client is told when reading its upload fails the way Kestrel fails it: a stalled client was told its upload
/// had ended. No host: the reads work on any stream.
/// </summary>
public sealed class ClientReadsTests
{
    public static TheoryData<string, Exception, string, string> Failures => new()
    {
        { "too slow", new BadHttpRequestException("Reading the request body timed out due to data arriving too slowly.", 408), ErrorCode.BadUserInput, "arrived too slowly" },
        { "bad chunk", new BadHttpRequestException("Bad chunk size data.", 400), ErrorCode.BadUserInput, "chunked encoding" },
        { "cut off", new IOException("The client reset the request stream."), ErrorCode.BadUserInput, "ended before the file was complete" },
        { "over the limit", new BadHttpRequestException("Request body too large.", 413), ErrorCode.FileTooLarge, "larger than the largest upload" },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public async Task Each_failure_of_the_body_is_told_for_what_it_is(string why, Exception failure, string code, string told)
    {
        var problem = await Assert.ThrowsAsync<CatalogProblem>(() => ClientReads.ReadAsync(new FailingStream(failure), new byte[16], default));

        Assert.True(problem.Code == code, $"{why}: {problem.Code}");
        Assert.Contains(told, problem.Message, StringComparison.Ordinal);
    }

    private sealed class FailingStream(Exception failure) : MemoryStream
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            ValueTask.FromException<int>(failure);
    }
}
