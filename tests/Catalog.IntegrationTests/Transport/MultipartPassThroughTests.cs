using System.Text;
using Catalog.Domain.Files;
using Catalog.IntegrationTests.Infrastructure;
using static Catalog.IntegrationTests.Infrastructure.FileCalls;

namespace Catalog.IntegrationTests.Transport;

/// <summary>
/// GraphQL multipart uploads with a request length go straight through to the store (ADR 0075): the file's length
/// follows from the request's, as long as the body has the shape every client sends. Any other shape is refused
/// before a byte is recorded, and is taken when sent without a length.
/// </summary>
[Collection(CatalogCollection.Name)]
public sealed class MultipartPassThroughTests(CatalogHost host) : IAsyncLifetime
{
    private const string Boundary = "----catalog-test-boundary-7MA4YWxkTrZu0gW";
    private const string Operations = """{"query":"mutation($file: Upload!){ uploadFile(file: $file){ id size sha256 } }","variables":{"file":null}}""";

    public Task InitializeAsync() => host.ResetDataAsync();
    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task The_store_receives_the_file_while_the_client_is_still_sending_it()
    {
        var user = await host.GraphQL.SignUpAsync();
        var file = SampleFiles.RandomBinary(600_000);
        var (head, tail) = (Head(), Tail());
        var body = new HeldBackContent([.. head, .. file, .. tail], sendFirst: head.Length + 300_000);
        host.LocalProxy.ResetCounters();

        var upload = host.GraphQL.SendAsync(Request(user.Token, body));
        var putStarted = await Eventually.HoldsAsync(() => host.LocalProxy.RequestLines.Any(line => line.StartsWith("PUT ", StringComparison.Ordinal)));
        body.SendTheRest();
        var response = await upload;

        Assert.True(putStarted, "the PUT to the store did not start while half of the file was still to come");
        await ShouldBeStoredAsync(user, response, file);
    }

    [Fact]
    public async Task Bytes_that_nearly_form_the_boundary_are_file_bytes()
    {
        var user = await host.GraphQL.SignUpAsync();
        var almost = Encoding.ASCII.GetBytes("\r\n--" + Boundary[..^1]);
        var file = SampleFiles.RandomBinary(300_000);
        for (var at = 1000; at + almost.Length < file.Length; at += 4093) // every seam of the reads meets some of them
        {
            almost.CopyTo(file, at);
            // A random byte after it could complete the delimiter (1 in 256 each time), and then the file is no longer
            // one a client could send with this boundary.
            if (file[at + almost.Length] == (byte)Boundary[^1])
                file[at + almost.Length] ^= 1;
        }
        almost.AsSpan(0, almost.Length - 3).CopyTo(file.AsSpan(file.Length - almost.Length + 3)); // right before the real one

        var response = await host.GraphQL.SendAsync(Request(user.Token, new ByteArrayContent([.. Head(), .. file, .. Tail()])));

        await ShouldBeStoredAsync(user, response, file);
    }

    public static TheoryData<string, string, string> OtherShapes => new()
    {
        { "an epilogue after the closing boundary", "", "\r\nthe end\r\n" },
        { "no line break after the closing boundary", "", "" },
        { "a part after the file", "\r\n--" + Boundary + "\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nafter the file", "\r\n" },
    };

    [Theory]
    [MemberData(nameof(OtherShapes))]
    public async Task A_body_of_another_shape_with_a_length_is_refused_and_leaves_nothing(string why, string afterFile, string epilogue)
    {
        var user = await host.GraphQL.SignUpAsync();
        var file = SampleFiles.RandomBinary(100_000);

        var response = await host.GraphQL.SendAsync(Request(user.Token, new ByteArrayContent([.. Head(), .. file, .. Tail(afterFile, epilogue)])));

        Assert.True(response.ErrorCodes.Contains("BAD_USER_INPUT"), $"{why}: {response.Body}");
        Assert.Contains("last part of the multipart body", response.FirstErrorMessage, StringComparison.Ordinal);
        await host.NothingStoredForAsync(user);
    }

    [Theory]
    [MemberData(nameof(OtherShapes))]
    public async Task A_body_of_another_shape_sent_without_a_length_is_taken(string why, string afterFile, string epilogue)
    {
        var user = await host.GraphQL.SignUpAsync();
        var file = SampleFiles.RandomBinary(100_000);

        var response = await host.GraphQL.SendAsync(Request(user.Token, HeldBackContent.Chunked([.. Head(), .. file, .. Tail(afterFile, epilogue)])));

        Assert.True(response.ErrorCodes.Count == 0, $"{why}: {response.Body}");
        await ShouldBeStoredAsync(user, response, file);
    }

    [Fact]
    public async Task A_body_that_ends_inside_the_file_is_refused_and_leaves_nothing()
    {
        var user = await host.GraphQL.SignUpAsync();
        var whole = (byte[])[.. Head(), .. SampleFiles.RandomBinary(100_000), .. Tail()];

        var response = await host.GraphQL.SendAsync(Request(user.Token, new HeldBackContent(whole, sendFirst: whole.Length - 5_000, endEarly: true)));

        response.ShouldFailWith("BAD_USER_INPUT");
        await host.NothingStoredForAsync(user);
    }

    private async Task ShouldBeStoredAsync(TestUser user, GraphQLResponse response, byte[] file)
    {
        var uploaded = response.ShouldSucceed().Data.GetProperty("uploadFile");
        Assert.Equal(Sha256Of(file), uploaded.GetProperty("sha256").GetString());
        var id = uploaded.GetProperty("id").GetGuid();
        Assert.Equal((file.LongLength, Sha256Of(file)), await host.LocalBucket.ReadAsync($"{user.Id}/{id}"));
        var recorded = Assert.IsType<FileUploaded>((await host.EventsOfAsync(id))[0]);
        Assert.Equal(file.LongLength, recorded.Size);
    }

    private static byte[] Head() => Encoding.ASCII.GetBytes(
        $"--{Boundary}\r\nContent-Disposition: form-data; name=\"operations\"\r\n\r\n{Operations}\r\n" +
        $"--{Boundary}\r\nContent-Disposition: form-data; name=\"map\"\r\n\r\n{{\"0\":[\"variables.file\"]}}\r\n" +
        $"--{Boundary}\r\nContent-Disposition: form-data; name=\"0\"; filename=\"through.bin\"\r\nContent-Type: application/octet-stream\r\n\r\n");

    private static byte[] Tail(string afterFile = "", string epilogue = "\r\n") =>
        Encoding.ASCII.GetBytes($"{afterFile}\r\n--{Boundary}--{epilogue}");

    private static HttpRequestMessage Request(string token, HttpContent body)
    {
        body.Headers.TryAddWithoutValidation("Content-Type", $"multipart/form-data; boundary=\"{Boundary}\"");
        var request = GraphQLClient.Request(HttpMethod.Post, token, body);
        request.Headers.Add("GraphQL-Require-Preflight", "1");
        return request;
    }
}
