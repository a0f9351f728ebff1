using System.Text.Json;
using System.Text.Json.Serialization;

namespace Catalog.Api;

/// <summary>
/// JSON written by the REST endpoints. Enum values are names, spelled as the GraphQL schema spells them
/// (<c>LOCAL_AND_CLOUD</c>), so a client reads one vocabulary from both and no number's meaning depends on the order of
/// a C# declaration.
/// </summary>
public static class RestJson
{
    public static JsonSerializerOptions WithNamedEnums(this JsonSerializerOptions options)
    {
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseUpper));
        return options;
    }

    public static IServiceCollection AddRestJson(this IServiceCollection services) =>
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.WithNamedEnums());
}
