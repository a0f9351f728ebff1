using GraphQL;

namespace Catalog.Api.GraphQL;

public static class SelectionExtensions
{
    /// <summary>
    /// Whether the client selected a field (by its name, under any alias or fragment) of the object this resolver
    /// returns: lets a resolver skip work, such as counting, nobody asked for.
    /// </summary>
    public static bool SelectsField(this IResolveFieldContext context, string name) =>
        context.SubFields?.Values.Any(selection => selection.Field.Name.StringValue == name) == true;
}
