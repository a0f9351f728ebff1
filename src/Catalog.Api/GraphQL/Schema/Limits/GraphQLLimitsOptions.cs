namespace Catalog.Api.GraphQL.Schema.Limits;

/// <summary><c>GraphQL:Limits</c>: how big an operation may be before it is refused without running.</summary>
public sealed class GraphQLLimitsOptions
{
    public const string Section = "GraphQL:Limits";

    /// <summary>Deepest field nesting of an operation (introspection-only operations are exempt when introspection is on).</summary>
    public int MaxDepth { get; set; } = 12;

    /// <summary>
    /// GraphQL.NET's complexity estimate: one per field, list fields multiplied by their <c>first</c>. Also the most
    /// selections an operation may have once its fragments are expanded (ADR 0086).
    /// </summary>
    public int MaxComplexity { get; set; } = 5000;

    /// <summary>Aliased fields in one document: an alias repeats a field's work under another name.</summary>
    public int MaxAliases { get; set; } = 30;

    /// <summary>Lexical tokens in one document, counted before parsing.</summary>
    public int MaxTokens { get; set; } = 5000;

    /// <summary>
    /// Comparisons of fields that share a response name, and of fragments spread into one selection, that checking a
    /// document for fields that cannot be merged may take: that check grows with the square of such fields (ADR 0088).
    /// </summary>
    public int MaxFieldMergeComparisons { get; set; } = 10_000;

    /// <summary>Nesting the parser accepts at all (braces, lists, objects): it recurses, so this guards its stack.</summary>
    public int MaxParserDepth { get; set; } = 64;
}
