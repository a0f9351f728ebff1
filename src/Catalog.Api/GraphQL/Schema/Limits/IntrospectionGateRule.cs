using Catalog.Api.GraphQL.Transport;
using GraphQL.Validation;
using GraphQL.Validation.Rules.Custom;
using Microsoft.Extensions.Options;

namespace Catalog.Api.GraphQL.Schema.Limits;

/// <summary>Refuses <c>__schema</c> and <c>__type</c> unless <c>GraphQL:Introspection</c> is on (it is in Development).</summary>
public sealed class IntrospectionGateRule(IOptions<GraphQLTransportOptions> options) : ValidationRuleBase
{
    public override ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context) =>
        options.Value.Introspection ? default : NoIntrospectionValidationRule.Instance.GetPreNodeVisitorAsync(context);
}
