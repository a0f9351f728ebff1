using GraphQL.Types;
using static Catalog.IntegrationTests.GraphQL.Sweep.SweepValue;

namespace Catalog.IntegrationTests.GraphQL.Sweep;

public sealed record HostileCase(string Label, SweepValue Value);

/// <summary>
/// Values chosen by an argument's type to break what reads it: text no store can hold, numbers past every range, moments
/// at the ends of the calendar, names no enum has, lists far too long, objects short of fields or with extra ones.
/// Several per type, not every combination: the sweep varies one argument (or one field of an input) at a time.
/// </summary>
public sealed class HostileValues(SweepBaselines baselines)
{
    private const int LongText = 100_000;
    private const int LongList = 10_000;

    private static readonly HostileCase[] Texts =
    [
        new("empty", Text("")),
        new("whitespace", Text(" \t\r\n ")),
        new("100 000 chars", Text(new string('a', LongText))),
        new("NUL", Text("a\0b")),
        new("control chars", Text("\u0001\u0007\u001b\u007f\u0085")),
        new("lone high surrogate", Text("a\ud800b")),
        new("lone low surrogate", Text("\udc00")),
        new("U+FFFE", Text("a\ufffeb")),
        new("RTL override", Text("\u202Etxt.exe")),
        new("path traversal", Text("../../../etc/passwd")),
        new("backslash traversal", Text("..\\..\\windows\\win.ini")),
        new("percent-encoded NUL", Text("%00")),
        new("SQL quote", Text("' OR 1=1 --")),
        new("emoji", Text("\ud83d\ude00")),
        new("number instead of text", Number("12")),
        new("boolean instead of text", new RawValue("true", "true")),
        new("object instead of text", new ObjectValue([("a", Number("1"))])),
    ];

    private static readonly HostileCase[] Ids =
    [
        new("nil guid", Text(Guid.Empty.ToString())),
        new("random guid", Text(Guid.NewGuid().ToString())),
        new("guid in braces", Text("{" + Guid.NewGuid() + "}")),
        new("guid without dashes", Text(Guid.NewGuid().ToString("N"))),
        new("guid and more", Text(Guid.NewGuid() + "x")),
        new("malformed guid", Text("0000000-0000-0000-0000-00000000000g")),
        new("malformed base64", Text("QUJD!!==")),
        new("base64 of a guid", Text(Convert.ToBase64String(Guid.NewGuid().ToByteArray()))),
        new("number id", Number("42")),
        new("huge number id", Number("1e308")),
    ];

    private static readonly HostileCase[] Integers =
    [
        new("0", Number("0")),
        new("-1", Number("-1")),
        new("int max", Number(int.MaxValue.ToString(System.Globalization.CultureInfo.InvariantCulture))),
        new("int min", Number(int.MinValue.ToString(System.Globalization.CultureInfo.InvariantCulture))),
        new("int max + 1", Number("2147483648")),
        new("long max", Number(long.MaxValue.ToString(System.Globalization.CultureInfo.InvariantCulture))),
        new("long min", Number(long.MinValue.ToString(System.Globalization.CultureInfo.InvariantCulture))),
        new("long max + 1", Number("9223372036854775808")),
        new("2^53+1 as a float", Number("9007199254740993.0")),
        new("1e308", Number("1e308")),
        new("-1e308", Number("-1e308")),
        new("fraction", Number("1.5")),
        new("number as text", Text("1")),
        new("text", Text("abc")),
    ];

    private static readonly HostileCase[] Moments =
    [
        new("year 1", Text("0001-01-01T00:00:00Z")),
        new("year 1 east of UTC", Text("0001-01-01T00:00:00+14:00")),
        new("year 9999 end", Text("9999-12-31T23:59:59Z")),
        new("year 9999 west of UTC", Text("9999-12-31T23:59:59-14:00")),
        new("no offset", Text("2026-01-01T00:00:00")),
        new("February 30", Text("2026-02-30T00:00:00Z")),
        new("offset past 14 h", Text("2026-01-01T00:00:00+25:00")),
        new("nanoseconds", Text("2026-01-01T00:00:00.123456789Z")),
        new("date only", Text("2026-01-01")),
        new("empty", Text("")),
        new("garbage", Text("yesterday")),
        new("number", Number("0")),
    ];

    private static readonly HostileCase[] Uploads =
    [
        new("text instead of a file", Text("0")),
        new("object instead of a file", new ObjectValue([])),
        new("number instead of a file", Number("0")),
    ];

    /// <summary>The cases for one argument or input field of <paramref name="type"/>, named <paramref name="name"/>.</summary>
    public IEnumerable<HostileCase> For(IGraphType type, string name)
    {
        yield return new("null", Null);
        var inner = type is NonNullGraphType nonNull ? nonNull.ResolvedType! : type;
        foreach (var c in inner switch
        {
            ListGraphType list => ForList(list, name),
            IInputObjectGraphType input => ForInput(input),
            EnumerationGraphType enumeration => ForEnum(enumeration),
            ScalarGraphType scalar => ForScalar(scalar.Name),
            _ => throw new InvalidOperationException($"No hostile values for {inner}."),
        })
            yield return c;
    }

    private IEnumerable<HostileCase> ForScalar(string scalar) => scalar switch
    {
        "String" => Texts,
        "ID" => Texts.Concat(Ids).Concat(baselines.ForeignIds),
        "Int" or "Long" => Integers,
        "DateTimeOffset" => Moments,
        "Upload" => Uploads,
        _ => throw new InvalidOperationException($"No hostile values for the scalar {scalar}."),
    };

    private static IEnumerable<HostileCase> ForEnum(EnumerationGraphType enumeration) =>
    [
        new("unknown name", Enum("NO_SUCH_VALUE")),
        new("lower-case name", Enum(enumeration.Values.First().Name.ToLowerInvariant())),
        new("name as a string literal", new RawValue(Quote(enumeration.Values.First().Name), Quote(enumeration.Values.First().Name))),
        new("number", Number("0")),
        new("empty", Text("")),
    ];

    private IEnumerable<HostileCase> ForList(ListGraphType list, string name)
    {
        var element = list.ResolvedType!;
        var valid = baselines.For(element, name);
        yield return new("empty list", new ListValue([]));
        yield return new($"{LongList} items", new ListValue(Enumerable.Repeat(valid, LongList).ToList()));
        yield return new("null inside", new ListValue([valid, Null]));
        yield return new("single value for a list", valid);
        foreach (var c in For(element, name).Where(c => c.Value != Null))
            yield return new($"[{c.Label}]", new ListValue([c.Value]));
    }

    private IEnumerable<HostileCase> ForInput(IInputObjectGraphType input)
    {
        var valid = baselines.ForInput(input);
        yield return new("empty object", new ObjectValue([]));
        yield return new("extra field", valid.With("noSuchField", Number("1")));
        yield return new("text instead of an object", Text("{}"));
        yield return new("list of the object", new ListValue([valid]));
        foreach (var field in input.Fields)
        {
            yield return new($"{field.Name} missing", valid.Without(field.Name));
            foreach (var c in For(field.ResolvedType!, field.Name))
                yield return new($"{field.Name}: {c.Label}", valid.With(field.Name, c.Value));
        }
    }
}

/// <summary>A value written out as given, for what the other kinds cannot say (a boolean, an enum's name quoted).</summary>
public sealed record RawValue(string RawJson, string? RawLiteral) : SweepValue
{
    public override string Json => RawJson;
    public override string? Literal => RawLiteral;
}
