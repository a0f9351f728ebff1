using System.Collections.Concurrent;
using GraphQL;
using GraphQL.DI;
using GraphQL.Validation;
using GraphQL.Validation.Rules.Custom;
using GraphQLParser.AST;

namespace Catalog.Api.GraphQL.Transport;

/// <summary>
/// Documents that parsed and passed validation, by their text and operation name, so that a client sending the same
/// operation again (a dashboard's queries, a pager) skips parsing and the document rules (ADR 0082). Only the rules
/// that depend on the request itself run again: the complexity limit, which reads the variables. The variables are
/// coerced on every request.
/// </summary>
public sealed class ValidatedDocuments : IConfigureExecution
{
    /// <summary>At most this many documents are kept; when it is reached the cache starts again from empty.</summary>
    public const int MaxEntries = 256;

    /// <summary>Longer documents are never kept: together with <see cref="MaxEntries"/> this bounds the memory held.</summary>
    public const int MaxQueryLength = 16 * 1024;

    private readonly ConcurrentDictionary<(string Query, string? OperationName), GraphQLDocument> documents = new();

    public int Count => documents.Count;

    // After the options are configured (the validation rules are in place by then), before execution.
    public float SortOrder => 200;

    public async Task<ExecutionResult> ExecuteAsync(ExecutionOptions options, ExecutionDelegate next)
    {
        if (options.Document is not null || options.Query is not { Length: <= MaxQueryLength } query)
            return await next(options);

        var key = (query, options.OperationName);
        if (documents.TryGetValue(key, out var known))
        {
            options.Document = known;
            options.ValidationRules = RulesForEveryRequest(options);
            return await next(options);
        }

        var result = await next(options);
        if (result.Executed && result.Document is { } validated)
            Keep(key, validated);
        return result;
    }

    private static List<IValidationRule> RulesForEveryRequest(ExecutionOptions options) =>
        [
            .. options.CachedDocumentValidationRules ?? [],
            .. (options.ValidationRules ?? []).Where(rule => rule is ComplexityValidationRule),
        ];

    private void Keep((string, string?) key, GraphQLDocument document)
    {
        if (documents.Count >= MaxEntries)
            documents.Clear();
        documents.TryAdd(key, document);
    }
}
