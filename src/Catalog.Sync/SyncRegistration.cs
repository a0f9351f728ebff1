using Catalog.Sync.Runs;
using Catalog.Sync.Scheduling;
using Catalog.Sync.Settings;
using Catalog.Sync.Transfer;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Catalog.Sync;

public static class SyncRegistration
{
    /// <summary>The nightly transfer: options, the copier, the locks and the schedule kept at start-up.</summary>
    public static IServiceCollection AddCatalogSync(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SyncOptions>().BindSection(configuration, SyncOptions.Section);
        services.AddSingleton<IValidateOptions<SyncOptions>, SyncOptionsValidation>();
        services.AddSingleton<SyncLocks>();
        services.AddSingleton<CloudCopier>();
        services.AddSingleton<FileSyncer>();
        services.AddSingleton<TierProbe>();
        services.AddHostedService<ScheduleOnStartup>();
        services.AddHostedService<StalledRunWatch>();
        return services;
    }
}
