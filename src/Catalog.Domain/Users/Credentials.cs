using System.Net.Mail;
using System.Text;

namespace Catalog.Domain.Users;

public static class Credentials
{
    public const int MinimumPasswordLength = 8;
    public const int MaximumPasswordLength = 256;
    private const int MaximumEmailLength = 254;

    /// <summary>
    /// Emails compare case-insensitively and by what they read as: the stored form is trimmed, NFKC-normalised (a
    /// fullwidth "ａlice" or a decomposed "e\u0301" is the address its plain form is) and lower-cased.
    /// </summary>
    public static string NormalizeEmail(string email)
    {
        var trimmed = email.Trim();
        // Text that is no Unicode (half of a surrogate pair) cannot be normalised; the address check refuses it.
        var readable = UnicodeText.IsWellFormed(trimmed) ? trimmed.Normalize(NormalizationForm.FormKC) : trimmed;
        return readable.ToLowerInvariant();
    }

    public static DomainError? ValidateForSignUp(string email, string password)
    {
        var normalized = NormalizeEmail(email);
        // A trailing dot names the same domain ("example.com."): refused, so that one address is one account.
        if (normalized.Length is 0 or > MaximumEmailLength || !MailAddress.TryCreate(normalized, out var parsed)
            || parsed.Address != normalized || normalized.EndsWith('.') || !UnicodeText.IsWellFormed(normalized))
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
