using System.Diagnostics;
using System.Globalization;

namespace Catalog.Api.Diagnostics;

/// <summary>
/// With <c>Diagnostics:ServerTiming</c> on, every response carries <c>Server-Timing: app;dur=&lt;ms&gt;</c>: the time
/// from the request entering the pipeline to its response headers, i.e. the work before the first byte (ADR 0067).
/// Off by default: response times are a side channel nobody needs to be handed.
/// </summary>
public static class ServerTiming
{
    public const string Setting = "Diagnostics:ServerTiming";
    public const string Header = "Server-Timing";

    public static WebApplication UseServerTimingWhenEnabled(this WebApplication app)
    {
        if (!app.Configuration.GetValue<bool>(Setting))
            return app;
        app.Use((http, next) =>
        {
            var started = Stopwatch.GetTimestamp();
            http.Response.OnStarting(() =>
            {
                var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                http.Response.Headers[Header] = string.Create(CultureInfo.InvariantCulture, $"app;dur={elapsed:F3}");
                return Task.CompletedTask;
            });
            return next(http);
        });
        return app;
    }
}
