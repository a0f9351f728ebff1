using System.Text;
using Microsoft.Extensions.Options;

namespace Catalog.Api.Auth;

internal sealed class AuthOptionsValidation : IValidateOptions<AuthOptions>
{
    public const int MinimumKeyBytes = 32;

    public ValidateOptionsResult Validate(string? name, AuthOptions options)
    {
        var failures = new List<string>();
        if (options.Authority is null && Encoding.UTF8.GetByteCount(options.SigningKey) < MinimumKeyBytes)
            failures.Add($"{AuthOptions.Section}:SigningKey must be at least {MinimumKeyBytes} bytes " +
                         $"(or set {AuthOptions.Section}:Authority to use an external OpenID Connect issuer).");
        if (options.Authority is { IsAbsoluteUri: false })
            failures.Add($"{AuthOptions.Section}:Authority must be an absolute URL.");
        // Else the bearer handler refuses to fetch the issuer's keys on the first request, and every request fails.
        else if (options.Authority is { Scheme: not "https" } && options.RequireHttpsMetadata)
            failures.Add($"{AuthOptions.Section}:Authority must be https unless {AuthOptions.Section}:RequireHttpsMetadata is false.");
        if (string.IsNullOrWhiteSpace(options.Issuer))
            failures.Add($"{AuthOptions.Section}:Issuer is required.");
        if (string.IsNullOrWhiteSpace(options.Audience))
            failures.Add($"{AuthOptions.Section}:Audience is required.");
        // Else the bearer handler throws on every request, the health checks' included.
        if (string.IsNullOrWhiteSpace(options.RoleClaim))
            failures.Add($"{AuthOptions.Section}:RoleClaim is required: the claim that carries roles, e.g. role.");
        if (options.MetadataTimeout < TimeSpan.FromSeconds(1) || options.MetadataTimeout > TimeSpan.FromMinutes(2))
            failures.Add($"{AuthOptions.Section}:MetadataTimeout must be between 00:00:01 and 00:02:00.");
        if (options.TokenLifetime <= TimeSpan.Zero || options.TokenLifetime > TimeSpan.FromDays(30))
            failures.Add($"{AuthOptions.Section}:TokenLifetime must be between 00:00:01 and 30.00:00:00.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
