using Catalog.Api.Errors;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Catalog.Api.Networking;

public static class RequestHeadChecks
{
    public static IServiceCollection AddRequestHeadChecks(this IServiceCollection services)
    {
        var limits = new RequestHeadLimits();
        services.AddSingleton(limits);
        services.PostConfigure<KestrelServerOptions>(kestrel => limits.TakeFrom(kestrel.Limits));
        return services;
    }

    public static WebApplication UseRequestHeadChecks(this WebApplication app)
    {
        var limits = app.Services.GetRequiredService<RequestHeadLimits>();
        app.Use(async (http, next) =>
        {
            if (limits.Refusal(http) is not { } refusal)
            {
                await next(http);
                return;
            }
            await Results.Problem(statusCode: refusal.Status, title: refusal.Title,
                extensions: new Dictionary<string, object?> { ["code"] = ErrorCode.BadUserInput }).ExecuteAsync(http);
        });
        return app;
    }
}
