using GraphQL.Types;
using GraphQLParser.AST;

namespace Catalog.Api.GraphQL.Schema;

/// <summary>
/// GraphQL's <c>String</c>, refusing the NUL character in what clients send: Postgres text cannot hold it, so an
/// argument carrying one would otherwise fail deep inside a query or an append. Registered under the built-in name, it
/// replaces <see cref="StringGraphType"/> everywhere in the schema. What the server sends is not checked.
/// </summary>
public sealed class NulFreeStringGraphType : StringGraphType
{
    public const string Refusal = "Strings may not contain the NUL character (U+0000).";

    public NulFreeStringGraphType() => Name = "String";

    public override object? ParseLiteral(GraphQLValue value)
    {
        var parsed = base.ParseLiteral(value);
        return parsed is string text && HasNul(text) ? ThrowLiteralConversionError(value, Refusal) : parsed;
    }

    public override object? ParseValue(object? value) =>
        value is string text && HasNul(text) ? throw new NulRefused() : base.ParseValue(value);

    public override object? Serialize(object? value) => value is string ? value : base.Serialize(value);

    private static bool HasNul(string text) => text.Contains('\0');

    /// <summary>GraphQL.NET words a variable's refusal itself and keeps this one as its inner exception.</summary>
    public sealed class NulRefused() : InvalidOperationException(Refusal);
}
