namespace Catalog.Domain.Files;

public enum ContentCategory
{
    Image,
    Video,
    Audio,
    Document,
    Other,
}

/// <summary>Which media types may be stored and how large each kind of file may be.</summary>
public sealed record UploadPolicy(
    IReadOnlyList<string> Allowed,
    IReadOnlyList<string> Denied,
    IReadOnlyDictionary<ContentCategory, long> MaxBytes);

/// <summary>The media type a file is stored with, and the size limit that applies to it.</summary>
public sealed record AcceptedContent(string ContentType, ContentCategory Category, long MaxBytes);

public static class ContentDecisions
{
    private static readonly string[] DocumentTypes =
    [
        "application/pdf", "application/json", "application/xml", "application/rtf", "application/msword",
        "application/vnd.openxmlformats-officedocument.", "application/vnd.oasis.opendocument.", "application/vnd.ms-",
    ];

    /// <summary>
    /// Trusts the bytes over the client: a declared type the bytes contradict, or any type the policy denies or
    /// does not allow, is refused. A vague or missing declaration takes the sniffed type.
    /// </summary>
    public static (AcceptedContent? Accepted, DomainError? Error) Accept(string declared, string sniffed, UploadPolicy policy)
    {
        var contentType = Reconcile(declared, sniffed);
        if (contentType is null)
            return (null, new DomainError(ErrorKind.UnsupportedContent,
                $"The file's bytes are {sniffed}, not the declared {declared}."));
        if (Matches(policy.Denied, sniffed) || Matches(policy.Denied, contentType) || !Matches(policy.Allowed, contentType))
            return (null, new DomainError(ErrorKind.UnsupportedContent, $"Files of type {contentType} are not accepted."));

        var category = CategoryOf(contentType);
        return (new AcceptedContent(contentType, category, policy.MaxBytes[category]), null);
    }

    /// <summary>A file over its type's limit is refused, whether its size is announced or found while reading it.</summary>
    public static DomainError? CheckSize(AcceptedContent accepted, long size) =>
        size > accepted.MaxBytes
            ? new DomainError(ErrorKind.TooLarge, $"The file is larger than the limit of {accepted.MaxBytes} bytes for its type.")
            : null;

    public static ContentCategory CategoryOf(string contentType) => contentType switch
    {
        _ when contentType.StartsWith("image/", StringComparison.Ordinal) => ContentCategory.Image,
        _ when contentType.StartsWith("video/", StringComparison.Ordinal) => ContentCategory.Video,
        _ when contentType.StartsWith("audio/", StringComparison.Ordinal) => ContentCategory.Audio,
        _ when contentType.StartsWith("text/", StringComparison.Ordinal)
               || DocumentTypes.Any(d => contentType.StartsWith(d, StringComparison.Ordinal)) => ContentCategory.Document,
        _ => ContentCategory.Other,
    };

    private static string? Reconcile(string declared, string sniffed)
    {
        if (declared == ContentSniffer.OctetStream || declared == sniffed)
            return sniffed;
        if (sniffed == ContentSniffer.PlainText)
            return declared.StartsWith("text/", StringComparison.Ordinal) || IsTextual(declared) ? declared : null;
        if (sniffed == "application/zip" && IsZipContainer(declared))
            return declared;
        if (sniffed == ContentSniffer.OctetStream)
            return HasSignature(declared) ? null : declared;
        return SameFamily(declared, sniffed) ? declared : null;
    }

    private static bool IsTextual(string type) =>
        type is "application/json" or "application/xml" or "application/javascript" or "image/svg+xml" or "application/rtf";

    private static bool IsZipContainer(string type) =>
        type.StartsWith("application/vnd.openxmlformats-officedocument.", StringComparison.Ordinal)
        || type.StartsWith("application/vnd.oasis.opendocument.", StringComparison.Ordinal)
        || type is "application/epub+zip" or "application/java-archive" or "application/x-zip-compressed";

    // A declared type whose files always start with a signature cannot be bytes without one.
    private static bool HasSignature(string type) =>
        type is "image/png" or "image/jpeg" or "image/gif" or "image/webp" or "application/pdf" or "application/zip"
            or "application/gzip" or "video/mp4" or "audio/mpeg" or "audio/wav" or "audio/ogg" or "audio/flac" or "video/webm";

    // Containers such as MP4 carry audio, video or images: the same family of one signature is not a contradiction.
    private static bool SameFamily(string declared, string sniffed) =>
        sniffed == "video/mp4" && declared is "audio/mp4" or "video/quicktime" or "image/heic" or "image/avif" or "audio/x-m4a"
        || sniffed == "audio/ogg" && declared is "video/ogg" or "audio/opus" or "application/ogg"
        || sniffed == "video/webm" && declared is "audio/webm" or "video/x-matroska"
        || sniffed == "application/gzip" && declared is "application/x-gzip" or "application/x-tar+gzip";

    private static bool Matches(IReadOnlyList<string> patterns, string type) =>
        patterns.Any(p => p.EndsWith("/*", StringComparison.Ordinal)
            ? type.StartsWith(p[..^1], StringComparison.Ordinal)
            : p == type);
}
