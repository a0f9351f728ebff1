using Catalog.Api.Errors;
using GraphQL;
using GraphQL.Execution;
using GraphQL.Validation;

namespace Catalog.Api.GraphQL.Schema;

/// <summary>
/// The one place GraphQL errors are shaped: every error carries a stable <c>extensions.code</c>, and internal
/// details and "Did you mean" suggestions leave the server only in Development. Values the client sent are quoted back
/// cut (<see cref="Echo.InMessage"/>), in GraphQL.NET's messages too.
/// </summary>
public sealed class CatalogErrorInfoProvider(IHostEnvironment environment) : IErrorInfoProvider
{
    public ErrorInfo GetInfo(ExecutionError executionError)
    {
        var (code, message) = Classify(executionError);
        if (executionError is ValidationError && !environment.IsDevelopment())
            message = WithoutSuggestions(message);
        message = Echo.InMessage(message);
        var extensions = new Dictionary<string, object?> { ["code"] = code };
        if (executionError is DocumentError && executionError.Code is { } graphQlCode)
            extensions["reason"] = graphQlCode;
        if (executionError is RefusedRequestError { Reason: { } reason })
            extensions["reason"] = reason;
        if (code == ErrorCode.Internal && environment.IsDevelopment() && executionError.InnerException is { } inner)
            extensions["details"] = inner.ToString();
        return new ErrorInfo { Message = message, Extensions = extensions };
    }

    // "Did you mean 'secretField'?" tells a stranger the schema's names even with introspection off.
    private static string WithoutSuggestions(string message)
    {
        var at = message.IndexOf(" Did you mean", StringComparison.Ordinal);
        return at < 0 ? message : message[..at];
    }

    private static (string Code, string Message) Classify(ExecutionError error) => error switch
    {
        { InnerException: CatalogProblem problem } => (problem.Code, problem.Message),
        { Code: { } code } when ErrorCode.All.Contains(code) => (code, error.Message),
        UnhandledError { InnerException: { } inner } when CatalogProblemHandler.Unavailable(inner) is { } unavailable =>
            (unavailable.Code, unavailable.Message),
        UnhandledError => (ErrorCode.Internal, "An internal error occurred; it has been logged."),
        { InnerException: ValueRefused refused } => (ErrorCode.BadUserInput, $"{error.Message}: {refused.Message}"),
        _ => (ErrorCode.BadUserInput, error.Message),
    };
}
