using Catalog.Api.Auth;
using Catalog.Api.Files.Deletion;
using Catalog.Api.Paging;
using Catalog.Projections.FileListing;
using Catalog.Sync.Purge;
using GraphQL;
using Marten;
using Microsoft.Extensions.Options;

namespace Catalog.Api.GraphQL;

public sealed partial class Query
{
    [Authorize]
    [GraphQLMetadata(Description = "The caller's deleted files that can still be restored, most recently deleted first.")]
    public static Task<Connection<FileListing>> DeletedFiles(
        IResolveFieldContext context, [FromServices] IQuerySession session, [FromServices] IOptions<DeletionOptions> options,
        [FromServices] TimeProvider time, int? first, string? after) =>
        ListDeletedFiles.Handle(
            context.User.RequireUserId(), first, after, context.SelectsField("totalCount"), options.Value.RetentionPeriod, time.GetUtcNow(), session,
            context.CancellationToken);
}
