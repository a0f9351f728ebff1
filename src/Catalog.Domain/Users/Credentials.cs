using System.Net.Mail;

namespace Catalog.Domain.Users;

public static class Credentials
{
    public const int MinimumPasswordLength = 8;
    public const int MaximumPasswordLength = 256;
    private const int MaximumEmailLength = 254;

    /// <summary>Emails compare case-insensitively; the stored form is trimmed and lower-cased.</summary>
    public static string NormalizeEmail(string email) => email.Trim().ToLowerInvariant();

    public static DomainError? ValidateForSignUp(string email, string password)
    {
        var normalized = NormalizeEmail(email);
        if (normalized.Length is 0 or > MaximumEmailLength || !MailAddress.TryCreate(normalized, out var parsed)
            || parsed.Address != normalized)
            return new DomainError(ErrorKind.BadInput, "The email address is not valid.");
        if (password.Length < MinimumPasswordLength)
            return new DomainError(ErrorKind.BadInput,
                $"The password must be at least {MinimumPasswordLength} characters long.");
        if (password.Length > MaximumPasswordLength)
            return new DomainError(ErrorKind.BadInput,
                $"The password must be at most {MaximumPasswordLength} characters long.");
        return null;
    }
}
