using GraphQL;
using GraphQL.Types;

namespace Catalog.IntegrationTests.GraphQL.Sweep;

public enum Caller { Anonymous, User, Auditor, Admin }

/// <summary>One request of the sweep: a root field with one argument (or one input field) given a hostile value.</summary>
public sealed record SweepCall(string Field, string Label, string Operation, string Query, string? VariablesJson, Caller Caller)
{
    public string Body => VariablesJson is null
        ? $"{{\"query\":{SweepValue.Quote(Query)}}}"
        : $"{{\"query\":{SweepValue.Quote(Query)},\"variables\":{VariablesJson}}}";
}

/// <summary>
/// The calls the sweep makes, read from the schema the server runs: for every field of a root type and every argument,
/// each hostile value as a variable and, where GraphQL has one, as a literal; the argument left out; an argument the
/// field does not have. The caller is the one the field is for (a signed-up user, or the role it asks), plus an
/// anonymous one with the variables.
/// </summary>
public static class SweepCalls
{
    public static IEnumerable<SweepCall> Of(IObjectGraphType root, string operation, HostileValues hostile, SweepBaselines baselines)
    {
        foreach (var field in root.Fields.Where(f => !f.Name.StartsWith("__", StringComparison.Ordinal)))
        {
            var callers = CallersOf(field);
            var selection = Selection(field.ResolvedType!, 0);
            var required = (field.Arguments ?? []).Where(a => a.ResolvedType is NonNullGraphType).ToList();
            // The other required arguments get their valid values; the target gets the value, or is left out without one.
            string Call(string target, string? value) => $"r: {field.Name}" + Arguments(
                required.Where(a => a.Name != target).Select(a => $"{a.Name}: {baselines.For(a.ResolvedType!, a.Name).Literal}")
                    .Concat(value is null ? [] : [$"{target}: {value}"]));

            foreach (var caller in callers)
                yield return new(field.Name, $"{field.Name}(noSuchArgument)", operation, $"{operation} {{ {Call("noSuchArgument", "1")} {selection} }}", null, caller);

            foreach (var argument in field.Arguments ?? [])
            {
                var type = TypeName(argument.ResolvedType!);
                if (argument.ResolvedType is NonNullGraphType)
                {
                    foreach (var caller in callers)
                        yield return new(field.Name, $"{field.Name}({argument.Name} omitted)", operation, $"{operation} {{ {Call(argument.Name, null)} {selection} }}", null, caller);
                }
                foreach (var c in hostile.For(argument.ResolvedType!, argument.Name))
                {
                    var label = $"{field.Name}({argument.Name}: {c.Label})";
                    foreach (var caller in callers)
                    {
                        yield return new(field.Name, label + " as a variable", operation,
                            $"{operation} Sweep($v: {type}) {{ {Call(argument.Name, "$v")} {selection} }}", $"{{\"v\":{c.Value.Json}}}", caller);
                        if (c.Value.Literal is { } literal && caller != Caller.Anonymous)
                            yield return new(field.Name, label + " as a literal", operation, $"{operation} {{ {Call(argument.Name, literal)} {selection} }}", null, caller);
                    }
                }
            }
        }
    }

    // Accounts are made and checked without a token; every other field is tried by whom it is for and by a stranger.
    private static Caller[] CallersOf(FieldType field) => field.Name switch
    {
        "signUp" or "logIn" => [Caller.Anonymous],
        _ when field.GetRoles() is { Count: > 0 } => [Caller.Anonymous, Caller.User, Caller.Admin],
        "fileHistory" or "fileAsOf" or "fileAtVersion" or "auditTrail" or "auditEvents" => [Caller.Anonymous, Caller.User, Caller.Auditor],
        _ => [Caller.Anonymous, Caller.User],
    };

    private static string Arguments(IEnumerable<string> arguments)
    {
        var list = arguments.ToList();
        return list.Count == 0 ? "" : $"({string.Join(", ", list)})";
    }

    public static string TypeName(IGraphType type) => type switch
    {
        NonNullGraphType nonNull => TypeName(nonNull.ResolvedType!) + "!",
        ListGraphType list => $"[{TypeName(list.ResolvedType!)}]",
        _ => type.Name,
    };

    /// <summary>Every field without arguments, two levels deep, so the answer's own resolvers run too.</summary>
    private static string Selection(IGraphType type, int depth)
    {
        while (type is NonNullGraphType or ListGraphType)
            type = type is NonNullGraphType n ? n.ResolvedType! : ((ListGraphType)type).ResolvedType!;
        if (type is not IComplexGraphType complex)
            return "";
        var fields = complex.Fields.Where(f => f.Arguments is not { Count: > 0 })
            .Select(f => (f.Name, Inner: Selection(f.ResolvedType!, depth + 1)))
            .Where(f => depth < 2 || f.Inner.Length == 0)
            .Select(f => f.Name + (f.Inner.Length == 0 ? "" : " " + f.Inner));
        return "{ __typename " + string.Join(" ", fields) + " }";
    }
}
