using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Catalog.IntegrationTests.Infrastructure;

namespace Catalog.IntegrationTests.GraphQL.Sweep;

/// <summary>
/// What every answer to a client's input must be: below 500, each error with a code the README's "Error codes" table
/// documents and that is not INTERNAL, and no message that shows the server's insides (a stack trace, SQL, a .NET type
/// name, a path on the server).
/// </summary>
public static partial class AnswerJudge
{
    public static IReadOnlySet<string> DocumentedCodes { get; } = ReadDocumentedCodes();

    /// <summary>What is wrong with one answer; empty when it is a success or a clear refusal.</summary>
    public static IEnumerable<string> Faults(HttpStatusCode status, JsonElement body)
    {
        if ((int)status >= 500)
            yield return $"HTTP {(int)status}";
        if (body.ValueKind != JsonValueKind.Object)
        {
            yield return "no JSON object in the answer";
            yield break;
        }
        if (body.TryGetProperty("errors", out var errors))
        {
            foreach (var error in errors.EnumerateArray())
            {
                foreach (var fault in ErrorFaults(error))
                    yield return fault;
            }
        }
        else if ((int)status >= 400)
        {
            yield return $"HTTP {(int)status} without errors";
        }
    }

    public static IEnumerable<string> ErrorFaults(JsonElement error)
    {
        var code = error.TryGetProperty("extensions", out var extensions) && extensions.TryGetProperty("code", out var c) ? c.GetString() : null;
        var message = error.TryGetProperty("message", out var m) ? m.GetString() ?? "" : "";
        if (code is null)
            yield return "an error without extensions.code";
        else if (code is "INTERNAL" or "INTERNAL_SERVER_ERROR" || !DocumentedCodes.Contains(code))
            yield return $"code {code}";
        if (message.Length == 0)
            yield return "an error without a message";
        if (Leak().Match(message) is { Success: true } leak)
            yield return $"message shows '{leak.Value}'";
        if (message.Contains(RepositoryRoot.Path, StringComparison.Ordinal) || message.Contains(AppContext.BaseDirectory, StringComparison.Ordinal))
            yield return "message shows a server path";
    }

    // A frame of a stack trace, a file and line, Postgres' words, a namespace-qualified .NET type, an exception's name.
    [GeneratedRegex(@"\bat [\w.`<>]+\(|\.cs:line|(?i:sqlstate|\bmt_\w+|syntax error at or near|\bnpgsql\b|\bselect\b.+\bfrom\b)|\b(System|Microsoft|Catalog|Marten|Npgsql|Wolverine|JasperFx|Weasel|GraphQL|GraphQLParser|Amazon|Minio)\.[A-Z]\w*|\w+Exception\b")]
    private static partial Regex Leak();

    // The README's table: "| `CODE` | meaning |" rows under "## Error codes".
    private static HashSet<string> ReadDocumentedCodes()
    {
        var lines = File.ReadAllLines(Path.Combine(RepositoryRoot.Path, "README.md"));
        var codes = lines.SkipWhile(l => l.Trim() != "## Error codes").Skip(1).TakeWhile(l => !l.StartsWith("## ", StringComparison.Ordinal))
            .Select(l => Row().Match(l)).Where(m => m.Success).Select(m => m.Groups[1].Value).ToHashSet();
        Assert.True(codes.Count > 5, "README.md's Error codes table was not found");
        return codes;
    }

    [GeneratedRegex(@"^\| `([A-Z_]+)` \|")]
    private static partial Regex Row();
}
