using Catalog.Sync.Settings;
using Microsoft.Extensions.Options;

namespace Catalog.Api.Files.Upload;

public static class UploadRegistration
{
    public static IServiceCollection AddFileUploads(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<UploadOptions>().BindSection(configuration, UploadOptions.Section);
        services.AddSingleton<IValidateOptions<UploadOptions>>(new UploadOptionsValidation(configuration));
        services.AddScoped<UploadFileHandler>();
        services.AddSingleton<UnconfirmedCommits>();
        services.AddHostedService<SpoolLeftovers>();
        services.DecodeNameHeaderLeniently();
        return services;
    }
}
