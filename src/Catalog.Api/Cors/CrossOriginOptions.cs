namespace Catalog.Api.Cors;

/// <summary>
/// Which browser pages served from another origin may call the service's HTTP API, e.g. a dashboard on its own host or
/// a development server (ADR 0104). None by default: a page on another origin can send a request but cannot read the
/// answer, and a preflight is answered 405.
/// </summary>
public sealed class CrossOriginOptions
{
    public const string Section = "Cors";

    /// <summary>Origins as a browser sends them: scheme, host and port only, e.g. <c>https://dashboard.example.com</c>.</summary>
    public List<string> AllowedOrigins { get; set; } = [];

    /// <summary>How long a browser may keep a preflight's answer before it asks again.</summary>
    public TimeSpan PreflightMaxAge { get; set; } = TimeSpan.FromMinutes(10);
}
