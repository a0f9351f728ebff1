using Catalog.Api.GraphQL.Schema;
using GraphQL;
using GraphQL.Execution;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;

namespace Catalog.IntegrationTests.GraphQL;

/// <summary>The one place GraphQL errors are shaped: what leaves the server about a failure it did not expect.</summary>
public sealed class ErrorShapingTests
{
    private static readonly UnhandledError Unexpected =
        new("Error trying to resolve field 'files'.", new InvalidOperationException("Npgsql: password authentication failed for user 'catalog'"));

    [Theory]
    [InlineData("Production")]
    [InlineData("Testing")]
    public void Outside_Development_an_unexpected_failure_says_nothing_of_its_cause(string environment)
    {
        var info = Provider(environment).GetInfo(Unexpected);

        Assert.Equal("INTERNAL", info.Extensions!["code"]);
        Assert.False(info.Extensions.ContainsKey("details"));
        Assert.DoesNotContain("Npgsql", info.Message);
        Assert.DoesNotContain("files", info.Message);
    }

    [Fact]
    public void In_Development_an_unexpected_failure_carries_its_details()
    {
        var info = Provider(Environments.Development).GetInfo(Unexpected);

        Assert.Equal("INTERNAL", info.Extensions!["code"]);
        Assert.Contains("Npgsql", (string)info.Extensions["details"]!);
    }

    private static CatalogErrorInfoProvider Provider(string environment) =>
        new(new HostingEnvironment { EnvironmentName = environment });
}
