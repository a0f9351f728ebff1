using Catalog.Domain.Users;
using Microsoft.AspNetCore.Identity;

namespace Catalog.Api.Auth;

/// <summary>PBKDF2 (ASP.NET Core Identity's hasher, version 3 format).</summary>
public sealed class PasswordHashing
{
    private readonly PasswordHasher<UserAccount> hasher = new();

    // Verifying against this when the email is unknown makes both failures cost the same time.
    private readonly string decoyHash;

    public PasswordHashing() => decoyHash = hasher.HashPassword(null!, Guid.NewGuid().ToString());

    public string Hash(string password) => hasher.HashPassword(null!, password);

    public PasswordVerificationResult Verify(UserAccount? user, string password) =>
        user is null
            ? Decoy(password)
            : hasher.VerifyHashedPassword(user, user.PasswordHash, password);

    private PasswordVerificationResult Decoy(string password)
    {
        hasher.VerifyHashedPassword(null!, decoyHash, password);
        return PasswordVerificationResult.Failed;
    }
}
