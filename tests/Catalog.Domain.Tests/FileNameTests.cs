using System.Text;
using Catalog.Domain.Files;

namespace Catalog.Domain.Tests;

public class FileNameTests
{
    public static TheoryData<string?, string> HostileNames => new()
    {
        // Nothing usable.
        { null, FileName.Fallback },
        { "", FileName.Fallback },
        { "   ", FileName.Fallback },
        { "\t\r\n", FileName.Fallback },
        { "\u202E", FileName.Fallback },
        { "\u0000\u0001\u001F", FileName.Fallback },

        // Paths: only the last segment is a name.
        { "../../etc/passwd", "passwd" },
        { "..\\..\\windows\\system32\\cmd.exe", "cmd.exe" },
        { "C:\\x\\y.txt", "y.txt" },
        { "\\\\server\\share\\z.doc", "z.doc" },
        { "/var/tmp/", "tmp" },
        { "a/b/..", FileName.Fallback },
        { "folder/", "folder" },

        // Control characters are dropped.
        { "report\u0000.pdf", "report.pdf" },
        { "a\u0007b\u001Bc.txt", "abc.txt" },
        { "line\r\nbreak.txt", "linebreak.txt" },
        { "next\u0085line.txt", "nextline.txt" },
        { "del\u007F.txt", "del.txt" },
        // U+FFFE is no character (a byte-order mark read the wrong way round), and normalisation throws on it.
        { "reversed\uFFFE.txt", "reversed.txt" },
        { "\uFFFE", FileName.Fallback },

        // Bidi and other format characters are dropped (no "exe.pdf" spoofing).
        { "invoice\u202Efdp.exe", "invoicefdp.exe" },
        { "\u202Atext\u202C.txt", "text.txt" },
        { "\u200Bzero\u200Bwidth.txt", "zerowidth.txt" },
        { "\uFEFFbom.txt", "bom.txt" },
        { "\u2066isolate\u2069.txt", "isolate.txt" },
        { "para\u2028line\u2029.txt", "paraline.txt" },

        // Windows reserved device names are prefixed, whatever their case or extension.
        { "CON", "_CON" },
        { "con", "_con" },
        { "con.txt", "_con.txt" },
        { "LPT1.log", "_LPT1.log" },
        { "nul.tar.gz", "_nul.tar.gz" },
        { "Aux", "_Aux" },
        { "COM9.dat", "_COM9.dat" },
        { "C:\\dir\\PRN.txt", "_PRN.txt" },
        { "CON.", "_CON" },
        // ...but names that merely start like one are left alone.
        { "CONSOLE.txt", "CONSOLE.txt" },
        { "COM10.dat", "COM10.dat" },
        { "icon.png", "icon.png" },

        // Dots: only-dots names are nothing, trailing dots and surrounding blanks go.
        { ".", FileName.Fallback },
        { "..", FileName.Fallback },
        { ".....", FileName.Fallback },
        { "report.pdf.", "report.pdf" },
        { "report...", "report" },
        { "  notes.txt  ", "notes.txt" },

        // Ordinary names are untouched.
        { "report.pdf", "report.pdf" },
        { "Quarterly report (final) v2.xlsx", "Quarterly report (final) v2.xlsx" },
        { ".gitignore", ".gitignore" },
        { "r\u00E9sum\u00E9.docx", "r\u00E9sum\u00E9.docx" },
        { "\u65E5\u672C\u8A9E.txt", "\u65E5\u672C\u8A9E.txt" },
        { "\U0001F600 party.png", "\U0001F600 party.png" },
    };

    [Theory]
    [MemberData(nameof(HostileNames))]
    public void Normalize_makes_a_hostile_name_safe(string? raw, string expected)
    {
        Assert.Equal(expected, FileName.Normalize(raw));
    }


    public static TheoryData<string, string> NfdNames => new()
    {
        { "Cafe\u0301.txt", "Caf\u00E9.txt" },
        { "\u1112\u1161\u11AB.txt", "\uD55C.txt" },
        { "A\u030Angstr\u00F6m.pdf", "\u00C5ngstr\u00F6m.pdf" },
    };

    [Theory]
    [MemberData(nameof(NfdNames))]
    public void Normalize_turns_NFD_input_into_NFC(string raw, string expected)
    {
        Assert.Equal(expected, FileName.Normalize(raw));
    }

    [Theory]
    [InlineData("report .", "report")]
    [InlineData("report. . ", "report")]
    [InlineData(". . .", FileName.Fallback)]
    public void Normalize_leaves_no_trailing_blank_behind_trimmed_dots(string raw, string expected)
    {
        Assert.Equal(expected, FileName.Normalize(raw));
    }

    [Fact]
    public void Truncation_leaves_no_trailing_dot()
    {
        var normalized = FileName.Normalize(new string('a', 254) + "." + new string('b', 30));

        Assert.Equal(new string('a', 254), normalized);
    }

    [Fact]
    public void A_lone_surrogate_is_dropped()
    {
        var normalized = FileName.Normalize("abc\uD800.txt");

        Assert.Equal("abc.txt", normalized);
        AssertWellFormedUtf16(normalized);
    }

    [Fact]
    public void A_name_of_exactly_the_maximum_length_is_unchanged()
    {
        var name = new string('a', FileName.MaximumLength - 4) + ".pdf";

        Assert.Equal(name, FileName.Normalize(name));
    }

    [Fact]
    public void An_over_long_name_is_cut_to_the_maximum_length_keeping_its_extension()
    {
        var name = new string('a', 300) + ".pdf";

        var normalized = FileName.Normalize(name);

        Assert.Equal(new string('a', FileName.MaximumLength - 4) + ".pdf", normalized);
    }

    [Fact]
    public void An_over_long_name_without_extension_is_cut_to_the_maximum_length()
    {
        var normalized = FileName.Normalize(new string('b', 1_000));

        Assert.Equal(new string('b', FileName.MaximumLength), normalized);
    }

    [Fact]
    public void An_over_long_name_with_an_over_long_extension_drops_the_extension()
    {
        var name = new string('c', 300) + ".averyveryverylongextension";

        var normalized = FileName.Normalize(name);

        Assert.Equal(new string('c', FileName.MaximumLength), normalized);
    }

    [Theory]
    [InlineData("")] // the cut would fall between the two halves of an emoji
    [InlineData("x")] // the cut falls exactly after a whole emoji
    public void An_over_long_emoji_name_keeps_its_extension_and_never_splits_a_surrogate_pair(string prefix)
    {
        var name = prefix + string.Concat(Enumerable.Repeat("\U0001F600", 200)) + ".txt";

        var normalized = FileName.Normalize(name);

        Assert.InRange(normalized.Length, FileName.MaximumLength - 1, FileName.MaximumLength);
        Assert.StartsWith(prefix + "\U0001F600", normalized, StringComparison.Ordinal);
        Assert.EndsWith("\U0001F600.txt", normalized, StringComparison.Ordinal);
        AssertWellFormedUtf16(normalized);
    }

    [Fact]
    public void An_over_long_emoji_name_without_extension_never_splits_a_surrogate_pair()
    {
        var name = "x" + string.Concat(Enumerable.Repeat("\U0001F4C4", 200));

        var normalized = FileName.Normalize(name);

        Assert.Equal("x" + string.Concat(Enumerable.Repeat("\U0001F4C4", 127)), normalized);
        AssertWellFormedUtf16(normalized);
    }

    [Fact]
    public void Normalizing_twice_changes_nothing_more()
    {
        foreach (var row in HostileNames)
        {
            var once = FileName.Normalize((string?)row[0]);
            Assert.Equal(once, FileName.Normalize(once));
        }
    }

    private static void AssertWellFormedUtf16(string value)
    {
        var strict = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
        var exception = Record.Exception(() => strict.GetByteCount(value));
        Assert.Null(exception);
    }
}
