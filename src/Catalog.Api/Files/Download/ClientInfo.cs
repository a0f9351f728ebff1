namespace Catalog.Api.Files.Download;

/// <summary>Who is on the other end of a download, as recorded in <c>FileAccessed</c>.</summary>
public sealed record ClientInfo(string? Ip, string? UserAgent)
{
    // A user agent is the client's to choose: keep the event small whatever it sends.
    public const int MaximumUserAgentLength = 512;

    public static ClientInfo From(HttpContext? http)
    {
        if (http is null)
            return new ClientInfo(null, null);
        var userAgent = http.Request.Headers.UserAgent.ToString();
        return new ClientInfo(
            http.Connection.RemoteIpAddress?.ToString(),
            userAgent.Length == 0 ? null : userAgent[..Math.Min(userAgent.Length, MaximumUserAgentLength)]);
    }
}
