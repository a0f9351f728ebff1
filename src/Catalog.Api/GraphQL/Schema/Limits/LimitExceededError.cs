using GraphQL.Validation;

namespace Catalog.Api.GraphQL.Schema.Limits;

/// <summary>An operation refused for its size; <see cref="LimitReason"/> names the limit (it becomes <c>extensions.reason</c>).</summary>
public sealed class LimitExceededError : ValidationError
{
    public LimitExceededError(string reason, string message) : base(message)
    {
        Code = reason;
    }
}

public static class LimitReason
{
    public const string Depth = "MAX_DEPTH";
    public const string Complexity = "MAX_COMPLEXITY";
    public const string Aliases = "MAX_ALIASES";
    public const string Tokens = "MAX_TOKENS";
    public const string ParserDepth = "MAX_PARSER_DEPTH";
    public const string FieldMerges = "MAX_FIELD_MERGES";
    public const string Errors = "MAX_ERRORS";
}
