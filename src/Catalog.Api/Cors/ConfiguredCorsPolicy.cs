using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Catalog.Api.Cors;

/// <summary>
/// The one policy of every endpoint, from <see cref="CrossOriginOptions"/>.
/// </summary>
internal sealed class ConfiguredCorsPolicy(IOptions<CrossOriginOptions> options) : ICorsPolicyProvider
{
    private static readonly string[] Methods = [HttpMethods.Get, HttpMethods.Head, HttpMethods.Post];

    // Beyond the headers a script may always read: a download's name, range and validator, where an upload went, when
    // to try again, and which methods a 405 allows.
    private static readonly string[] Exposed =
    [
        HeaderNames.ContentDisposition, HeaderNames.ContentRange, HeaderNames.AcceptRanges, HeaderNames.ETag,
        HeaderNames.Location, HeaderNames.RetryAfter, HeaderNames.Allow,
    ];

    private readonly CorsPolicy? policy = Build(options.Value);

    public Task<CorsPolicy?> GetPolicyAsync(HttpContext context, string? policyName) => Task.FromResult(policy);

    private static CorsPolicy? Build(CrossOriginOptions options)
    {
        var origins = options.AllowedOrigins.Select(o => BrowserOrigin.Normalize(o).Origin).OfType<string>().Distinct().ToArray();
        if (origins.Length == 0)
            return null;
        // Any request header: the origin list is the guard, and clients add their own (GraphQL-Require-Preflight,
        // X-File-Name, a client library's tracing). No credentials: tokens travel in the Authorization header, never
        // in cookies.
        return new CorsPolicyBuilder()
            .WithOrigins(origins)
            .WithMethods(Methods)
            .AllowAnyHeader()
            .WithExposedHeaders(Exposed)
            .SetPreflightMaxAge(options.PreflightMaxAge)
            .Build();
    }
}
