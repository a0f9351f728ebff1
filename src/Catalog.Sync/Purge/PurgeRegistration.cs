using Catalog.Sync.Settings;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Wolverine;

namespace Catalog.Sync.Purge;

public static class PurgeRegistration
{
    public static IServiceCollection AddFilePurge(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DeletionOptions>().BindSection(configuration, DeletionOptions.Section);
        services.AddSingleton<IValidateOptions<DeletionOptions>, DeletionOptionsValidation>();
        services.AddSingleton<IWolverineExtension, PurgeFailurePolicy>();
        return services;
    }
}
