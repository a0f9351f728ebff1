using Catalog.Api.Auth;
using Catalog.Api.Errors;

namespace Catalog.Api.Users;

/// <summary>The service's own accounts, offered only while its own tokens are the ones it takes.</summary>
public static class BuiltInAccounts
{
    // Behind an external issuer, a sign-up stored an account and then failed on the empty signing key (an internal
    // error), or, with a key left in the settings, handed out a token that no request is taken with.
    public static void ThrowUnlessOffered(TokenIssuer tokens)
    {
        if (!tokens.TokensAccepted)
            throw new CatalogProblem(ErrorCode.Forbidden,
                "This service takes the tokens of an external sign-in service only: sign up and log in there.");
    }
}
