using Catalog.Sync.Settings;
using Microsoft.Extensions.Options;

namespace Catalog.Api.Files.Download;

public static class DownloadRegistration
{
    public static IServiceCollection AddFileDownloads(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DownloadOptions>().BindSection(configuration, DownloadOptions.Section)
            .Validate(o => o.UrlLifetime >= TimeSpan.FromSeconds(1) && o.UrlLifetime <= DownloadOptions.MaximumUrlLifetime,
                $"{DownloadOptions.Section}:UrlLifetime must be between 00:00:01 and 7.00:00:00 (the longest an S3 signature is valid).");
        services.AddSingleton<StoredCopies>();
        services.AddHttpContextAccessor();
        return services;
    }
}
