using System.Security.Claims;
using Catalog.Api.Auth;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;

namespace Catalog.Api.GraphQL.Transport.WebSockets;

/// <summary>
/// Who a connection runs as, and until when: the caller the upgrade request's Authorization header named, or the one a
/// token in <c>connection_init</c> names, validated exactly as the HTTP bearer scheme does: the same handlers and the
/// same <c>TokenValidationParameters</c> (with an external issuer's keys when one is configured). A connection lasts
/// as long as an HTTP request would be taken with its token: until its expiry plus the validation's clock skew.
/// </summary>
public sealed class WebSocketAuthenticator(IOptionsMonitor<JwtBearerOptions> jwtOptions, IOptions<AuthOptions> auth, WiderRoles widerRoles,
    ILogger<WebSocketAuthenticator> logger)
{
    /// <param name="ExpiresAt">When HTTP stops taking the token: its expiry plus the clock skew; null without a token.</param>
    public sealed record Authenticated(ClaimsPrincipal User, DateTimeOffset? ExpiresAt);

    /// <summary>
    /// The caller of the upgrade request (anonymous without a token), with its token's expiry; null when the request
    /// carried a token that is not valid here.
    /// </summary>
    public async Task<Authenticated?> UpgradeUserAsync(HttpContext http)
    {
        var result = await http.AuthenticateAsync(); // the result UseAuthentication already had, cached by the handler
        return result.Failure is not null ? null : new Authenticated(http.User, result.Succeeded ? TakenUntil(result.Properties.ExpiresUtc) : null);
    }

    /// <summary>
    /// The caller the token names, or null when it is not valid here (expired, forged, for someone else); throws
    /// <see cref="IdentityProviderUnavailableException"/> when the external issuer's keys cannot be fetched to tell.
    /// </summary>
    public async Task<Authenticated?> AuthenticateAsync(string token, CancellationToken ct)
    {
        var options = jwtOptions.Get(JwtBearerDefaults.AuthenticationScheme);
        var parameters = options.TokenValidationParameters.Clone();
        if (await IssuerMetadata.ForTokenAsync(options, token, logger, ct) is { } configuration)
        {
            parameters.ValidIssuers = [.. parameters.ValidIssuers ?? [], configuration.Issuer];
            parameters.IssuerSigningKeys = [.. parameters.IssuerSigningKeys ?? [], .. configuration.SigningKeys];
        }

        foreach (var handler in options.TokenHandlers)
        {
            var result = await handler.ValidateTokenAsync(token, parameters);
            if (result.IsValid)
            {
                var validTo = result.SecurityToken?.ValidTo;
                DateTimeOffset? expiresAt = validTo is { } to && to != DateTime.MinValue ? new DateTimeOffset(to, TimeSpan.Zero) : null;
                var user = new ClaimsPrincipal(result.ClaimsIdentity);
                // As the bearer scheme's OnTokenValidated does for HTTP and for the upgrade request's header.
                if (auth.Value.Authority is null)
                    user = await widerRoles.ConfirmAsync(user, ct);
                return new Authenticated(user, TakenUntil(expiresAt));
            }
        }
        return null;
    }

    /// <summary>
    /// Whether a connection that runs as <paramref name="user"/> must have its roles confirmed again while it lasts: a
    /// built-in token's that claims a role beyond <c>user</c>. An external issuer's roles are the issuer's, in its token.
    /// </summary>
    public bool ConfirmsRolesOf(ClaimsPrincipal user) => auth.Value.Authority is null && WiderRoles.Claimed(user);

    /// <summary>Whether the account still holds every role beyond <c>user</c> the connection runs with.</summary>
    public Task<bool> RolesStillHeldAsync(ClaimsPrincipal user, CancellationToken ct) => widerRoles.StillHeldAsync(user, ct);

    private DateTimeOffset? TakenUntil(DateTimeOffset? expiresAt) =>
        expiresAt + jwtOptions.Get(JwtBearerDefaults.AuthenticationScheme).TokenValidationParameters.ClockSkew;
}
