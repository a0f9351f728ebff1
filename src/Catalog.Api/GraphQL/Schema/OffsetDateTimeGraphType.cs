using GraphQL.Types;
using GraphQLParser.AST;

namespace Catalog.Api.GraphQL.Schema;

/// <summary>
/// GraphQL's <c>DateTimeOffset</c>, taking from clients only <see cref="IsoTimestamp"/>'s form: GraphQL.NET's own
/// read a moment without an offset in the server's time zone. Registered under the built-in name, it replaces
/// <see cref="DateTimeOffsetGraphType"/> everywhere in the schema; what the server sends is unchanged.
/// </summary>
public sealed class OffsetDateTimeGraphType : DateTimeOffsetGraphType
{
    public OffsetDateTimeGraphType()
    {
        Name = "DateTimeOffset";
        Description = "A date, time and offset from UTC in ISO 8601 (RFC 3339), e.g. `2026-11-30T04:29:50Z` or `2026-11-30T10:59:50+05:30`. A value sent without its offset is refused.";
    }

    public override object? ParseLiteral(GraphQLValue value) => value switch
    {
        GraphQLStringValue text => IsoTimestamp.TryParse((string)text.Value, out var moment)
            ? moment
            : ThrowLiteralConversionError(value, IsoTimestamp.WhyNot((string)text.Value)),
        GraphQLNullValue => null,
        _ => ThrowLiteralConversionError(value),
    };

    public override object? ParseValue(object? value) => value switch
    {
        string text => IsoTimestamp.TryParse(text, out var moment) ? moment : throw new ValueRefused(IsoTimestamp.WhyNot(text)),
        _ => base.ParseValue(value), // null, or a moment from the server's own code
    };

    // Any string passes validation, so that ParseLiteral, not the validator's "Expected type", says what is wrong with it.
    public override bool CanParseLiteral(GraphQLValue value) => value is GraphQLNullValue or GraphQLStringValue;

    public override bool CanParseValue(object? value) => value is string text ? IsoTimestamp.TryParse(text, out _) : base.CanParseValue(value);
}
