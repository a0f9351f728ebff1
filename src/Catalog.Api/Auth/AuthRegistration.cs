using Catalog.Sync.Settings;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Catalog.Api.Auth;

public static class AuthRegistration
{
    public static IServiceCollection AddCatalogAuthentication(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AuthOptions>().BindSection(configuration, AuthOptions.Section);
        services.AddSingleton<IValidateOptions<AuthOptions>, AuthOptionsValidation>();
        services.AddSingleton<TokenIssuer>();
        services.AddSingleton<RoleGrants>();
        services.AddSingleton<WiderRoles>();
        services.AddSingleton<PasswordHashing>();
        services.AddHostedService<UnclaimedRoleEmails>();

        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        // Nothing is protected with it (tokens are signed with Auth:SigningKey): keys in memory, and no key ring made
        // and stored at start by its hosted service (ADR 0097).
        services.AddDataProtection().UseEphemeralDataProtectionProvider();
        foreach (var keyRingAtStart in services.Where(IsDataProtectionStart).ToList())
            services.Remove(keyRingAtStart);
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IOptions<AuthOptions>>((jwt, auth) => Configure(jwt, auth.Value));
        services.AddAuthorization();
        return services;
    }

    /// <summary>
    /// Authentication, with an external issuer's metadata fetched first for a request with a token: the bearer handler
    /// fetches it inside the token handler, which reads a failure as a token without a known key (401, or anonymous for
    /// GraphQL), or logs it as an error and rethrows. Fetched here, a failure reaches the problem handler as 503
    /// <c>AUTH_UNAVAILABLE</c>; fetched, it is cached for the handler (ADR 0009).
    /// </summary>
    public static WebApplication UseCatalogAuthentication(this WebApplication app)
    {
        // Registered whatever the settings: reading them here would validate them while the pipeline is built, which
        // commands that never serve (codegen) must not need; without an external issuer it only reads the header.
        app.Use(IssuerMetadata.FetchBeforeAuthenticationAsync);
        app.UseAuthentication();
        app.UseAuthorization();
        return app;
    }

    private static void Configure(JwtBearerOptions jwt, AuthOptions auth)
    {
        jwt.MapInboundClaims = false;
        jwt.Events = new JwtBearerEvents { OnAuthenticationFailed = TokenRefusal.RecordAsync };
        jwt.TokenValidationParameters = new TokenValidationParameters
        {
            NameClaimType = CatalogClaims.Subject,
            RoleClaimType = auth.RoleClaim,
            ValidateAudience = true,
            ValidAudience = auth.Audience,
            ClockSkew = TimeSpan.FromSeconds(30),
        };

        if (auth.Authority is { } authority)
        {
            jwt.Authority = authority.ToString();
            jwt.Audience = auth.Audience;
            jwt.RequireHttpsMetadata = auth.RequireHttpsMetadata;
            jwt.BackchannelTimeout = auth.MetadataTimeout;
            return;
        }

        jwt.TokenValidationParameters.ValidIssuer = auth.Issuer;
        jwt.TokenValidationParameters.IssuerSigningKey = TokenIssuer.SigningKey(auth);
        jwt.TokenValidationParameters.ValidAlgorithms = [SecurityAlgorithms.HmacSha256];
        // Not cut off by the client: the bearer handler logs anything thrown here as an error. One read by key.
        jwt.Events.OnTokenValidated = async context => context.Principal = await context.HttpContext.RequestServices
            .GetRequiredService<WiderRoles>().ConfirmAsync(context.Principal!, CancellationToken.None);
    }

    private static bool IsDataProtectionStart(ServiceDescriptor service) =>
        service.ServiceType == typeof(IHostedService)
        && service.ImplementationType?.Namespace?.StartsWith("Microsoft.AspNetCore.DataProtection", StringComparison.Ordinal) == true;
}
