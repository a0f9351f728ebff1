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

    private static void Configure(JwtBearerOptions jwt, AuthOptions auth)
    {
        jwt.MapInboundClaims = false;
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
            return;
        }

        jwt.TokenValidationParameters.ValidIssuer = auth.Issuer;
        jwt.TokenValidationParameters.IssuerSigningKey = TokenIssuer.SigningKey(auth);
        jwt.TokenValidationParameters.ValidAlgorithms = [SecurityAlgorithms.HmacSha256];
        jwt.Events = new JwtBearerEvents
        {
            // Not cut off by the client: the bearer handler logs anything thrown here as an error. One read by key.
            OnTokenValidated = async context => context.Principal = await context.HttpContext.RequestServices
                .GetRequiredService<WiderRoles>().ConfirmAsync(context.Principal!, CancellationToken.None),
        };
    }

    private static bool IsDataProtectionStart(ServiceDescriptor service) =>
        service.ServiceType == typeof(IHostedService)
        && service.ImplementationType?.Namespace?.StartsWith("Microsoft.AspNetCore.DataProtection", StringComparison.Ordinal) == true;
}
