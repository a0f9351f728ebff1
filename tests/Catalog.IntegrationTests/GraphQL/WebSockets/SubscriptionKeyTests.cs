using System.Security.Claims;
using Catalog.Api.GraphQL.Transport.WebSockets;

namespace Catalog.IntegrationTests.GraphQL.WebSockets;

public sealed class SubscriptionKeyTests
{
    private const string Payload = """{"query":"subscription { fileEvents { fileId } }"}""";

    private static ClaimsPrincipal User(params (string Type, string Value)[] claims) =>
        new(new ClaimsIdentity(claims.Select(c => new Claim(c.Type, c.Value)), "Bearer"));

    [Fact]
    public void Two_tokens_of_one_user_that_differ_only_in_their_dates_have_one_key()
    {
        var morning = User(("sub", "u1"), ("role", "auditor"), ("iat", "100"), ("exp", "200"), ("jti", "a"));
        var evening = User(("role", "auditor"), ("sub", "u1"), ("iat", "900"), ("exp", "999"), ("jti", "b"), ("nbf", "900"));

        Assert.Equal(SubscriptionKey.For(morning, Payload), SubscriptionKey.For(evening, Payload));
    }

    [Theory]
    [InlineData("sub", "u2")]
    [InlineData("role", "admin")]
    [InlineData("email", "other@example.test")]
    public void Any_other_claim_that_differs_makes_another_key(string type, string value)
    {
        var user = User(("sub", "u1"), ("role", "auditor"), ("email", "u1@example.test"));
        var other = User([.. user.Claims.Where(c => c.Type != type).Select(c => (c.Type, c.Value)), (type, value)]);

        Assert.NotEqual(SubscriptionKey.For(user, Payload), SubscriptionKey.For(other, Payload));
    }

    [Fact]
    public void Claims_cannot_be_run_together_into_another_identity()
    {
        var one = User(("a", "b\n1:c=1:d"));
        var two = User(("a", "b"), ("c", "d"));

        Assert.NotEqual(SubscriptionKey.For(one, Payload), SubscriptionKey.For(two, Payload));
    }

    [Fact]
    public void An_anonymous_caller_is_never_keyed_as_a_user_and_payloads_differ_byte_for_byte()
    {
        var anonymous = new ClaimsPrincipal(new ClaimsIdentity([new Claim("sub", "u1")]));
        var user = User(("sub", "u1"));

        Assert.NotEqual(SubscriptionKey.For(anonymous, Payload), SubscriptionKey.For(user, Payload));
        Assert.NotEqual(SubscriptionKey.For(user, Payload), SubscriptionKey.For(user, Payload.Replace("{ fileId", "{  fileId")));
    }
}
