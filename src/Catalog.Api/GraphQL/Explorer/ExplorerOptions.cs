namespace Catalog.Api.GraphQL.Explorer;

/// <summary><c>GraphQL:ExplorerPath</c>: where the Banana Cake Pop app's built files are (npm package, installed into tools/).</summary>
public sealed class ExplorerOptions
{
    public const string Section = "GraphQL";

    /// <summary>
    /// The folder holding the explorer's index.html. A relative path is looked up from the content root and then
    /// from each folder above it, so the default finds the repository's tools/ from a checkout or its build output.
    /// </summary>
    public string ExplorerPath { get; set; } = "tools/node_modules/@chillicream/bananacakepop-graphql-ide";

    public bool ExplorerEnabled { get; set; } = true;
}
