using System.Text.RegularExpressions;
using Catalog.IntegrationTests.Infrastructure;

namespace Catalog.IntegrationTests.Docs;

/// <summary>The README's list of architecture decisions names every ADR, by the title its file gives, and nothing else.</summary>
public sealed partial class AdrIndexTests
{
    [Fact]
    public void The_readme_lists_every_decision_by_its_own_title()
    {
        var expected = Directory.GetFiles(Path.Combine(RepositoryRoot.Path, "docs", "adr"), "*.md")
            .Order(StringComparer.Ordinal)
            .Select(IndexLine)
            .ToList();

        // A note may follow the link, e.g. "(superseded by 0014)".
        var listed = DecisionsSection().Split('\n')
            .Where(line => line.StartsWith("- [", StringComparison.Ordinal))
            .Select(line => Listed().Match(line) is { Success: true } link ? link.Value : line)
            .ToList();

        Assert.NotEmpty(expected);
        Assert.True(expected.SequenceEqual(listed),
            "README.md's list of decisions differs from docs/adr. Missing or different:\n" +
            string.Join("\n", expected.Except(listed)) + "\nListed but not so in docs/adr:\n" + string.Join("\n", listed.Except(expected)));
    }

    private static string IndexLine(string path)
    {
        var heading = File.ReadLines(path).First();
        var match = Heading().Match(heading);
        Assert.True(match.Success, $"{Path.GetFileName(path)} starts with '{heading}', not '# <number>. <title>'.");
        return $"- [{int.Parse(match.Groups[1].Value):D4}. {match.Groups[2].Value}](docs/adr/{Path.GetFileName(path)})";
    }

    private static string DecisionsSection()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "README.md")).ReplaceLineEndings("\n");
        const string title = "\n## Architecture decisions\n";
        var start = readme.IndexOf(title, StringComparison.Ordinal);
        Assert.True(start >= 0, "README.md has no '## Architecture decisions' section.");
        var end = readme.IndexOf("\n## ", start + title.Length, StringComparison.Ordinal);
        return end < 0 ? readme[start..] : readme[start..end];
    }

    [GeneratedRegex(@"^- \[.+?\]\(docs/adr/[^)]+\)")]
    private static partial Regex Listed();

    [GeneratedRegex(@"^# (\d+)\. (.+)$")]
    private static partial Regex Heading();
}
