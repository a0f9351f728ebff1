using GraphQL;

namespace Catalog.Api.GraphQL.Transport;

/// <summary>Places a file at a variable path of the multipart spec, such as <c>variables.input.file</c>.</summary>
internal static class VariablePath
{
    public static Inputs Set(Inputs? variables, string path, object value)
    {
        var segments = path.Split('.');
        if (segments.Length < 2 || segments[0] != "variables")
            throw TransportError.BadRequest($"The map path '{path}' must start with 'variables.'.");

        var root = variables is null ? new Dictionary<string, object?>() : new Dictionary<string, object?>(variables);
        object? node = root;
        for (var i = 1; i < segments.Length; i++)
        {
            var last = i == segments.Length - 1;
            switch (node)
            {
                case IDictionary<string, object?> dictionary when last:
                    dictionary[segments[i]] = value;
                    break;
                case IDictionary<string, object?> dictionary when dictionary.TryGetValue(segments[i], out var child):
                    node = child;
                    break;
                case IList<object?> list when int.TryParse(segments[i], out var index) && index >= 0 && index < list.Count:
                    if (last)
                        list[index] = value;
                    else
                        node = list[index];
                    break;
                default:
                    throw TransportError.BadRequest($"The map path '{path}' does not name a variable of the operation.");
            }
        }

        return new Inputs(root);
    }
}
