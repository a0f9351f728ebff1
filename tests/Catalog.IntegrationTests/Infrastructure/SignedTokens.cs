using Catalog.Api.Auth;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Catalog.IntegrationTests.Infrastructure;

/// <summary>Tokens signed with the service's own key, as only a holder of that key could make them.</summary>
public static class SignedTokens
{
    /// <summary>A token for <paramref name="user"/>, valid for the ten minutes before <paramref name="expires"/> (ten from now if not given).</summary>
    public static string SignedToken(this CatalogHost host, TestUser user, Dictionary<string, object> claims, DateTime? expires = null)
    {
        var auth = host.Host.Services.GetRequiredService<IOptions<AuthOptions>>().Value;
        var until = expires ?? DateTime.UtcNow.AddMinutes(10);
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = auth.Issuer,
            Audience = auth.Audience,
            IssuedAt = until.AddMinutes(-10),
            NotBefore = until.AddMinutes(-10),
            Expires = until,
            Claims = new Dictionary<string, object>(claims)
            {
                [CatalogClaims.Subject] = user.Id.ToString(),
                [CatalogClaims.Email] = user.Email,
            },
            SigningCredentials = new SigningCredentials(TokenIssuer.SigningKey(auth), SecurityAlgorithms.HmacSha256),
        });
    }
}
