using Microsoft.Extensions.Options;

namespace Catalog.Api.GraphQL.Transport;

internal sealed class GraphQLTransportOptionsValidation : IValidateOptions<GraphQLTransportOptions>
{
    public ValidateOptionsResult Validate(string? name, GraphQLTransportOptions options)
    {
        var failures = new List<string>();
        if (options.MaxRequestBytes < 1024)
            failures.Add($"GraphQL:MaxRequestBytes must be at least 1024, got {options.MaxRequestBytes}.");
        if (options.Batching.MaxBatchSize < 1)
            failures.Add($"GraphQL:Batching:MaxBatchSize must be at least 1, got {options.Batching.MaxBatchSize}.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
