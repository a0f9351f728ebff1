using System.Numerics;
using GraphQL.Types;
using GraphQLParser.AST;

namespace Catalog.Api.GraphQL.Schema;

/// <summary>
/// GraphQL's <c>ID</c>, taking from clients only a string. Every id this service issues is a GUID, so a number names
/// nothing; GraphQL.NET's own <c>ID</c> took it and failed converting it to a <see cref="Guid"/>, in a message naming .NET
/// types. Registered under the built-in name, it replaces <see cref="IdGraphType"/> everywhere in the schema; what the
/// server sends is unchanged.
/// </summary>
public sealed class TextIdGraphType : IdGraphType
{
    public const string Expected = "An ID is a string: a GUID such as \"0196c1de-5c1a-7f3e-9a4b-2d8e6f1a3b5c\".";

    public TextIdGraphType() => Name = "ID";

    public override object? ParseLiteral(GraphQLValue value) =>
        value is GraphQLIntValue ? ThrowLiteralConversionError(value, Expected) : base.ParseLiteral(value);

    public override object? ParseValue(object? value) =>
        IsNumber(value) ? throw new FormatException(Expected) : base.ParseValue(value);

    public override bool CanParseLiteral(GraphQLValue value) => value is not GraphQLIntValue && base.CanParseLiteral(value);

    public override bool CanParseValue(object? value) => !IsNumber(value) && base.CanParseValue(value);

    private static bool IsNumber(object? value) =>
        value is sbyte or byte or short or ushort or int or uint or long or ulong or BigInteger or decimal or double or float;
}
