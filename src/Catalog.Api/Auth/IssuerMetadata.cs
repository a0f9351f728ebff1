using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace Catalog.Api.Auth;

/// <summary>The external issuer's metadata a token is checked against (ADR 0009).</summary>
public static class IssuerMetadata
{
    /// <summary>
    /// The metadata, fetched or cached by the bearer scheme's configuration manager; null without an external issuer or
    /// for a token no handler can read, which is refused without it. Fetching fails as
    /// <see cref="IdentityProviderUnavailableException"/>, logged as one warning line.
    /// </summary>
    public static async Task<OpenIdConnectConfiguration?> ForTokenAsync(JwtBearerOptions options, string token, ILogger logger, CancellationToken ct)
    {
        if (options.ConfigurationManager is not { } manager || !options.TokenHandlers.Any(handler => CanRead(handler, token)))
            return null;
        try
        {
            return await manager.GetConfigurationAsync(ct);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            logger.LogWarning("A token could not be checked, the identity provider's metadata at {Authority} could not be fetched: {Error}",
                options.Authority, e.InnerException?.Message ?? e.Message);
            throw new IdentityProviderUnavailableException(e);
        }
    }

    /// <summary>Before <c>UseAuthentication</c>: a request with a token whose issuer is out of reach goes no further.</summary>
    public static async Task FetchBeforeAuthenticationAsync(HttpContext http, RequestDelegate next)
    {
        var authorization = http.Request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            await ForTokenAsync(
                http.RequestServices.GetRequiredService<IOptionsMonitor<JwtBearerOptions>>().Get(JwtBearerDefaults.AuthenticationScheme),
                authorization["Bearer ".Length..].Trim(),
                http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(IssuerMetadata)),
                http.RequestAborted);
        await next(http);
    }

    private static bool CanRead(TokenHandler handler, string token) => handler switch
    {
        JsonWebTokenHandler json => json.CanReadToken(token),
        ISecurityTokenValidator validator => validator.CanReadToken(token),
        _ => true,
    };
}
