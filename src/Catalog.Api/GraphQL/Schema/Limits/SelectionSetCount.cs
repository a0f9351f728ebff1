using GraphQLParser.AST;

namespace Catalog.Api.GraphQL.Schema.Limits;

/// <summary>
/// One selection set as written: its selections at every level (a spread counts as one), and how many times it
/// spreads each fragment. @skip and @include are not read, so the count does not depend on the variables.
/// </summary>
internal sealed class SelectionSetCount
{
    public long Written { get; private set; }

    public Dictionary<string, int> Spreads { get; } = [];

    public static SelectionSetCount Of(GraphQLSelectionSet selectionSet)
    {
        var count = new SelectionSetCount();
        count.Add(selectionSet);
        return count;
    }

    /// <summary>The count with every spread replaced by its fragment's expanded count; at most <paramref name="cap"/> + 1.</summary>
    public long Expanded(IReadOnlyDictionary<string, long> expandedFragments, long cap)
    {
        var total = Math.Min(Written, cap + 1);
        foreach (var (fragment, times) in Spreads)
            total = Math.Min(total + times * expandedFragments.GetValueOrDefault(fragment), cap + 1);
        return total;
    }

    // Recursion only follows the nesting written in one definition, which the parser's depth limit bounds.
    private void Add(GraphQLSelectionSet selectionSet)
    {
        foreach (var selection in selectionSet.Selections)
        {
            Written++;
            switch (selection)
            {
                case GraphQLField { SelectionSet: { } children }:
                    Add(children);
                    break;
                case GraphQLInlineFragment inline:
                    Add(inline.SelectionSet);
                    break;
                case GraphQLFragmentSpread spread:
                    var name = spread.FragmentName.Name.StringValue;
                    Spreads[name] = Spreads.GetValueOrDefault(name) + 1;
                    break;
            }
        }
    }
}
