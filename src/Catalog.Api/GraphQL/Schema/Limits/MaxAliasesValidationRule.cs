using GraphQL.Validation;
using GraphQLParser.AST;
using Microsoft.Extensions.Options;

namespace Catalog.Api.GraphQL.Schema.Limits;

/// <summary>Refuses documents with more aliased fields than allowed: aliases let one request repeat a field's work many times.</summary>
public sealed class MaxAliasesValidationRule(IOptions<GraphQLLimitsOptions> limits) : ValidationRuleBase
{
    public override ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context)
    {
        var max = limits.Value.MaxAliases;
        var count = 0;
        return new(new MatchingNodeVisitor<GraphQLField>((field, validation) =>
        {
            if (field.Alias is null || ++count != max + 1)
                return;
            validation.ReportError(new LimitExceededError(LimitReason.Aliases,
                $"The document has more than {max} aliased fields, the most this server accepts."));
        }));
    }
}
