using Catalog.Api.Errors;

namespace Catalog.IntegrationTests.Errors;

/// <summary>How client values are cut when an error message quotes them.</summary>
public sealed class EchoTests
{
    private static readonly string Long = new('x', 5000);

    [Fact]
    public void Every_long_quoted_part_is_cut_and_the_words_around_it_stay()
    {
        var message = Echo.InMessage($"Unable to convert '{Long}' to 'Int', found \"{Long}\".");

        Assert.Equal($"Unable to convert '{new string('x', 80)}…' to 'Int', found \"{new string('x', 80)}…\".", message);
    }

    [Fact]
    public void A_message_of_many_short_quoted_parts_is_cut_as_a_whole()
    {
        var message = Echo.InMessage(string.Concat(Enumerable.Repeat("'ab' ", 2000)));

        Assert.Equal(Echo.MaximumMessageLength + 1, message.Length);
        Assert.EndsWith("…", message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unclosed_quote_leaves_the_rest_to_the_cut_of_the_whole()
    {
        var message = Echo.InMessage($"found 'a' and then '{Long}");

        Assert.StartsWith("found 'a' and then 'xxx", message, StringComparison.Ordinal);
        Assert.Equal(Echo.MaximumMessageLength + 1, message.Length);
    }

    [Fact]
    public void A_cut_never_splits_a_surrogate_pair()
    {
        var value = new string('x', Echo.MaximumLength - 1) + "😀" + Long;

        Assert.Equal($"'{new string('x', Echo.MaximumLength - 1)}…'", Echo.InMessage($"'{value}'"));
        Assert.True(Catalog.Domain.UnicodeText.IsWellFormed(Echo.InMessage("a" + string.Concat(Enumerable.Repeat("😀", 400)))));
    }

    [Fact]
    public void An_apostrophe_inside_a_word_quotes_nothing()
    {
        const string ours = "The file part's name is not UTF-8: send it as UTF-8, percent-encoded in filename* (filename*=UTF-8''report%20Q3.pdf).";

        Assert.Equal(ours, Echo.InMessage(ours));
        Assert.Equal($"The owner's file '{new string('x', 80)}…' isn't there.", Echo.InMessage($"The owner's file '{Long}' isn't there."));
        // A quoted value with an apostrophe of its own is one part still.
        Assert.Equal($"Unable to convert 'O'{new string('x', 78)}…' to 'Int'.", Echo.InMessage($"Unable to convert 'O'{Long}' to 'Int'."));
    }

    [Fact]
    public void A_short_message_is_left_as_it_is()
    {
        const string message = "Argument 'first' has invalid value. Expected type 'Int', found \"ten\".";

        Assert.Same(message, Echo.InMessage(message));
    }
}
