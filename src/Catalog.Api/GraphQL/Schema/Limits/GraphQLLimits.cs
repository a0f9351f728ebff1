using Catalog.Api.GraphQL.Transport;
using Catalog.Sync.Settings;
using GraphQL;
using GraphQL.DI;
using GraphQL.Execution;
using GraphQL.Validation;
using GraphQL.Validation.Complexity;
using GraphQL.Validation.Rules;
using GraphQLParser.AST;
using Microsoft.Extensions.Options;

namespace Catalog.Api.GraphQL.Schema.Limits;

/// <summary>Depth, complexity, alias and token limits and the introspection switch, for every transport.</summary>
public static class GraphQLLimits
{
    public static IServiceCollection AddCatalogGraphQLLimits(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<GraphQLLimitsOptions>().BindSection(configuration, GraphQLLimitsOptions.Section);
        services.AddSingleton<IValidateOptions<GraphQLLimitsOptions>, GraphQLLimitsOptionsValidation>();
        return services;
    }

    public static IGraphQLBuilder AddCatalogLimits(this IGraphQLBuilder graphQL)
    {
        graphQL.Services.Register(typeof(IDocumentBuilder), typeof(LimitedDocumentBuilder), global::GraphQL.DI.ServiceLifetime.Singleton, true);
        return graphQL
            .AddValidationRule<IntrospectionGateRule>()
            .AddValidationRule<MaxAliasesValidationRule>()
            .AddValidationRule<MaxExpandedSelectionsValidationRule>()
            .AddComplexityAnalyzer((complexity, services) => Configure(complexity, services))
            .AddValidationRule<BoundedFieldMergeRule>()
            .ConfigureExecutionOptions(WithoutUnboundedFieldMergeRule)
            .ConfigureExecution(new ValidationErrorCap());
    }

    private static void WithoutUnboundedFieldMergeRule(ExecutionOptions options) =>
        options.ValidationRules = (options.ValidationRules ?? DocumentValidator.CoreRules)
            .Where(rule => rule is not OverlappingFieldsCanBeMerged)
            .ToList();

    private static void Configure(ComplexityOptions complexity, IServiceProvider services)
    {
        var limits = services.GetRequiredService<IOptions<GraphQLLimitsOptions>>().Value;
        var transport = services.GetRequiredService<IOptions<GraphQLTransportOptions>>().Value;
        complexity.MaxDepth = limits.MaxDepth;
        complexity.MaxComplexity = limits.MaxComplexity;
        complexity.ValidateComplexityDelegate = context =>
        {
            if (transport.Introspection && IsIntrospectionOnly(context.ValidationContext))
                context.Error = null;
            else if (context.TotalImpact > limits.MaxComplexity)
                context.Error = new LimitExceededError(LimitReason.Complexity,
                    $"The operation is too complex: its estimated cost is {context.TotalImpact}, the most this server runs is {limits.MaxComplexity}.");
            else if (context.MaxDepth > limits.MaxDepth)
                context.Error = new LimitExceededError(LimitReason.Depth,
                    $"The operation is nested {context.MaxDepth} levels deep, the most this server runs is {limits.MaxDepth}.");
            else
                context.Error = null;
            return Task.CompletedTask;
        };
    }

    // Explorers' introspection queries nest type references deeper, and list more, than any real operation; they
    // only read the schema held in memory, and the token limit bounds them.
    private static bool IsIntrospectionOnly(ValidationContext context) =>
        context.Operation.Operation == OperationType.Query
        && context.Operation.SelectionSet.Selections.All(s => s is GraphQLField field && IntrospectionFields.Contains(field.Name.StringValue));

    private static readonly HashSet<string> IntrospectionFields = ["__schema", "__type", "__typename"];
}
