namespace Catalog.Api.Auth;

/// <summary><c>Auth</c>: built-in JWT tokens, or an external OpenID Connect issuer when <see cref="Authority"/> is set.</summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    /// <summary>HS256 key for the built-in tokens, at least 32 bytes of UTF-8.</summary>
    public string SigningKey { get; set; } = "";
    public string Issuer { get; set; } = "hybridstorage";
    public string Audience { get; set; } = "hybridstorage";
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Emails granted the admin and auditor roles, in addition to roles granted by the <c>grant-role</c> verb.</summary>
    public List<string> Admins { get; set; } = [];
    public List<string> Auditors { get; set; } = [];

    /// <summary>An external OpenID Connect issuer; when set, tokens from it are accepted instead of the built-in ones.</summary>
    public Uri? Authority { get; set; }
    public string RoleClaim { get; set; } = "role";
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>
    /// How long a fetch of the external issuer's metadata or keys may take. Requests with a token wait for it while the
    /// service has no metadata yet, so an issuer that does not answer is given up on after this, with a 503.
    /// </summary>
    public TimeSpan MetadataTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
