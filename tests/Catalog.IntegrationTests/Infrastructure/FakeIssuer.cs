using System.Net;
using System.Net.Sockets;
using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Catalog.IntegrationTests.Infrastructure;

/// <summary>
/// An OpenID Connect issuer on a local port: its metadata and one RSA key, served once <see cref="StartAsync"/> is
/// called. Until then nothing listens on <see cref="Authority"/>'s port and a connection to it is refused at once.
/// </summary>
public sealed class FakeIssuer : IAsyncDisposable
{
    private readonly RsaSecurityKey key = new(RSA.Create(2048)) { KeyId = "fake-issuer-key" };
    private readonly int port = UnusedPort();
    private WebApplication? app;

    public string Authority => $"http://127.0.0.1:{port}/realm";

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().UseUrls($"http://127.0.0.1:{port}");
        app = builder.Build();
        app.Run(http => http.Request.Path.Value switch
        {
            "/realm/.well-known/openid-configuration" => http.Response.WriteAsJsonAsync(
                new Dictionary<string, string> { ["issuer"] = Authority, ["jwks_uri"] = Authority + "/keys" }),
            "/realm/keys" => http.Response.WriteAsJsonAsync(new { keys = new[] { PublicKey() } }),
            _ => Task.FromResult(http.Response.StatusCode = StatusCodes.Status404NotFound),
        });
        await app.StartAsync();
    }

    public string TokenFor(Guid subject, string audience = "hybridstorage") => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
    {
        Issuer = Authority,
        Audience = audience,
        Subject = new ClaimsIdentity([new Claim("sub", subject.ToString())]),
        Expires = DateTime.UtcNow.AddHours(1),
        SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.RsaSha256),
    });

    private Dictionary<string, string> PublicKey()
    {
        var parameters = key.Rsa.ExportParameters(includePrivateParameters: false);
        return new()
        {
            ["kty"] = "RSA", ["use"] = "sig", ["alg"] = "RS256", ["kid"] = key.KeyId,
            ["n"] = Base64UrlEncoder.Encode(parameters.Modulus), ["e"] = Base64UrlEncoder.Encode(parameters.Exponent),
        };
    }

    /// <summary>A port just freed: connecting to it is refused at once.</summary>
    public static int UnusedPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public async ValueTask DisposeAsync()
    {
        if (app is not null)
            await app.DisposeAsync();
        key.Rsa.Dispose();
    }
}
