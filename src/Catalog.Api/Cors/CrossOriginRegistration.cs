using Catalog.Sync.Settings;
using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Catalog.Api.Cors;

public static class CrossOriginRegistration
{
    public static IServiceCollection AddCrossOriginAccess(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<CrossOriginOptions>().BindSection(configuration, CrossOriginOptions.Section);
        services.AddSingleton<IValidateOptions<CrossOriginOptions>, CrossOriginOptionsValidation>();
        services.AddCors();
        services.Replace(ServiceDescriptor.Singleton<ICorsPolicyProvider, ConfiguredCorsPolicy>());
        return services;
    }

    /// <summary>
    /// Before the problem handler, so an error answer carries the headers too and a page can read why it was refused;
    /// before authentication, since a preflight carries no token.
    /// </summary>
    public static WebApplication UseCrossOriginAccess(this WebApplication app)
    {
        app.UseCors();
        return app;
    }
}
