using Catalog.Api.Errors;

namespace Catalog.Api.GraphQL.Transport;

/// <summary>A request the transport refuses before anything executes, with the HTTP status it answers.</summary>
public sealed class TransportError(int status, string message, string code = ErrorCode.BadUserInput) : Exception(message)
{
    public int Status { get; } = status;
    public string Code { get; } = code;
    public string? Allow { get; init; }

    /// <summary>A finer machine-readable cause, sent as <c>extensions.reason</c>.</summary>
    public string? Reason { get; init; }

    public static TransportError BadRequest(string message, string? reason = null) =>
        new(StatusCodes.Status400BadRequest, message) { Reason = reason };
}
