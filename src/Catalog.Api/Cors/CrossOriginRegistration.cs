using Catalog.Sync.Settings;
using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace Catalog.Api.Cors;

public static class CrossOriginRegistration
{
    public static IServiceCollection AddCrossOriginAccess(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<CrossOriginOptions>().BindSection(configuration, CrossOriginOptions.Section);
        services.AddSingleton<IValidateOptions<CrossOriginOptions>>(new CrossOriginOptionsValidation(configuration));
        services.AddCors();
        services.Replace(ServiceDescriptor.Singleton<ICorsPolicyProvider, ConfiguredCorsPolicy>());
        return services;
    }

    /// <summary>
    /// Only while an origin is listed (the start refuses one that is not an origin), so by default no request pays for
    /// it. Before authentication, since a preflight carries no token. The middleware adds its headers as the answer
    /// starts, so an error the problem handler writes later carries them too.
    /// </summary>
    public static WebApplication UseCrossOriginAccess(this WebApplication app)
    {
        if (!app.Configuration.GetSection($"{CrossOriginOptions.Section}:{nameof(CrossOriginOptions.AllowedOrigins)}").GetChildren().Any())
            return app;
        app.Use((http, next) =>
        {
            // Every answer, with an Origin or without: it may differ by origin, and a cache must not hand an answer without
            // the CORS headers to a page that needs them. ASP.NET Core adds Vary only when more than one origin is listed.
            http.Response.OnStarting(() =>
            {
                var vary = http.Response.Headers.Vary;
                if (!vary.Any(v => v is not null && v.Split(',').Any(h => h.Trim().Equals(HeaderNames.Origin, StringComparison.OrdinalIgnoreCase))))
                    http.Response.Headers.Vary = StringValues.Concat(vary, HeaderNames.Origin);
                return Task.CompletedTask;
            });
            return next(http);
        });
        app.UseCors();
        return app;
    }
}
