using Catalog.Domain.Files;
using Catalog.IntegrationTests.Infrastructure;

namespace Catalog.IntegrationTests.GraphQL;

/// <summary>
/// Postgres text cannot hold U+0000, so a string argument carrying one is the client's error wherever it would go: a
/// search, a deletion reason, a login, an audit filter. Each is refused before anything runs, and changes nothing.
/// </summary>
[Collection(CatalogCollection.Name)]
public sealed class NulCharacterTests(CatalogHost host) : IAsyncLifetime
{
    public Task InitializeAsync() => host.ResetDataAsync();
    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_nul_in_a_string_literal_is_bad_input()
    {
        var user = await host.GraphQL.SignUpAsync();

        // The document holds the escape \u0000, which GraphQL reads as the character.
        var response = await host.GraphQL.SendAsync("""{ files(first: 5, where: {nameContains: "a\u0000b"}) { totalCount } }""", token: user.Token);

        response.ShouldFailWith("BAD_USER_INPUT");
        Assert.Contains("NUL", response.FirstErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_nul_in_a_string_variable_is_bad_input_and_deletes_nothing()
    {
        var user = await host.GraphQL.SignUpAsync();
        var fileId = await host.UploadFileAsync(user, "kept.txt", "kept"u8.ToArray(), "text/plain");

        var response = await host.DeleteFileAsync(user.Token, fileId, reason: "no\0reason");

        response.ShouldFailWith("BAD_USER_INPUT");
        Assert.Contains("NUL", response.FirstErrorMessage, StringComparison.Ordinal);
        Assert.Equal([fileId], await host.ListedIdsAsync(user.Token));
        Assert.IsType<FileUploaded>(Assert.Single(await host.EventsOfAsync(fileId)));
    }

    [Fact]
    public async Task A_nul_in_a_login_or_an_audit_filter_is_bad_input()
    {
        var auditor = await host.GraphQL.SignUpAsync(CatalogHost.AuditorEmail);

        var logIn = await host.GraphQL.SendAsync(
            "mutation($input: CredentialsInput!) { logIn(input: $input) { token } }",
            new { input = new { email = "nul\0x@example.test", password = "correct horse battery" } });
        var trail = await host.GraphQL.SendAsync(
            "query($where: AuditFilter) { auditTrail(where: $where, first: 5) { totalCount } }",
            new { where = new { kinds = new[] { "File\0Uploaded" } } }, auditor.Token);

        logIn.ShouldFailWith("BAD_USER_INPUT");
        trail.ShouldFailWith("BAD_USER_INPUT");
    }
}
