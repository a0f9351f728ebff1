namespace Catalog.Api.Errors;

/// <summary>
/// Every HTTP error outside GraphQL is an RFC 9457 problem body with the same stable <c>code</c> GraphQL errors carry,
/// including the ones ASP.NET Core answers by itself (a query parameter that does not bind, an unknown route).
/// </summary>
public static class ProblemDetailsSetup
{
    public static IServiceCollection AddCatalogProblemDetails(this IServiceCollection services)
    {
        services.AddExceptionHandler<CatalogProblemHandler>();
        // Without this only Development throws, and elsewhere a parameter that does not bind gets a bare 400 that never
        // names it; thrown, CatalogProblemHandler answers with the reason in every environment.
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            var status = context.ProblemDetails.Status ?? context.HttpContext.Response.StatusCode;
            context.ProblemDetails.Extensions.TryAdd("code", CodeFor(status));
            // A 401 says how to authenticate (RFC 9110): the bearer handler's challenge does; an endpoint that finds no
            // user itself (uploads, the audit export) answers without one.
            var headers = context.HttpContext.Response.Headers;
            if (status == StatusCodes.Status401Unauthorized && headers.WWWAuthenticate.Count == 0)
                headers.WWWAuthenticate = "Bearer";
            if (status == StatusCodes.Status401Unauthorized && Auth.TokenRefusal.Of(context.HttpContext) is { } refused)
                context.ProblemDetails.Detail ??= refused;
        });
        // After the framework's writer, which declines a client whose Accept names no JSON (ADR 0084).
        services.AddSingleton<IProblemDetailsWriter, ProblemWhateverAccepted>();
        return services;
    }

    public static WebApplication UseCatalogProblemDetails(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        return app;
    }

    public static string CodeFor(int status) => status switch
    {
        StatusCodes.Status401Unauthorized => ErrorCode.Unauthenticated,
        StatusCodes.Status403Forbidden => ErrorCode.Forbidden,
        StatusCodes.Status404NotFound => ErrorCode.NotFound,
        StatusCodes.Status409Conflict => ErrorCode.Conflict,
        StatusCodes.Status413PayloadTooLarge => ErrorCode.FileTooLarge,
        StatusCodes.Status415UnsupportedMediaType => ErrorCode.UnsupportedMediaType,
        >= 500 => ErrorCode.Internal,
        _ => ErrorCode.BadUserInput,
    };
}
