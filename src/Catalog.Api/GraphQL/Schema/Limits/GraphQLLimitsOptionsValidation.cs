using Microsoft.Extensions.Options;

namespace Catalog.Api.GraphQL.Schema.Limits;

internal sealed class GraphQLLimitsOptionsValidation : IValidateOptions<GraphQLLimitsOptions>
{
    public ValidateOptionsResult Validate(string? name, GraphQLLimitsOptions options)
    {
        var failures = new List<string>();
        Positive(failures, nameof(options.MaxDepth), options.MaxDepth);
        Positive(failures, nameof(options.MaxComplexity), options.MaxComplexity);
        Positive(failures, nameof(options.MaxAliases), options.MaxAliases);
        Positive(failures, nameof(options.MaxTokens), options.MaxTokens);
        Positive(failures, nameof(options.MaxParserDepth), options.MaxParserDepth);
        Positive(failures, nameof(options.MaxFieldMergeComparisons), options.MaxFieldMergeComparisons);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Positive(List<string> failures, string key, int value)
    {
        if (value < 1)
            failures.Add($"{GraphQLLimitsOptions.Section}:{key} must be at least 1, got {value}.");
    }
}
