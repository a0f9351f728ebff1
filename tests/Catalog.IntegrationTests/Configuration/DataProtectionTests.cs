using Catalog.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Serilog.Events;

namespace Catalog.IntegrationTests.Configuration;

/// <summary>
/// ASP.NET Core's data protection, which authentication registers, keeps no key ring (ADR 0097): nothing is protected
/// with it, and a key ring in a container's home folder only warned at every start.
/// </summary>
[Collection(CatalogCollection.Name)]
public sealed class DataProtectionTests(CatalogHost host)
{
    [Fact]
    public void Data_protection_is_ephemeral_and_makes_no_key_ring_at_start()
    {
        var provider = host.Host.Services.GetRequiredService<IDataProtectionProvider>();

        Assert.IsType<EphemeralDataProtectionProvider>(provider);
        Assert.DoesNotContain(host.Host.Services.GetServices<IHostedService>(),
            service => service.GetType().Namespace!.StartsWith("Microsoft.AspNetCore.DataProtection", StringComparison.Ordinal));
        Assert.DoesNotContain(host.Log.Events, e => e.Level >= LogEventLevel.Warning
            && e.Properties.TryGetValue("SourceContext", out var source)
            && source is ScalarValue { Value: string name }
            && name.StartsWith("Microsoft.AspNetCore.DataProtection", StringComparison.Ordinal));
    }
}
