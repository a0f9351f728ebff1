using Catalog.Api.Paging;
using Catalog.Projections.SyncRuns;
using GraphQL.Types;

namespace Catalog.Api.GraphQL.CloudSync;

public sealed class SyncRunType : AutoRegisteringObjectGraphType<SyncRunSummary>
{
    public SyncRunType() => Name = "SyncRun";
}

public sealed class SyncRunConnectionType : AutoRegisteringObjectGraphType<Connection<SyncRunSummary>>
{
    public SyncRunConnectionType() => Name = "SyncRunConnection";
}

public sealed class SyncRunEdgeType : AutoRegisteringObjectGraphType<Edge<SyncRunSummary>>
{
    public SyncRunEdgeType() => Name = "SyncRunEdge";
}
