using Catalog.Api.GraphQL.Transport.WebSockets;

namespace Catalog.Api.GraphQL.Transport;

public static class GraphQLEndpointMapping
{
    public const string Path = "/graphql";

    /// <summary><c>/graphql</c> answers both GraphQL over HTTP and graphql-transport-ws over WebSocket.</summary>
    public static WebApplication MapCatalogGraphQL(this WebApplication app)
    {
        app.UseWebSockets();
        app.Map(Path, http => http.WebSockets.IsWebSocketRequest
            ? http.RequestServices.GetRequiredService<GraphQLWebSocketEndpoint>().HandleAsync(http)
            : http.RequestServices.GetRequiredService<GraphQLHttpEndpoint>().HandleAsync(http));
        return app;
    }
}
