namespace Catalog.IntegrationTests.Infrastructure;

/// <summary>The servers the tests talk to; <c>scripts/test.sh</c> starts them and sets these variables.</summary>
public static class TestEnvironment
{
    public const string PostgresVariable = "CATALOG_TEST_POSTGRES";

    public static Uri LocalS3 => new(Required("CATALOG_TEST_S3_LOCAL"));
    public static Uri CloudS3 => new(Required("CATALOG_TEST_S3_CLOUD"));
    public static string AccessKey => Environment.GetEnvironmentVariable("CATALOG_TEST_S3_ACCESS_KEY") ?? "catalog-test";
    public static string SecretKey => Environment.GetEnvironmentVariable("CATALOG_TEST_S3_SECRET_KEY") ?? "catalog-test-secret";

    private static string Required(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{name} is not set: run the tests with scripts/test.sh, which starts the S3-compatible servers.");
}
