namespace Catalog.Domain;

public enum ErrorKind
{
    BadInput,
    NotFound,
    Conflict,
    Forbidden,
    UnsupportedContent,
    QuotaExceeded,
    TooLarge,
    Expired,
}

/// <summary>A decision that was refused, with words a client can show.</summary>
public sealed record DomainError(ErrorKind Kind, string Message);

/// <summary>What a decision function returns: the events to append, or why nothing may be appended.</summary>
public sealed record Decision(IReadOnlyList<object> Events, DomainError? Error)
{
    public static Decision Nothing { get; } = new([], null);

    public bool IsRefused => Error is not null;

    public static Decision Append(params object[] events) => new(events, null);

    public static Decision Refuse(ErrorKind kind, string message) => new([], new DomainError(kind, message));
}
