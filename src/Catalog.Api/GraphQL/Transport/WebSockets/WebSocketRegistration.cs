using Catalog.Sync.Settings;
using Microsoft.Extensions.Options;

namespace Catalog.Api.GraphQL.Transport.WebSockets;

public static class WebSocketRegistration
{
    public static IServiceCollection AddGraphQLWebSockets(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<GraphQLWebSocketOptions>().BindSection(configuration, GraphQLWebSocketOptions.Section);
        services.AddSingleton<IValidateOptions<GraphQLWebSocketOptions>, GraphQLWebSocketOptionsValidation>();
        services.AddSingleton<ServerMessages>();
        services.AddSingleton<SharedSubscriptions>();
        services.AddSingleton<WebSocketAuthenticator>();
        services.AddSingleton(provider =>
        {
            var options = provider.GetRequiredService<IOptions<GraphQLWebSocketOptions>>().Value;
            return new UserConnections(options.MaxConnectionsPerUser, options.MaxAnonymousConnections);
        });
        services.AddSingleton(provider => new WebSocketClock(provider.GetRequiredService<TimeProvider>()));
        services.AddSingleton<GraphQLWebSocketEndpoint>();
        return services;
    }
}
