namespace Catalog.Api.Errors;

/// <summary>The stable codes clients map to words: GraphQL <c>extensions.code</c> and problem <c>code</c>.</summary>
public static class ErrorCode
{
    public const string Unauthenticated = "UNAUTHENTICATED";
    public const string Forbidden = "FORBIDDEN";
    public const string NotFound = "NOT_FOUND";
    public const string BadUserInput = "BAD_USER_INPUT";
    public const string Conflict = "CONFLICT";
    public const string FileTooLarge = "FILE_TOO_LARGE";
    public const string UnsupportedMediaType = "UNSUPPORTED_MEDIA_TYPE";
    public const string QuotaExceeded = "QUOTA_EXCEEDED";
    public const string UploadExpired = "UPLOAD_EXPIRED";
    public const string StorageUnavailable = "STORAGE_UNAVAILABLE";
    public const string CatalogUnavailable = "CATALOG_UNAVAILABLE";
    public const string AuthUnavailable = "AUTH_UNAVAILABLE";
    public const string Internal = "INTERNAL";

    public static IReadOnlySet<string> All { get; } = new HashSet<string>
    {
        Unauthenticated, Forbidden, NotFound, BadUserInput, Conflict, FileTooLarge, UnsupportedMediaType,
        QuotaExceeded, UploadExpired, StorageUnavailable, CatalogUnavailable, AuthUnavailable, Internal,
    };

    /// <summary>The HTTP status a REST endpoint or the transport answers with for a code.</summary>
    public static int HttpStatusOf(string code) => code switch
    {
        Unauthenticated => StatusCodes.Status401Unauthorized,
        Forbidden => StatusCodes.Status403Forbidden,
        NotFound => StatusCodes.Status404NotFound,
        BadUserInput => StatusCodes.Status400BadRequest,
        Conflict => StatusCodes.Status409Conflict,
        FileTooLarge => StatusCodes.Status413PayloadTooLarge,
        UnsupportedMediaType => StatusCodes.Status415UnsupportedMediaType,
        QuotaExceeded => StatusCodes.Status403Forbidden,
        UploadExpired => StatusCodes.Status410Gone,
        StorageUnavailable or CatalogUnavailable or AuthUnavailable => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status500InternalServerError,
    };
}
