namespace Catalog.Api.GraphQL.Transport;

public static class GraphQLEndpointMapping
{
    public const string Path = "/graphql";

    public static WebApplication MapCatalogGraphQL(this WebApplication app)
    {
        app.Map(Path, http => http.RequestServices.GetRequiredService<GraphQLHttpEndpoint>().HandleAsync(http));
        return app;
    }
}
