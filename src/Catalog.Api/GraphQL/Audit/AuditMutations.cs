using Catalog.Api.Audit;
using GraphQL;
using Marten;

namespace Catalog.Api.GraphQL;

public sealed partial class Mutation
{
    [Authorize(Roles = "admin")]
    [GraphQLMetadata(Description = "Rebuilds a projection (FileListing or AuditTrail) from the events. Admins only.")]
    public static Task<ProjectionRebuilt> RebuildProjection(
        IResolveFieldContext context, [FromServices] IDocumentStore store, [FromServices] TimeProvider time, string name) =>
        ProjectionRebuild.RunAsync(name, store, time, context.CancellationToken);
}
