using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.WebUtilities;

namespace Catalog.Api.Errors;

/// <summary>
/// The one place REST errors are shaped: RFC 7807 problem details whose <c>code</c> extension is the same stable code
/// GraphQL puts in <c>extensions.code</c>, with the status <see cref="ErrorCode.HttpStatusOf"/> gives it.
/// </summary>
public static class ProblemResponses
{
    public const string InternalMessage = "An internal error occurred; it has been logged.";

    public static IServiceCollection AddCatalogProblemResponses(this IServiceCollection services)
    {
        services.AddProblemDetails();
        services.PostConfigure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, jwt =>
        {
            jwt.Events ??= new JwtBearerEvents();
            jwt.Events.OnChallenge = ChallengeAsync;
            jwt.Events.OnForbidden = context => Problem(new CatalogProblem(ErrorCode.Forbidden,
                "You may not use this endpoint.")).ExecuteAsync(context.HttpContext);
        });
        return services;
    }

    public static IResult Problem(CatalogProblem problem) => Problem(ErrorCode.HttpStatusOf(problem.Code), problem);

    /// <summary>A problem answered with a status of its own, such as 416 for a range outside the file.</summary>
    public static IResult Problem(int status, CatalogProblem problem) =>
        TypedResults.Problem(
            detail: problem.Message,
            statusCode: status,
            title: ReasonPhrases.GetReasonPhrase(status),
            extensions: new Dictionary<string, object?> { ["code"] = problem.Code });

    /// <summary>Every endpoint of the group answers a refusal or an unexpected failure with a problem body.</summary>
    public static RouteGroupBuilder WithProblemResponses(this RouteGroupBuilder group)
    {
        group.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            try
            {
                return await next(context);
            }
            catch (CatalogProblem problem) when (!http.Response.HasStarted)
            {
                return Problem(problem);
            }
            catch (Exception e) when (e is not OperationCanceledException && !http.Response.HasStarted)
            {
                http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Catalog.Api.Rest")
                    .LogError(e, "{Method} {Path} failed", http.Request.Method, http.Request.Path);
                return Problem(new CatalogProblem(ErrorCode.Internal, InternalMessage));
            }
        });
        return group;
    }

    private static Task ChallengeAsync(JwtBearerChallengeContext context)
    {
        // Replaces the bare 401 with a problem body; the WWW-Authenticate header says the same for machines.
        context.HandleResponse();
        context.Response.Headers.WWWAuthenticate = context.AuthenticateFailure is null
            ? JwtBearerDefaults.AuthenticationScheme
            : $"{JwtBearerDefaults.AuthenticationScheme} error=\"invalid_token\"";
        return Problem(CatalogProblem.Unauthenticated()).ExecuteAsync(context.HttpContext);
    }
}
