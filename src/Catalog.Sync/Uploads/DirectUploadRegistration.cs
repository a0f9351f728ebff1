using Catalog.Sync.Settings;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Catalog.Sync.Uploads;

public static class DirectUploadRegistration
{
    public static IServiceCollection AddDirectUploads(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DirectUploadOptions>().BindSection(configuration, DirectUploadOptions.Section)
            .Validate(o => o.UrlLifetime >= TimeSpan.FromSeconds(1) && o.UrlLifetime <= TimeSpan.FromDays(7),
                $"{DirectUploadOptions.Section}:UrlLifetime must be between 00:00:01 and 7.00:00:00 (the longest a presigned URL may live).")
            .Validate(o => o.Grace >= TimeSpan.Zero && o.Grace <= TimeSpan.FromDays(1),
                $"{DirectUploadOptions.Section}:Grace must be between 00:00:00 and 1.00:00:00.")
            .Validate(o => o.MaxOpenPerOwner is >= 1 and <= 10_000,
                $"{DirectUploadOptions.Section}:MaxOpenPerOwner must be between 1 and 10000.");
        return services;
    }
}
