using GraphQLParser.AST;

namespace Catalog.Api.GraphQL.Schema.Limits;

/// <summary>
/// How many selections (fields, fragment spreads, inline fragments) an operation has once every fragment spread is
/// replaced by its fragment: the nodes GraphQL.NET's complexity estimate visits one by one. Each fragment is
/// counted once and its count reused, so the work is linear in the document however often fragments are spread.
/// </summary>
internal static class ExpandedSelections
{
    /// <summary>The expanded count, or <paramref name="cap"/> + 1 if it is larger.</summary>
    public static long Count(GraphQLOperationDefinition operation, GraphQLDocument document, long cap)
    {
        var fragments = new Dictionary<string, SelectionSetCount>();
        foreach (var fragment in document.Definitions.OfType<GraphQLFragmentDefinition>())
            fragments.TryAdd(fragment.FragmentName.Name.StringValue, SelectionSetCount.Of(fragment.SelectionSet));
        var expanded = ExpandFragments(fragments, cap);
        return SelectionSetCount.Of(operation.SelectionSet).Expanded(expanded, cap);
    }

    /// <summary>
    /// Each fragment's expanded count, dependencies first (a depth-first walk with its own stack, so a long chain of
    /// fragments cannot overflow the thread's). A spread of a fragment still being expanded is a cycle, which
    /// GraphQL's NoFragmentCycles rule refuses; it adds nothing here, so the walk always ends. So does a spread of an
    /// unknown fragment, which KnownFragmentNames refuses.
    /// </summary>
    private static Dictionary<string, long> ExpandFragments(Dictionary<string, SelectionSetCount> fragments, long cap)
    {
        var expanded = new Dictionary<string, long>();
        var entered = new HashSet<string>();
        var pending = new Stack<string>(fragments.Keys);
        while (pending.TryPeek(out var name))
        {
            if (expanded.ContainsKey(name))
                pending.Pop();
            else if (entered.Add(name))
            {
                foreach (var spread in fragments[name].Spreads.Keys)
                    if (fragments.ContainsKey(spread) && !entered.Contains(spread))
                        pending.Push(spread);
            }
            else
                expanded[pending.Pop()] = fragments[name].Expanded(expanded, cap);
        }
        return expanded;
    }
}
