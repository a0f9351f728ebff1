using Catalog.Api.Auth;
using Catalog.Api.Diagnostics;
using Microsoft.AspNetCore.Diagnostics;
using Serilog;
using Serilog.Configuration;
using Serilog.Events;

namespace Catalog.Api;

public static class Logging
{
    public static WebApplicationBuilder AddCatalogLogging(this WebApplicationBuilder builder)
    {
        // preserveStaticLogger: this host's loggers write to this host's Serilog logger. Without it they write to the
        // static Log.Logger, which the last host built in the process replaces (tests build several).
        builder.Services.AddSerilog((services, logger) => logger
            .ReadFrom.Configuration(builder.Configuration)
            .ReadFrom.Services(services)
            .Enrich.FromLogContext()
            .WriteTo.Sink(LoggerSinkConfiguration.Wrap(
                console => new StartupFailureLine(new RepeatThrottle(console, TimeProvider.System)), sinks => sinks.Console())),
            preserveStaticLogger: true);
        return builder;
    }

    /// <summary>
    /// One line per request, except health probes: they come every few seconds, and a failing dependency is already
    /// logged by its health check.
    /// </summary>
    public static WebApplication UseCatalogRequestLogging(this WebApplication app)
    {
        app.UseSerilogRequestLogging(options =>
        {
            // This host's logger, not the static one: a second host in the process (tests) would replace that.
            options.Logger = app.Services.GetRequiredService<Serilog.ILogger>();
            options.GetLevel = (http, _, exception) =>
                exception is null && http.Request.Path.StartsWithSegments("/health") ? LogEventLevel.Debug
                // An outage of the identity provider, logged once as a warning where it was found: no fault of ours.
                : http.Features.Get<IExceptionHandlerFeature>()?.Error is IdentityProviderUnavailableException ? LogEventLevel.Warning
                : exception is not null || http.Response.StatusCode >= 500 ? LogEventLevel.Error
                : LogEventLevel.Information;
        });
        return app;
    }
}
