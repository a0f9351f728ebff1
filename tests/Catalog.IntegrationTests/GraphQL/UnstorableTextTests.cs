using Catalog.Domain.Files;
using Catalog.IntegrationTests.Infrastructure;

namespace Catalog.IntegrationTests.GraphQL;

/// <summary>
/// Postgres text cannot hold U+0000, and half of a surrogate pair cannot be encoded at all, so a string argument
/// carrying either is the client's error wherever it would go: a search, a deletion reason, a sign-up, a login, an
/// audit filter. Each is refused before anything runs, and changes nothing.
/// </summary>
[Collection(CatalogCollection.Name)]
public sealed class UnstorableTextTests(CatalogHost host) : IAsyncLifetime
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

    [Fact]
    public async Task Half_of_a_surrogate_pair_in_a_string_literal_is_bad_input_and_signs_up_no_one()
    {
        var user = await host.GraphQL.SignUpAsync();

        // The documents hold the escapes, which GraphQL reads as lone UTF-16 code units: no Unicode text.
        var search = await host.GraphQL.SendAsync("""{ files(first: 5, where: {nameContains: "a\uD800b"}) { totalCount } }""", token: user.Token);
        var signUp = await host.GraphQL.SendAsync(
            """mutation { signUp(input: {email: "lone@example.test", password: "correct\uDC00horse battery"}) { token } }""");
        var signUpAgain = await host.GraphQL.SendAsync(
            """mutation { signUp(input: {email: "lone@example.test", password: "correct horse battery"}) { token } }""");

        search.ShouldFailWith("BAD_USER_INPUT");
        Assert.Contains("surrogate", search.FirstErrorMessage, StringComparison.Ordinal);
        signUp.ShouldFailWith("BAD_USER_INPUT");
        Assert.Contains("surrogate", signUp.FirstErrorMessage, StringComparison.Ordinal);
        signUpAgain.ShouldSucceed();
    }

    [Fact]
    public async Task A_surrogate_pair_in_a_string_literal_is_text()
    {
        var user = await host.GraphQL.SignUpAsync();

        var search = await host.GraphQL.SendAsync("""{ files(first: 5, where: {nameContains: "\uD83D\uDE00"}) { totalCount } }""", token: user.Token);

        search.ShouldSucceed();
    }
}
