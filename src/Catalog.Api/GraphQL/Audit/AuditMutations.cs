using Catalog.Api.Audit;
using GraphQL;
using Marten;

namespace Catalog.Api.GraphQL;

public sealed partial class Mutation
{
    [Authorize(Roles = "admin")]
    [GraphQLMetadata(Description = "Rebuilds a projection (FileListing, AuditTrail, SyncRunSummary, OwnerUsage or OpenUpload) from the events; the listing and the trail are replaced whole in one transaction. Admins only.")]
    [Scoped]
    public static async Task<ProjectionRebuilt?> RebuildProjection(
        IResolveFieldContext context, [FromServices] IDocumentStore store, [FromServices] TimeProvider time, string name) =>
        await ProjectionRebuild.RunAsync(name, store, time, context.CancellationToken);
}
