namespace Catalog.Sync.Storage;

/// <summary>The S3 error codes of a store's answer, for the local tier's reads, which are plain HTTP (ADR 0037).</summary>
internal static class StoreErrors
{
    /// <summary>The answer's <c>Error/Code</c>, or null when it carries none.</summary>
    public static string? CodeOf(string answer)
    {
        const string start = "<Code>", end = "</Code>";
        var from = answer.IndexOf(start, StringComparison.Ordinal);
        var to = from < 0 ? -1 : answer.IndexOf(end, from + start.Length, StringComparison.Ordinal);
        return to < 0 ? null : answer[(from + start.Length)..to];
    }

    /// <summary>Codes that refuse the credentials themselves, whatever the request: not one object's policy.</summary>
    public static bool RefusesCredentials(string? code) =>
        code is "InvalidAccessKeyId" or "SignatureDoesNotMatch" or "ExpiredToken";
}
