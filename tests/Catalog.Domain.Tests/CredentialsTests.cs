using Catalog.Domain.Users;

namespace Catalog.Domain.Tests;

public class CredentialsTests
{
    private const string GoodPassword = "correct horse battery";

    [Theory]
    [InlineData("alice@example.com")]
    [InlineData("bob.smith+files@mail.example.org")]
    [InlineData("x@example.co")]
    public void A_valid_email_and_password_pass(string email)
    {
        Assert.Null(Credentials.ValidateForSignUp(email, GoodPassword));
    }

    [Theory]
    [InlineData("Alice@Example.COM", "alice@example.com")]
    [InlineData("  BOB@EXAMPLE.ORG\t", "bob@example.org")]
    [InlineData("carol@example.com", "carol@example.com")]
    [InlineData("\uFF41lice@example.com", "alice@example.com")] // fullwidth a
    [InlineData("ALICE@\uFF25XAMPLE.COM", "alice@example.com")]
    [InlineData("e\u0301ve@example.com", "\u00E9ve@example.com")] // decomposed é
    public void Emails_are_trimmed_and_lower_cased(string email, string expected)
    {
        Assert.Equal(expected, Credentials.NormalizeEmail(email));
    }

    [Fact]
    public void A_mixed_case_padded_email_is_valid_once_normalised()
    {
        Assert.Null(Credentials.ValidateForSignUp("  Alice@Example.COM ", GoodPassword));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("plainaddress")]
    [InlineData("@example.com")]
    [InlineData("alice@")]
    [InlineData("alice@@example.com")]
    [InlineData("alice smith@example.com")]
    [InlineData("Alice <alice@example.com>")]
    [InlineData("alice@example.com, bob@example.com")]
    [InlineData("alice@example.com\r\nBcc: eve@example.com")]
    [InlineData("alice@example.com.")]
    public void An_invalid_email_is_bad_input(string email)
    {
        var error = Credentials.ValidateForSignUp(email, GoodPassword);

        Assert.Equal(ErrorKind.BadInput, error?.Kind);
    }

    [Fact]
    public void An_email_holding_half_of_a_surrogate_pair_is_bad_input_not_an_exception()
    {
        var email = "al" + '\uD800' + "ice@example.com";

        Assert.Equal(ErrorKind.BadInput, Credentials.ValidateForSignUp(email, GoodPassword)?.Kind);
    }

    [Fact]
    public void An_email_holding_U_FFFE_is_bad_input_not_an_exception()
    {
        // No character (a byte-order mark read the wrong way round); normalisation throws on it.
        var email = "al\uFFFEice@example.com";

        Assert.Equal(ErrorKind.BadInput, Credentials.ValidateForSignUp(email, GoodPassword)?.Kind);
        Assert.Equal(email, Credentials.NormalizeEmail(email)); // a log-in with it finds no account
    }

    [Fact]
    public void An_over_long_email_is_bad_input()
    {
        var email = new string('a', 64) + "@" + string.Join('.', Enumerable.Repeat(new string('b', 60), 4)) + ".com";
        Assert.True(email.Length > 254);

        var error = Credentials.ValidateForSignUp(email, GoodPassword);

        Assert.Equal(ErrorKind.BadInput, error?.Kind);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(Credentials.MinimumPasswordLength - 1)]
    public void A_short_password_is_bad_input(int length)
    {
        var error = Credentials.ValidateForSignUp("alice@example.com", new string('p', length));

        Assert.Equal(ErrorKind.BadInput, error?.Kind);
        Assert.Contains(Credentials.MinimumPasswordLength.ToString(), error!.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Credentials.MinimumPasswordLength)]
    [InlineData(Credentials.MaximumPasswordLength)]
    public void A_password_at_either_limit_passes(int length)
    {
        Assert.Null(Credentials.ValidateForSignUp("alice@example.com", new string('p', length)));
    }

    [Fact]
    public void The_minimum_password_length_is_eight()
    {
        Assert.Equal(8, Credentials.MinimumPasswordLength);
        Assert.Equal(ErrorKind.BadInput, Credentials.ValidateForSignUp("alice@example.com", "1234567")?.Kind);
        Assert.Null(Credentials.ValidateForSignUp("alice@example.com", "12345678"));
    }

    [Theory]
    [InlineData(Credentials.MaximumPasswordLength + 1)]
    [InlineData(10_000)]
    public void An_over_long_password_is_bad_input(int length)
    {
        var error = Credentials.ValidateForSignUp("alice@example.com", new string('p', length));

        Assert.Equal(ErrorKind.BadInput, error?.Kind);
        Assert.Contains(Credentials.MaximumPasswordLength.ToString(), error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_invalid_email_is_reported_before_a_bad_password()
    {
        var error = Credentials.ValidateForSignUp("not-an-email", "short");

        Assert.Equal(ErrorKind.BadInput, error?.Kind);
        Assert.Contains("email", error!.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void A_password_composed_or_decomposed_is_one_password()
    {
        Assert.Equal(Credentials.NormalizePassword("Caf\u00E9-2026!"), Credentials.NormalizePassword("Cafe\u0301-2026!"));
        Assert.Equal("Caf\u00E9-2026!", Credentials.NormalizePassword("Cafe\u0301-2026!"));
    }

    // The code unit is passed as a number: a string holding half of a surrogate pair does not reach the test intact.
    [Theory]
    [InlineData(0xFFFE)]
    [InlineData(0xD800)] // half of a surrogate pair
    [InlineData(0xDC00)]
    public void A_password_that_cannot_be_normalised_is_bad_input_not_an_exception(int codeUnit)
    {
        var password = $"long enough {(char)codeUnit} too";
        Assert.Null(Credentials.NormalizePassword(password));
        var error = Credentials.ValidateForSignUp("alice@example.com", password);
        Assert.Equal(ErrorKind.BadInput, error?.Kind);
        Assert.Contains("Unicode", error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_length_limits_count_the_normalised_password()
    {
        // Seven characters composed, eight decomposed: too short whichever way it was typed.
        Assert.Equal(ErrorKind.BadInput, Credentials.ValidateForSignUp("alice@example.com", "Cafe\u0301-2!")?.Kind);
        // The longest password, typed decomposed, is twice as many UTF-16 units as it is long.
        Assert.Null(Credentials.ValidateForSignUp("alice@example.com", string.Concat(Enumerable.Repeat("e\u0301", Credentials.MaximumPasswordLength))));
        // A ligature is two letters once normalised.
        Assert.Equal(ErrorKind.BadInput, Credentials.ValidateForSignUp("alice@example.com", new string('\uFB01', Credentials.MaximumPasswordLength))?.Kind);
    }
}
