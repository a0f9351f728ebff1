using System.Text;
using Catalog.Domain.Users;
using Microsoft.AspNetCore.Identity;

namespace Catalog.Api.Auth;

/// <summary>PBKDF2 (ASP.NET Core Identity's hasher, version 3 format) over the NFKC-normalised password (ADR 0009).</summary>
public sealed class PasswordHashing
{
    private readonly PasswordHasher<UserAccount> hasher = new();

    // Verifying against this when the email is unknown makes both failures cost the same time.
    private readonly string decoyHash;

    public PasswordHashing() => decoyHash = hasher.HashPassword(null!, Guid.NewGuid().ToString());

    /// <summary>Hashes the normalised password; sign-up refuses one that cannot be normalised before it gets here.</summary>
    public string Hash(string password) =>
        hasher.HashPassword(null!, Credentials.NormalizePassword(password)
            ?? throw new ArgumentException("A password that cannot be normalised is not hashed.", nameof(password)));

    /// <summary>
    /// Tries the normalised password first. Hashes made before passwords were normalised are of the string one device
    /// sent, composed or decomposed, so the password as sent and its composed and decomposed forms are tried next; a match
    /// of one of those asks for a rehash, which is of the normalised form. A password that cannot be normalised is tried
    /// only as sent. An unknown email costs as many hashes as a wrong password.
    /// </summary>
    public PasswordVerificationResult Verify(UserAccount? user, string password)
    {
        var normalized = Credentials.NormalizePassword(password);
        string[] candidates = normalized is null
            ? [password]
            : new[] { normalized, password, password.Normalize(NormalizationForm.FormC), password.Normalize(NormalizationForm.FormD) }
                .Distinct(StringComparer.Ordinal).ToArray();
        if (user is null)
            return Decoy(candidates);

        foreach (var candidate in candidates)
        {
            var result = hasher.VerifyHashedPassword(user, user.PasswordHash, candidate);
            if (result == PasswordVerificationResult.Failed)
                continue;
            if (normalized is null)
                return PasswordVerificationResult.Success; // nothing it could be rehashed to
            return candidate == normalized ? result : PasswordVerificationResult.SuccessRehashNeeded;
        }
        return PasswordVerificationResult.Failed;
    }

    private PasswordVerificationResult Decoy(string[] candidates)
    {
        foreach (var candidate in candidates)
            hasher.VerifyHashedPassword(null!, decoyHash, candidate);
        return PasswordVerificationResult.Failed;
    }
}
