using Catalog.Sync.Storage;

namespace Catalog.IntegrationTests.Storage;

/// <summary>The signer against the worked examples of S3's documentation (header-based authentication).</summary>
public sealed class SigV4Tests
{
    private const string AccessKey = "AKIAIOSFODNN7EXAMPLE";
    private const string SecretKey = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    private const string EmptyPayload = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    private static readonly DateTimeOffset Then = new(2013, 5, 24, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Signs_the_documented_get_object_example()
    {
        var headers = new Dictionary<string, string>
        {
            ["Host"] = "examplebucket.s3.amazonaws.com",
            ["Range"] = "bytes=0-9",
            ["x-amz-content-sha256"] = EmptyPayload,
            ["x-amz-date"] = SigV4.AmzDate(Then),
        };

        var authorization = SigV4.Authorization("GET", "/test.txt", headers, EmptyPayload, AccessKey, SecretKey, "us-east-1", Then);

        Assert.Equal(
            "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, " +
            "SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, " +
            "Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41",
            authorization);
    }

    [Fact]
    public void Another_secret_region_or_moment_gives_another_signature()
    {
        var headers = new Dictionary<string, string> { ["host"] = "h", ["x-amz-content-sha256"] = EmptyPayload, ["x-amz-date"] = SigV4.AmzDate(Then) };
        string Sign(string secret, string region, DateTimeOffset at) =>
            SigV4.Authorization("PUT", "/b/k", headers, EmptyPayload, AccessKey, secret, region, at).Split("Signature=")[1];

        var signatures = new[]
        {
            Sign(SecretKey, "us-east-1", Then), Sign(SecretKey + "x", "us-east-1", Then),
            Sign(SecretKey, "eu-west-1", Then), Sign(SecretKey, "us-east-1", Then.AddDays(1)),
        };

        Assert.Equal(4, signatures.Distinct().Count());
    }

    [Theory]
    [InlineData("/bucket/owner/file", "/bucket/owner/file")]
    [InlineData("/bucket/test$file.text", "/bucket/test%24file.text")]
    [InlineData("/bucket/a b+c~d", "/bucket/a%20b%2Bc~d")]
    public void Encodes_each_path_segment_once(string path, string canonical) =>
        Assert.Equal(canonical, SigV4.CanonicalPath(path));
}
