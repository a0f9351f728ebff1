using GraphQL.Validation;
using GraphQL.Validation.Rules;
using Microsoft.Extensions.Options;

namespace Catalog.Api.GraphQL.Schema.Limits;

/// <summary>
/// GraphQL.NET's <see cref="OverlappingFieldsCanBeMerged"/>, run only on documents whose comparisons stay within
/// <c>MaxFieldMergeComparisons</c> (ADR 0088). Its work grows with the square of the fields that share a name: at the
/// token limit, one repeated field cost a core 0.3 s, and two alternating arguments made 75 000 conflicts (a 22 MB
/// answer to a 20 kB request). It replaces that rule in the list of rules.
/// </summary>
public sealed class BoundedFieldMergeRule(IOptions<GraphQLLimitsOptions> limits) : ValidationRuleBase
{
    /// <summary>How many selections, the document's operations expanded, the count walks before it gives up, per allowed selection.</summary>
    private const int ExpansionPerSelection = 4;

    public override ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context)
    {
        var settings = limits.Value;
        var max = settings.MaxFieldMergeComparisons;
        var maxExpanded = (long)settings.MaxComplexity * ExpansionPerSelection;
        switch (FieldMergeComparisons.Count(context.Document, max, maxExpanded))
        {
            case null:
                context.ReportError(new LimitExceededError(LimitReason.Complexity,
                    $"The document is too complex: with its fragments expanded it has more than {maxExpanded} selections."));
                return default;
            case var comparisons when comparisons > max:
                context.ReportError(new LimitExceededError(LimitReason.FieldMerges,
                    $"The document repeats fields of one name, or spreads fragments into one selection, too often: checking that they can be merged takes more than {max} comparisons, the most this server makes."));
                return default;
            default:
                return OverlappingFieldsCanBeMerged.Instance.GetPreNodeVisitorAsync(context);
        }
    }
}
