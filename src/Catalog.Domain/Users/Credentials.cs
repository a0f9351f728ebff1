using System.Globalization;
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
        // Text that is no Unicode (half of a surrogate pair, U+FFFE) cannot be normalised; the address check refuses it.
        var readable = UnicodeText.CanNormalize(trimmed) ? trimmed.Normalize(NormalizationForm.FormKC) : trimmed;
        return readable.ToLowerInvariant();
    }

    /// <summary>
    /// The password as it is hashed: NFKC-normalised, so that one password typed where text is composed (é as U+00E9)
    /// and where it is decomposed (e and U+0301) is one password, as NIST SP 800-63B asks. Null when the text cannot be
    /// normalised (half of a surrogate pair, U+FFFE).
    /// </summary>
    public static string? NormalizePassword(string password) =>
        UnicodeText.CanNormalize(password) ? password.Normalize(NormalizationForm.FormKC) : null;

    /// <summary>
    /// A character that shows nothing where it stands (zero-width spaces and joiners, a soft hyphen, a byte order mark,
    /// direction overrides, variation selectors, fillers): an address holding one reads as the address without it.
    /// </summary>
    private static bool IsInvisible(Rune rune) =>
        Rune.GetUnicodeCategory(rune) == UnicodeCategory.Format
        || rune.Value is 0x034F or 0x115F or 0x1160 or 0x17B4 or 0x17B5 or 0x3164 or 0xFFA0
            or (>= 0x180B and <= 0x180F) or (>= 0xFE00 and <= 0xFE0F) or (>= 0xE0100 and <= 0xE01EF);

    public static DomainError? ValidateForSignUp(string email, string password)
    {
        var normalized = NormalizeEmail(email);
        // A trailing dot names the same domain ("example.com."), a quoted local part the same mailbox ("alice" is alice),
        // and an invisible character leaves the address it reads as: refused, so that one address is one account.
        if (normalized.Length is 0 or > MaximumEmailLength || !MailAddress.TryCreate(normalized, out var parsed)
            || parsed.Address != normalized || normalized.EndsWith('.') || !UnicodeText.CanNormalize(normalized)
            || parsed.User.StartsWith('"') || normalized.EnumerateRunes().Any(IsInvisible))
            return new DomainError(ErrorKind.BadInput, "The email address is not valid.");
        // The lengths are those of the form hashed: the same password is as long whichever way it was typed.
        if (NormalizePassword(password) is not { } hashed)
            return new DomainError(ErrorKind.BadInput,
                "The password must be Unicode text: it may not hold half of a surrogate pair or U+FFFE.");
        if (hashed.Length < MinimumPasswordLength)
            return new DomainError(ErrorKind.BadInput,
                $"The password must be at least {MinimumPasswordLength} characters long.");
        if (hashed.Length > MaximumPasswordLength)
            return new DomainError(ErrorKind.BadInput,
                $"The password must be at most {MaximumPasswordLength} characters long.");
        return null;
    }
}
