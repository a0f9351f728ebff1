using Serilog;

namespace Catalog.Api;

public static class Logging
{
    public static WebApplicationBuilder AddCatalogLogging(this WebApplicationBuilder builder)
    {
        builder.Services.AddSerilog((services, logger) => logger
            .ReadFrom.Configuration(builder.Configuration)
            .ReadFrom.Services(services)
            .Enrich.FromLogContext()
            .WriteTo.Console());
        return builder;
    }
}
