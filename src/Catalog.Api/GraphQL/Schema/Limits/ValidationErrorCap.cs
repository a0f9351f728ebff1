using GraphQL;
using GraphQL.DI;

namespace Catalog.Api.GraphQL.Schema.Limits;

/// <summary>
/// A refused document's answer lists at most <see cref="MaxErrors"/> of its errors, then says how many more there
/// were: some rules report one error per field, and a document at the token limit holds thousands of fields, so the
/// answer could otherwise be a hundred times the size of the request (ADR 0088).
/// </summary>
public sealed class ValidationErrorCap : IConfigureExecution
{
    public const int MaxErrors = 50;

    public float SortOrder => 100;

    public async Task<ExecutionResult> ExecuteAsync(ExecutionOptions options, ExecutionDelegate next)
    {
        var result = await next(options);
        if (result.Executed || result.Errors is not { Count: > MaxErrors } errors)
            return result;

        var listed = new ExecutionErrors();
        foreach (var error in errors.Take(MaxErrors))
            listed.Add(error);
        listed.Add(new LimitExceededError(LimitReason.Errors,
            $"{errors.Count - MaxErrors} more errors were left out; an answer lists at most {MaxErrors}."));
        result.Errors = listed;
        return result;
    }
}
