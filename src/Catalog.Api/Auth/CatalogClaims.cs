using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Catalog.Api.Errors;

namespace Catalog.Api.Auth;

public static class CatalogClaims
{
    public const string Subject = "sub";
    public const string Email = "email";
    public const string Role = "role";

    /// <summary>The caller's user id, or null for an anonymous caller.</summary>
    public static Guid? UserIdOrNull(this ClaimsPrincipal? principal)
    {
        if (principal?.Identity?.IsAuthenticated != true)
            return null;
        var subject = principal.FindFirst(Subject)?.Value ?? principal.FindFirst(ClaimTypes.NameIdentifier)?.Value;
        if (string.IsNullOrEmpty(subject))
            return null;
        if (Guid.TryParse(subject, out var id))
            return id;
        // An external issuer's subject is not a Guid: derive a stable one from issuer and subject.
        var issuer = principal.FindFirst("iss")?.Value ?? "";
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(issuer + "\n" + subject));
        return new Guid(hash.AsSpan(0, 16));
    }

    public static Guid RequireUserId(this ClaimsPrincipal? principal) =>
        principal.UserIdOrNull() ?? throw CatalogProblem.Unauthenticated();

    public static IReadOnlyList<string> RolesOf(this ClaimsPrincipal principal, string roleClaim) =>
        principal.FindAll(roleClaim).Select(c => c.Value).Distinct().ToList();
}
