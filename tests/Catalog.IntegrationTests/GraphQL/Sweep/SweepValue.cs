using System.Globalization;
using System.Text;

namespace Catalog.IntegrationTests.GraphQL.Sweep;

/// <summary>
/// A value the sweep sends, written out by hand both as JSON (for variables) and as a GraphQL literal: a serializer
/// would refuse or repair exactly the strings worth sending (half of a surrogate pair, U+FFFE).
/// </summary>
public abstract record SweepValue
{
    public abstract string Json { get; }

    /// <summary>The value as a literal in the document; null where GraphQL has no literal for it.</summary>
    public abstract string? Literal { get; }

    public static SweepValue Text(string value) => new TextValue(value);
    public static SweepValue Number(string raw) => new NumberValue(raw);
    public static SweepValue Enum(string name) => new EnumValue(name);
    public static readonly SweepValue Null = new NullValue();

    /// <summary>Every character outside printable ASCII as <c>\uXXXX</c>, which JSON and GraphQL read alike.</summary>
    public static string Quote(string value)
    {
        var quoted = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            if (c is '"' or '\\')
                quoted.Append('\\').Append(c);
            else if (c is < ' ' or > '~')
                quoted.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
            else
                quoted.Append(c);
        }
        return quoted.Append('"').ToString();
    }

    private sealed record TextValue(string Value) : SweepValue
    {
        public override string Json => Quote(Value);
        public override string? Literal => Json;
    }

    private sealed record NumberValue(string Raw) : SweepValue
    {
        public override string Json => Raw;
        public override string? Literal => Raw;
    }

    /// <summary>An enum's name: a bare name in a literal, a string in JSON.</summary>
    private sealed record EnumValue(string Name) : SweepValue
    {
        public override string Json => Quote(Name);
        public override string? Literal => Name;
    }

    private sealed record NullValue : SweepValue
    {
        public override string Json => "null";
        public override string? Literal => "null";
    }
}

public sealed record ListValue(IReadOnlyList<SweepValue> Items) : SweepValue
{
    public override string Json => "[" + string.Join(",", Items.Select(i => i.Json)) + "]";
    public override string? Literal => Items.Any(i => i.Literal is null) ? null : "[" + string.Join(",", Items.Select(i => i.Literal)) + "]";
}

public sealed record ObjectValue(IReadOnlyList<(string Name, SweepValue Value)> Fields) : SweepValue
{
    public override string Json => "{" + string.Join(",", Fields.Select(f => $"{Quote(f.Name)}:{f.Value.Json}")) + "}";

    public override string? Literal => Fields.Any(f => f.Value.Literal is null)
        ? null
        : "{" + string.Join(",", Fields.Select(f => $"{f.Name}:{f.Value.Literal}")) + "}";

    public ObjectValue With(string name, SweepValue value) =>
        new(Fields.Where(f => f.Name != name).Append((name, value)).ToList());

    public ObjectValue Without(string name) => new(Fields.Where(f => f.Name != name).ToList());
}
