namespace Catalog.Api.Cors;

/// <summary>
/// An origin as a browser writes it in its <c>Origin</c> header: lower-case scheme and host (punycode), the port only
/// when it is not the scheme's default. A setting written another way would never match, and fail without a word.
/// </summary>
public static class BrowserOrigin
{
    /// <summary>The origin a browser would send for <paramref name="value"/>, or why it is not one.</summary>
    public static (string? Origin, string? Problem) Normalize(string value)
    {
        var text = value.Trim();
        if (text.Length == 0)
            return (null, "is empty");
        if (text is "null" || text.Contains('*', StringComparison.Ordinal))
            return (null, $"is '{text}': list each origin that may call the service, e.g. https://dashboard.example.com (no wildcards)");
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.Host.Length == 0)
            return (null, $"is '{text}', not an http(s) origin such as https://dashboard.example.com");
        if (uri.Port == 0)
            return (null, $"is '{text}': port 0 is no port a browser sends");
        if (uri.UserInfo.Length > 0 || uri.AbsolutePath != "/" || uri.Query.Length > 0 || uri.Fragment.Length > 0 || text.EndsWith('?') || text.EndsWith('#'))
            return (null, $"is '{text}': an origin is a scheme, a host and a port only, e.g. {uri.Scheme}://{uri.Authority}");
        var host = uri.HostNameType == UriHostNameType.IPv6 ? uri.Host : uri.IdnHost; // IdnHost drops an address's brackets
        var port = uri.IsDefaultPort ? "" : $":{uri.Port}";
        return ($"{uri.Scheme}://{host}{port}", null);
    }
}
