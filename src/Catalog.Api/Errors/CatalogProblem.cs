using Catalog.Domain;

namespace Catalog.Api.Errors;

/// <summary>
/// A request the service refuses, with a stable code and words safe to show to the client.
/// Handlers throw it; GraphQL and HTTP each shape it in one place.
/// </summary>
public sealed class CatalogProblem(string code, string message) : Exception(message)
{
    public string Code { get; } = code;

    public static CatalogProblem From(DomainError error) => new(error.Kind switch
    {
        ErrorKind.BadInput => ErrorCode.BadUserInput,
        ErrorKind.NotFound => ErrorCode.NotFound,
        ErrorKind.Conflict => ErrorCode.Conflict,
        ErrorKind.Forbidden => ErrorCode.Forbidden,
        ErrorKind.UnsupportedContent => ErrorCode.UnsupportedMediaType,
        ErrorKind.QuotaExceeded => ErrorCode.QuotaExceeded,
        ErrorKind.TooLarge => ErrorCode.FileTooLarge,
        ErrorKind.Expired => ErrorCode.UploadExpired,
        _ => ErrorCode.Internal,
    }, error.Message);

    /// <summary>Throws the refusal, if there is one, as a problem for the client.</summary>
    public static void ThrowIfRefused(DomainError? error)
    {
        if (error is not null)
            throw From(error);
    }

    /// <summary>The decision's value, or its refusal thrown as a problem for the client.</summary>
    public static T ValueOrThrow<T>((T? Value, DomainError? Error) decision) where T : class
    {
        ThrowIfRefused(decision.Error);
        return decision.Value ?? throw new InvalidOperationException("A decision gave neither a value nor a refusal.");
    }

    /// <param name="tokenRefusal">Why the token the request sent was refused (<see cref="Auth.TokenRefusal"/>), if it sent one.</param>
    public static CatalogProblem Unauthenticated(string? tokenRefusal = null) =>
        new(ErrorCode.Unauthenticated, tokenRefusal ?? "You must be logged in: send 'Authorization: Bearer <token>'.");
}
