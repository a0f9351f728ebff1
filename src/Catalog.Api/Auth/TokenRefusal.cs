using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;

namespace Catalog.Api.Auth;

/// <summary>
/// Why a bearer token that was sent was not accepted, kept for the rest of the request. GraphQL serves such a request
/// as anonymous, and its UNAUTHENTICATED told the client to send a token it had sent, an expired one typically; a REST
/// 401's problem body said only "Unauthorized".
/// </summary>
public static class TokenRefusal
{
    private static readonly object Key = new();

    /// <summary>The bearer handler's <c>OnAuthenticationFailed</c>.</summary>
    public static Task RecordAsync(AuthenticationFailedContext context)
    {
        context.HttpContext.Items[Key] = Describe(context.Exception);
        return Task.CompletedTask;
    }

    /// <summary>Why the request's token was refused; null when it sent none, or one that was accepted.</summary>
    public static string? Of(HttpContext http) => http.Items.TryGetValue(Key, out var why) ? why as string : null;

    private static string Describe(Exception refused) => refused switch
    {
        SecurityTokenExpiredException expired =>
            $"The token expired at {expired.Expires:yyyy-MM-ddTHH:mm:ssZ}: log in again for a new one.",
        SecurityTokenNotYetValidException => "The token is not valid yet: check the client's clock, or log in again.",
        _ => "The token is not valid here (its signature, issuer, audience or form): log in again for a new one.",
    };
}
