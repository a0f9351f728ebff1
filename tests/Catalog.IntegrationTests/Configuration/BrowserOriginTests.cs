using Catalog.Api.Cors;

namespace Catalog.IntegrationTests.Configuration;

public sealed class BrowserOriginTests
{
    [Theory]
    [InlineData("https://dashboard.example.com", "https://dashboard.example.com")]
    [InlineData("HTTPS://Dashboard.Example.COM/", "https://dashboard.example.com")]
    [InlineData(" https://dashboard.example.com ", "https://dashboard.example.com")]
    [InlineData("https://dashboard.example.com:443", "https://dashboard.example.com")]
    [InlineData("http://dashboard.example.com:80", "http://dashboard.example.com")]
    [InlineData("https://dashboard.example.com:8443", "https://dashboard.example.com:8443")]
    [InlineData("http://localhost:5173", "http://localhost:5173")]
    [InlineData("http://127.0.0.1:5173", "http://127.0.0.1:5173")]
    [InlineData("http://[::1]:5173", "http://[::1]:5173")]
    [InlineData("https://bücher.example", "https://xn--bcher-kva.example")]
    public void An_origin_is_written_as_a_browser_sends_it(string setting, string sent) =>
        Assert.Equal((sent, null), BrowserOrigin.Normalize(setting));

    [Theory]
    [InlineData("", "is empty")]
    [InlineData("*", "is '*': list each origin")]
    [InlineData("null", "is 'null': list each origin")]
    [InlineData("https://*.example.com", "list each origin that may call the service, e.g. https://dashboard.example.com (no wildcards)")]
    [InlineData("dashboard.example.com", "not an http(s) origin")]
    [InlineData("ftp://dashboard.example.com", "not an http(s) origin")]
    [InlineData("https://dashboard.example.com/app", "an origin is a scheme, a host and a port only, e.g. https://dashboard.example.com")]
    [InlineData("https://dashboard.example.com/?x=1", "a scheme, a host and a port only")]
    [InlineData("https://dashboard.example.com/#top", "a scheme, a host and a port only")]
    [InlineData("https://dashboard.example.com?", "a scheme, a host and a port only")]
    [InlineData("https://me@dashboard.example.com", "a scheme, a host and a port only")]
    [InlineData("https://dashboard.example.com:0", "port 0 is no port a browser sends")]
    public void Anything_else_is_refused_saying_why(string setting, string why)
    {
        var (origin, problem) = BrowserOrigin.Normalize(setting);

        Assert.Null(origin);
        Assert.Contains(why, problem, StringComparison.Ordinal);
    }
}
