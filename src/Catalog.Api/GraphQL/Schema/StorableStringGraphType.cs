using GraphQL.Types;
using GraphQLParser.AST;

namespace Catalog.Api.GraphQL.Schema;

/// <summary>
/// GraphQL's <c>String</c>, refusing in what clients send the text that <see cref="StorableText"/> refuses (NUL, half
/// of a surrogate pair), which would otherwise fail deep inside a query or an append. Registered under the built-in
/// name, it replaces <see cref="StringGraphType"/> everywhere in the schema. What the server sends is not checked.
/// </summary>
public sealed class StorableStringGraphType : StringGraphType
{
    public StorableStringGraphType() => Name = "String";

    public override object? ParseLiteral(GraphQLValue value)
    {
        var parsed = base.ParseLiteral(value);
        return parsed is string text && StorableText.Refusal(text) is { } refusal ? ThrowLiteralConversionError(value, refusal) : parsed;
    }

    public override object? ParseValue(object? value) =>
        value is string text && StorableText.Refusal(text) is { } refusal ? throw new ValueRefused(refusal) : base.ParseValue(value);

    public override object? Serialize(object? value) => value is string ? value : base.Serialize(value);
}
