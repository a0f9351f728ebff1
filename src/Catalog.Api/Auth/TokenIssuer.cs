using System.Security.Claims;
using System.Text;
using Catalog.Domain.Users;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Catalog.Api.Auth;

public sealed record IssuedToken(string Token, DateTimeOffset ExpiresAt);

/// <summary>Mints the built-in HS256 tokens that carry the user's id, email and roles.</summary>
public sealed class TokenIssuer(IOptions<AuthOptions> options, TimeProvider time)
{
    private readonly JsonWebTokenHandler handler = new();

    /// <summary>False when an external issuer's tokens are taken instead (<c>Auth:Authority</c>): the service would refuse these.</summary>
    public bool TokensAccepted => options.Value.Authority is null;

    public IssuedToken Issue(UserAccount user, IReadOnlyList<string> roles)
    {
        var settings = options.Value;
        var now = time.GetUtcNow();
        var expires = now + settings.TokenLifetime;
        var claims = new List<Claim>
        {
            new(CatalogClaims.Subject, user.Id.ToString()),
            new(CatalogClaims.Email, user.Email),
        };
        claims.AddRange(roles.Select(role => new Claim(CatalogClaims.Role, role)));

        var token = handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = settings.Issuer,
            Audience = settings.Audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expires.UtcDateTime,
            Subject = new ClaimsIdentity(claims),
            SigningCredentials = new SigningCredentials(SigningKey(settings), SecurityAlgorithms.HmacSha256),
        });
        return new IssuedToken(token, expires);
    }

    public static SymmetricSecurityKey SigningKey(AuthOptions settings) =>
        new(Encoding.UTF8.GetBytes(settings.SigningKey));
}
