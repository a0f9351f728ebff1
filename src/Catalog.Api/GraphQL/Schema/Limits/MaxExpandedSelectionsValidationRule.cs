using GraphQL.Validation;
using Microsoft.Extensions.Options;

namespace Catalog.Api.GraphQL.Schema.Limits;

/// <summary>
/// Refuses an operation whose fragments expand to more selections than <c>MaxComplexity</c>, before GraphQL.NET's
/// complexity estimate walks the expansion node by node: fragments that each spread the next twice make a document
/// of a few hundred tokens expand to billions of fields, and that walk does not stop when the client leaves (ADR 0086).
/// </summary>
public sealed class MaxExpandedSelectionsValidationRule(IOptions<GraphQLLimitsOptions> limits) : ValidationRuleBase
{
    // Counted before the document rules walk the document, so the refusal does not depend on where the complexity
    // rule stands in the list: an error from this stage ends validation before any rule's post-node stage.
    public override ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context)
    {
        var max = limits.Value.MaxComplexity;
        if (context.Operation is { } operation && ExpandedSelections.Count(operation, context.Document, max) > max)
            context.ReportError(new LimitExceededError(LimitReason.Complexity,
                $"The operation is too complex: with its fragments expanded it has more than {max} selections, the most this server runs is {max}."));
        return default;
    }
}
