using GraphQLParser.AST;

namespace Catalog.Api.GraphQL.Schema.Limits;

/// <summary>
/// About how many comparisons GraphQL.NET's <c>OverlappingFieldsCanBeMerged</c> makes on a document, counted in a walk
/// of bounded length (ADR 0088). That rule compares every two fields that share a response name wherever they would be
/// merged, through fragments and into their sub-selections, and every two fragments spread into one selection set and
/// the fragments those spread; one reported conflict per pair. So each operation is expanded with its fields merged by
/// response name as execution merges them: a merged field met k times costs k(k-1)/2 comparisons, a selection set
/// with m fragments spread into it, directly or through other fragments, m(m-1)/2.
/// </summary>
internal sealed class FieldMergeComparisons
{
    private readonly Dictionary<string, GraphQLFragmentDefinition> fragments = [];
    private readonly HashSet<string> expanding = [];
    private readonly long ceiling;
    private readonly long maxExpanded;
    private long expanded;
    private long comparisons;

    private FieldMergeComparisons(GraphQLDocument document, long ceiling, long maxExpanded)
    {
        foreach (var fragment in document.Definitions.OfType<GraphQLFragmentDefinition>())
            fragments.TryAdd(fragment.FragmentName.Name.StringValue, fragment);
        this.ceiling = ceiling;
        this.maxExpanded = maxExpanded;
    }

    /// <summary>
    /// The comparisons for every operation, its fragments expanded, and every fragment no operation reaches (the rule
    /// visits those too; a fragment an operation reaches is counted where it is spread). <paramref name="ceiling"/> + 1
    /// as soon as the count passes it; null when the walk passes <paramref name="maxExpanded"/> selections (every field,
    /// spread and inline fragment it visits), so the count's own work stays bounded however the fragments multiply.
    /// </summary>
    public static long? Count(GraphQLDocument document, long ceiling, long maxExpanded)
    {
        var count = new FieldMergeComparisons(document, ceiling, maxExpanded);
        var operations = document.Definitions.OfType<GraphQLOperationDefinition>().Select(o => o.SelectionSet).ToList();
        var reached = count.ReachedFrom(operations);
        var unreached = count.fragments.Where(f => !reached.Contains(f.Key)).Select(f => f.Value.SelectionSet);
        foreach (var selections in operations.Concat(unreached))
            if (!count.Measure(selections))
                return count.expanded > maxExpanded ? null : ceiling + 1;
        return count.comparisons;
    }

    /// <summary>The fragments spread, directly or through other fragments, by these selection sets.</summary>
    private HashSet<string> ReachedFrom(IEnumerable<GraphQLSelectionSet> roots)
    {
        var reached = new HashSet<string>();
        var pending = new Stack<GraphQLSelectionSet>(roots);
        while (pending.TryPop(out var selections))
            foreach (var name in SelectionSetCount.Of(selections).Spreads.Keys)
                if (reached.Add(name) && fragments.TryGetValue(name, out var fragment))
                    pending.Push(fragment.SelectionSet);
        return reached;
    }

    private bool Measure(GraphQLSelectionSet selections)
    {
        var merged = new MergedSet();
        return Expand(selections, merged) && Add(merged);
    }

    private bool Expand(GraphQLSelectionSet selections, MergedSet into)
    {
        foreach (var selection in selections.Selections)
        {
            if (++expanded > maxExpanded)
                return false;
            switch (selection)
            {
                case GraphQLField field:
                    var name = (field.Alias?.Name ?? field.Name).StringValue;
                    if (!into.Fields.TryGetValue(name, out var merged))
                        into.Fields[name] = merged = new MergedField();
                    merged.Times++;
                    if (field.SelectionSet is { } children && !Expand(children, merged.Children ??= new MergedSet()))
                        return false;
                    break;
                case GraphQLInlineFragment inline:
                    if (!Expand(inline.SelectionSet, into))
                        return false;
                    break;
                case GraphQLFragmentSpread spread:
                    var fragment = spread.FragmentName.Name.StringValue;
                    into.Fragments.Add(fragment);
                    // A cycle or an unknown fragment is another rule's refusal; either adds nothing here.
                    if (fragments.TryGetValue(fragment, out var definition) && expanding.Add(fragment))
                    {
                        var within = Expand(definition.SelectionSet, into);
                        expanding.Remove(fragment);
                        if (!within)
                            return false;
                    }
                    break;
            }
        }
        return true;
    }

    private bool Add(MergedSet set)
    {
        comparisons += Pairs(set.Fragments.Count);
        foreach (var field in set.Fields.Values)
        {
            comparisons += Pairs(field.Times);
            if (comparisons > ceiling || field.Children is { } children && !Add(children))
                return false;
        }
        return comparisons <= ceiling;
    }

    private static long Pairs(long times) => times * (times - 1) / 2;

    private sealed class MergedSet
    {
        public Dictionary<string, MergedField> Fields { get; } = [];
        public HashSet<string> Fragments { get; } = [];
    }

    private sealed class MergedField
    {
        public long Times { get; set; }
        public MergedSet? Children { get; set; }
    }
}
