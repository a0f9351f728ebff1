using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace Catalog.Api.Errors;

/// <summary>
/// The problem body for a client whose <c>Accept</c> names no JSON, which ASP.NET Core's own writer declines: that
/// client got an empty 4xx, or a text/plain "Status Code: 404", with no code to act on. RFC 9110 lets a server answer
/// an error in a type the client did not ask for, and a problem body is the one thing the service says. Registered
/// after the framework's writer, so every client that accepts JSON keeps the framework's body.
/// </summary>
internal sealed class ProblemWhateverAccepted(IOptions<ProblemDetailsOptions> problems, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json) : IProblemDetailsWriter
{
    public const string MediaType = "application/problem+json";

    public bool CanWrite(ProblemDetailsContext context) => true;

    public ValueTask WriteAsync(ProblemDetailsContext context)
    {
        var http = context.HttpContext;
        var problem = context.ProblemDetails;
        problem.Status ??= http.Response.StatusCode;
        problem.Title ??= ReasonPhrases.GetReasonPhrase(problem.Status.Value);
        problems.Value.CustomizeProblemDetails?.Invoke(context);
        return new ValueTask(http.Response.WriteAsJsonAsync(problem, json.Value.SerializerOptions, MediaType, http.RequestAborted));
    }
}
