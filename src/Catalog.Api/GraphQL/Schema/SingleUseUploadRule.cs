using GraphQL;
using GraphQL.Types;
using GraphQL.Validation;
using GraphQLParser.AST;

namespace Catalog.Api.GraphQL.Schema;

/// <summary>
/// Refuses an operation that passes one <c>Upload</c> variable to more than one field. The file is the request's body,
/// read once as it arrives: a second field would find it consumed and fail after the first had stored the file, so the
/// client would get an error for an upload that was kept.
/// </summary>
public sealed class SingleUseUploadRule : ValidationRuleBase
{
    public const string Reason = "UPLOAD_USED_MORE_THAN_ONCE";

    public override ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context) =>
        new(new MatchingNodeVisitor<GraphQLOperationDefinition>((operation, validation) =>
        {
            if (operation != validation.Operation)
                return;
            var reused = (validation.GetRecursiveVariables(operation) ?? [])
                .Where(usage => usage.Type.GetNamedType() is UploadGraphType)
                .GroupBy(usage => usage.Node.Name.StringValue)
                .FirstOrDefault(uses => uses.Count() > 1);
            if (reused is not null)
                validation.ReportError(new SingleUseUploadError(
                    $"The file in ${reused.Key} can be read only once, but the operation passes it to {reused.Count()} fields."));
        }));

    private sealed class SingleUseUploadError : ValidationError
    {
        public SingleUseUploadError(string message) : base(message) => Code = Reason;
    }
}
