using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Catalog.Api.Errors;

/// <summary>A <see cref="CatalogProblem"/> thrown by a REST endpoint becomes its 4xx problem body, never a 500.</summary>
internal sealed class CatalogProblemHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not CatalogProblem problem || http.Response.HasStarted)
            return false;

        http.Response.StatusCode = ErrorCode.HttpStatusOf(problem.Code);
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            Exception = exception,
            ProblemDetails = new ProblemDetails
            {
                Status = http.Response.StatusCode,
                Title = problem.Message,
                Extensions = { ["code"] = problem.Code },
            },
        });
    }
}
