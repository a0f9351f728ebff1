using Catalog.Api.Files.Events;
using GraphQL.Types;

namespace Catalog.Api.GraphQL.CloudSync;

public sealed class SyncProgressType : AutoRegisteringObjectGraphType<SyncProgress>
{
    public SyncProgressType()
    {
        Name = "SyncProgress";
        Field<SyncRunType>("run")
            .Description("The run as it is now, totals included (what a table of sync runs shows): read when the message is " +
                         "sent, so it may already count later batches. Null, with an error, when it could not be read.")
            .ResolveAsync(async context =>
                await context.RequestServices!.GetRequiredService<SyncProgressRuns>().LoadAsync(context.Source, context.CancellationToken));
    }
}
