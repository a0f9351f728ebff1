using Microsoft.Extensions.Options;

namespace Catalog.Api.Persistence;

internal sealed class DurabilityOptionsValidation : IValidateOptions<DurabilityOptions>
{
    public ValidateOptionsResult Validate(string? name, DurabilityOptions options) =>
        options.Mode is null
            ? ValidateOptionsResult.Fail(
                $"{DurabilityOptions.Section}:DurabilityMode must be {string.Join(" or ", DurabilityOptions.Supported)}, got '{options.DurabilityMode}'.")
            : ValidateOptionsResult.Success;
}
