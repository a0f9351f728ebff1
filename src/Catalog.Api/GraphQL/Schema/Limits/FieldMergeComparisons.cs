using GraphQLParser.AST;

namespace Catalog.Api.GraphQL.Schema.Limits;

/// <summary>
/// About how many comparisons GraphQL.NET's <c>OverlappingFieldsCanBeMerged</c> makes on a document, counted in time
/// linear in the document (ADR 0088). That rule compares every two fields that share a response name wherever they
/// would be merged, through fragments and into their sub-selections, and every two fragments spread into one
/// selection set; one reported conflict per pair. So each definition is expanded with its fields merged by response
/// name as execution merges them: a merged field met k times costs k(k-1)/2 comparisons, a selection set with m
/// fragments spread into it m(m-1)/2.
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
    /// The comparisons for every operation and fragment of the document (the rule visits them all), or
    /// <paramref name="ceiling"/> + 1 as soon as the count passes it. Null when the definitions, their fragments
    /// expanded, hold more than <paramref name="maxExpanded"/> fields: the count's own work stays bounded however the
    /// fragments multiply.
    /// </summary>
    public static long? Count(GraphQLDocument document, long ceiling, long maxExpanded)
    {
        var count = new FieldMergeComparisons(document, ceiling, maxExpanded);
        foreach (var definition in document.Definitions)
        {
            var selections = definition switch
            {
                GraphQLOperationDefinition operation => operation.SelectionSet,
                GraphQLFragmentDefinition fragment => fragment.SelectionSet,
                _ => null,
            };
            if (selections is not null && !count.Measure(selections))
                return count.expanded > maxExpanded ? null : ceiling + 1;
        }
        return count.comparisons;
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
            switch (selection)
            {
                case GraphQLField field:
                    if (++expanded > maxExpanded)
                        return false;
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
