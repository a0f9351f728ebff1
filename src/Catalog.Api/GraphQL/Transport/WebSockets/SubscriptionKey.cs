using System.Security.Claims;

namespace Catalog.Api.GraphQL.Transport.WebSockets;

/// <summary>
/// When two subscriptions are bound to see the same results: the same <c>subscribe</c> payload (document, operation name,
/// variables, extensions, byte for byte) run for the same identity (every claim but those that only date the token).
/// </summary>
public sealed record SubscriptionKey(string Identity, string Payload)
{
    private static readonly HashSet<string> TokenDates = ["exp", "iat", "nbf", "jti", "auth_time"];

    public static SubscriptionKey For(ClaimsPrincipal user, string payload) => new(IdentityOf(user), payload);

    private static string IdentityOf(ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated != true
            ? ""
            : string.Join('\n', user.Claims
                .Where(c => !TokenDates.Contains(c.Type))
                .Select(c => $"{c.Type.Length}:{c.Type}={c.Value.Length}:{c.Value}")
                .Order(StringComparer.Ordinal));
}
