using Catalog.Api.Files.Events;
using GraphQL.Types;

namespace Catalog.Api.GraphQL.CloudSync;

public sealed class SyncProgressType : AutoRegisteringObjectGraphType<SyncProgress>
{
    public SyncProgressType()
    {
        Name = "SyncProgress";
        Field<SyncRunType>("run")
            .Description("The run as it is now, totals included (what a table of sync runs shows).")
            .ResolveAsync(async context =>
                await context.RequestServices!.GetRequiredService<SyncProgressRuns>().LoadAsync(context.Source, context.CancellationToken));
    }
}
