using Catalog.Api.Audit;
using Catalog.Api.Errors;
using JasperFx.CommandLine;
using Marten;

namespace Catalog.Api.Commands;

public sealed class RebuildProjectionInput : NetCoreInput
{
    [Description("FileListing, AuditTrail, SyncRunSummary, OwnerUsage or OpenUpload")]
    public string Name { get; set; } = "";
}

[Description("Rebuilds one projection from the events the way the rebuildProjection mutation does: the listing and the audit trail replaced whole in one transaction (ADR 0072)", Name = "rebuild-projection")]
public sealed class RebuildProjectionCommand : JasperFxAsyncCommand<RebuildProjectionInput>
{
    public RebuildProjectionCommand() => Usage("Rebuild a projection").Arguments(x => x.Name);

    public override async Task<bool> Execute(RebuildProjectionInput input)
    {
        using var host = input.BuildHost();
        var store = host.Services.GetRequiredService<IDocumentStore>();
        try
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var rebuilt = await ProjectionRebuild.RunAsync(input.Name, store, TimeProvider.System, CancellationToken.None);
            Console.WriteLine($"{rebuilt.Name} rebuilt from the events in {clock.Elapsed.TotalSeconds:F1} s.");
            return true;
        }
        catch (CatalogProblem problem)
        {
            await Console.Error.WriteLineAsync(problem.Message);
            return false;
        }
    }
}
