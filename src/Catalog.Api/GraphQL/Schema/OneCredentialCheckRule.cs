using GraphQL.Validation;
using GraphQLParser;
using GraphQLParser.AST;

namespace Catalog.Api.GraphQL.Schema;

/// <summary>
/// Refuses an operation that signs up or logs in more than once. Each hashes a password, slow on purpose; aliases
/// would let one request carry 30 of them: 30 guesses at a password, and 30 hashes of CPU, for the price of one request.
/// </summary>
public sealed class OneCredentialCheckRule : ValidationRuleBase
{
    public const string Reason = "ONE_CREDENTIAL_CHECK_PER_OPERATION";

    private static readonly HashSet<string> CredentialFields = ["signUp", "logIn"];

    public override ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context)
    {
        if (context.Operation is { Operation: OperationType.Mutation } operation)
        {
            var checks = new HashSet<string>();
            CollectRootFields(operation.SelectionSet, context.Document, checks, []);
            if (checks.Count > 1)
                context.ReportError(new OneCredentialCheckError(
                    $"An operation may sign up or log in once; this one does so {checks.Count} times."));
        }
        return default;
    }

    /// <summary>The response names of credential fields the operation runs: fields of one response name run once.</summary>
    private static void CollectRootFields(GraphQLSelectionSet selections, GraphQLDocument document, HashSet<string> into, HashSet<string> spread)
    {
        foreach (var selection in selections.Selections)
        {
            switch (selection)
            {
                case GraphQLField field when CredentialFields.Contains(field.Name.StringValue):
                    into.Add((field.Alias?.Name ?? field.Name).StringValue);
                    break;
                case GraphQLInlineFragment inline:
                    CollectRootFields(inline.SelectionSet, document, into, spread);
                    break;
                case GraphQLFragmentSpread fragmentSpread when spread.Add(fragmentSpread.FragmentName.Name.StringValue):
                    if (document.FindFragmentDefinition(fragmentSpread.FragmentName.Name.Value) is { } fragment)
                        CollectRootFields(fragment.SelectionSet, document, into, spread);
                    break;
            }
        }
    }

    private sealed class OneCredentialCheckError : ValidationError
    {
        public OneCredentialCheckError(string message) : base(message) => Code = Reason;
    }
}
