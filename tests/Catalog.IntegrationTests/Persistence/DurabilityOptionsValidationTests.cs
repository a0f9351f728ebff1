using Catalog.Api.Persistence;
using Wolverine;

namespace Catalog.IntegrationTests.Persistence;

/// <summary><c>Wolverine:DurabilityMode</c> is one of the modes the service runs in, named in any case.</summary>
public sealed class DurabilityOptionsValidationTests
{
    [Fact]
    public void The_default_is_balanced() => Assert.Equal(DurabilityMode.Balanced, new DurabilityOptions().Mode);

    [Theory]
    [InlineData("Balanced", DurabilityMode.Balanced)]
    [InlineData("balanced", DurabilityMode.Balanced)]
    [InlineData("SOLO", DurabilityMode.Solo)]
    public void A_supported_mode_is_accepted_in_any_case(string value, DurabilityMode mode)
    {
        var options = new DurabilityOptions { DurabilityMode = value };

        Assert.Equal(mode, options.Mode);
        Assert.True(new DurabilityOptionsValidation().Validate(null, options).Succeeded);
    }
}
