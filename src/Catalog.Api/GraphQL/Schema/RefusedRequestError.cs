using GraphQL;

namespace Catalog.Api.GraphQL.Schema;

/// <summary>An error a transport answers with itself (nothing ran), with a stable code and an optional finer reason.</summary>
public sealed class RefusedRequestError : ExecutionError
{
    public RefusedRequestError(string code, string? reason, string message) : base(message)
    {
        Code = code;
        Reason = reason;
    }

    public string? Reason { get; }
}
