using System.Globalization;
using Catalog.Api.Auth;
using Catalog.Sync.Storage;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Catalog.Api.Errors;

/// <summary>
/// A <see cref="CatalogProblem"/> thrown by a REST endpoint becomes its 4xx problem body, never a 500; the database or a
/// storage tier that failed its request becomes 503 <c>CATALOG_UNAVAILABLE</c> or <c>STORAGE_UNAVAILABLE</c> with
/// <c>Retry-After</c>, and an external issuer whose keys could not be fetched for a token 503 <c>AUTH_UNAVAILABLE</c>. A request whose client went
/// away midway is answered to no one: it is recorded as 499, not as a failure of the service. A request ASP.NET Core
/// could not read (a query parameter that does not bind, a body over its limit) keeps its 4xx and says why.
/// </summary>
internal sealed class CatalogProblemHandler(IProblemDetailsService problems) : IExceptionHandler
{
    /// <summary>nginx's "client closed request": no HTTP status says it, and logs and dashboards know this one.</summary>
    public const int ClientClosedRequest = 499;

    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken cancellationToken)
    {
        if (http.Response.HasStarted)
            return false;
        if (http.RequestAborted.IsCancellationRequested)
        {
            http.Response.StatusCode = ClientClosedRequest;
            return true;
        }
        if (exception is BadHttpRequestException unreadable)
            return await WriteAsync(http, exception, unreadable.StatusCode, unreadable.Message, ProblemDetailsSetup.CodeFor(unreadable.StatusCode));
        var problem = exception as CatalogProblem ?? Unavailable(exception);
        if (problem is null)
            return false;
        if (problem.Code is ErrorCode.StorageUnavailable or ErrorCode.CatalogUnavailable or ErrorCode.AuthUnavailable)
            http.Response.Headers.RetryAfter = StorageProblem.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);

        return await WriteAsync(http, exception, ErrorCode.HttpStatusOf(problem.Code), problem.Message, problem.Code);
    }

    /// <summary>The database first: it is reached over sockets too, which would read as a storage tier's failure.</summary>
    internal static CatalogProblem? Unavailable(Exception exception) =>
        exception is IdentityProviderUnavailableException ? new CatalogProblem(ErrorCode.AuthUnavailable, exception.Message)
        : CatalogUnavailable.Is(exception) ? new CatalogProblem(ErrorCode.CatalogUnavailable, CatalogUnavailable.MessageFor(exception))
        : StorageFailures.IsUnavailable(exception) ? new CatalogProblem(ErrorCode.StorageUnavailable, StorageProblem.Message)
        : null;

    private async ValueTask<bool> WriteAsync(HttpContext http, Exception exception, int status, string title, string code)
    {
        http.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            Exception = exception,
            ProblemDetails = new ProblemDetails
            {
                Status = status,
                Title = title,
                Extensions = { ["code"] = code },
            },
        });
    }
}
