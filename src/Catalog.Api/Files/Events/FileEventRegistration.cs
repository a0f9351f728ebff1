using Marten;

namespace Catalog.Api.Files.Events;

public static class FileEventRegistration
{
    /// <summary>The live feed of committed file events; the async daemon (see PersistenceRegistration) runs it.</summary>
    public static IServiceCollection AddFileEventFeed(this IServiceCollection services)
    {
        services.AddSingleton<FileEventBroadcaster>();
        services.AddSingleton<SyncProgressBroadcaster>();
        services.AddSingleton<FileEventFeed>();
        services.ConfigureMarten((provider, options) => options.Projections.Subscribe(provider.GetRequiredService<FileEventFeed>()));
        return services;
    }
}
