using Catalog.Api.Auth;
using Catalog.Api.Files.Deletion;
using Catalog.Projections.FileListing;
using Catalog.Sync.Purge;
using GraphQL;
using Marten;
using Microsoft.Extensions.Options;
using Wolverine.Runtime;

namespace Catalog.Api.GraphQL;

public sealed partial class Mutation
{
    [Authorize]
    [GraphQLMetadata(Description = "Deletes one of the caller's files; it can be restored until the retention period ends, then its bytes are purged. Deleting it again changes nothing.")]
    [Scoped]
    public static async Task<FileListing?> DeleteFile(
        IResolveFieldContext context, [FromServices] IDocumentStore store, [FromServices] IWolverineRuntime runtime,
        [FromServices] IOptions<DeletionOptions> options, [FromServices] TimeProvider time, [Id] Guid id, string? reason) =>
        await MarkFileDeleted.Handle(context.User.RequireUserId(), id, reason, store, runtime, options, time, context.CancellationToken);

    [Authorize]
    [GraphQLMetadata(Description = "Brings back one of the caller's deleted files while its retention period lasts.")]
    [Scoped]
    public static async Task<FileListing?> RestoreFile(
        IResolveFieldContext context, [FromServices] IDocumentStore store,
        [FromServices] IOptions<DeletionOptions> options, [FromServices] TimeProvider time, [Id] Guid id) =>
        await RestoreDeletedFile.Handle(context.User.RequireUserId(), id, store, options, time, context.CancellationToken);
}
