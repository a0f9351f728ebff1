using Microsoft.Extensions.Options;

namespace Catalog.Api.Files.Upload;

public static class UploadRegistration
{
    public static IServiceCollection AddFileUploads(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<UploadOptions>().Bind(configuration.GetSection(UploadOptions.Section))
            .Validate(o => o.MaxFileSizeBytes > 0, $"{UploadOptions.Section}:MaxFileSizeBytes must be a positive number of bytes.")
            .Validate(o => o.SpoolDirectory.Length == 0 || Directory.Exists(o.SpoolDirectory),
                $"{UploadOptions.Section}:SpoolDirectory must be an existing folder, or empty for the system's temporary folder.")
            .ValidateOnStart();
        services.AddScoped<UploadFileHandler>();
        services.AddSingleton<UnconfirmedCommits>();
        services.AddHostedService<SpoolLeftovers>();
        return services;
    }
}
