using Microsoft.Extensions.Options;

namespace Catalog.Api.Files.Upload;

public static class UploadRegistration
{
    public static IServiceCollection AddFileUploads(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<UploadOptions>().Bind(configuration.GetSection(UploadOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<UploadOptions>>(new UploadOptionsValidation(configuration));
        services.AddScoped<UploadFileHandler>();
        services.AddSingleton<UnconfirmedCommits>();
        services.AddHostedService<SpoolLeftovers>();
        return services;
    }
}
