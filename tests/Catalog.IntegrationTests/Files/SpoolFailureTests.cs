using System.Net.Http.Headers;
using System.Text.Json;
using Alba;
using Catalog.IntegrationTests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Catalog.IntegrationTests.Files;

/// <summary>
/// An upload that must be spooled while the spool folder fails is refused with 503 and Retry-After, never a 500, and
/// records nothing. A full disk is tested end to end (tests/scripts/spool-full.sh, a tmpfs in a mount namespace).
/// </summary>
[Collection(CatalogCollection.Name)]
public sealed class SpoolFailureTests(CatalogHost host) : IAsyncLifetime
{
    private readonly DirectoryInfo spool = Directory.CreateTempSubdirectory("catalog-spool-failure-");

    public Task InitializeAsync() => host.ResetDataAsync();

    public Task DisposeAsync()
    {
        if (spool.Exists)
            spool.Delete(recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task A_spool_folder_gone_since_start_up_refuses_a_spooled_upload_with_503_and_records_nothing()
    {
        var connectionString = host.Host.Services.GetRequiredService<IConfiguration>().GetConnectionString("Catalog")!;
        var log = new LogCapture();
        await using var started = await AlbaHost.For<Program>(web =>
        {
            CatalogHost.ConfigureTestSettings(web, connectionString);
            web.UseSetting("Uploads:SpoolDirectory", spool.FullName);
            web.ConfigureServices(services => services.AddSingleton<Serilog.Core.ILogEventSink>(log));
        });
        var graphQL = new GraphQLClient(started.Server.CreateClient());
        var user = await graphQL.SignUpAsync();
        spool.Delete();

        var form = new MultipartFormDataContent();
        var part = new ByteArrayContent(SampleFiles.Pdf(200_000));
        part.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        form.Add(part, "file", "report.pdf");
        using var response = await graphQL.Http.SendAsync(GraphQLClient.Request(HttpMethod.Post, user.Token, form, "/api/files"));

        await StorageAssertions.ShouldBeUnavailableProblem(response);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("The service could not take in this upload just now; nothing was recorded. Try again later.",
            problem.GetProperty("title").GetString());
        var warning = Assert.Single(log.Events, e => e.RenderMessage().Contains("Uploads:SpoolDirectory", StringComparison.Ordinal));
        Assert.Equal(Serilog.Events.LogEventLevel.Warning, warning.Level);
        Assert.StartsWith($"The upload spool {spool.FullName} could not take an upload: ", warning.RenderMessage(), StringComparison.Ordinal);
        await host.NothingStoredForAsync(user);
    }
}
