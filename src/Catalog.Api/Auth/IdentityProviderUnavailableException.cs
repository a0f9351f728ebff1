namespace Catalog.Api.Auth;

/// <summary>
/// The external issuer's metadata (its name and signing keys) could not be fetched, so a token cannot be checked either
/// way: an outage of a dependency, answered 503 <c>AUTH_UNAVAILABLE</c> or closed with 1013, never a 401 or a 500.
/// </summary>
public sealed class IdentityProviderUnavailableException(Exception inner) : Exception(ClientMessage, inner)
{
    public const string ClientMessage =
        "The identity provider that issues tokens could not be reached, so the token could not be checked. Try again " +
        "shortly; requests without a token are still served.";
}
