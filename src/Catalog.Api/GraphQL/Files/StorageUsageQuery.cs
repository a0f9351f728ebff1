using Catalog.Api.Auth;
using Catalog.Api.Files.Upload;
using GraphQL;
using Marten;

namespace Catalog.Api.GraphQL;

public sealed partial class Query
{
    [Authorize]
    [GraphQLMetadata(Description = "Bytes and files the caller keeps in each tier (deleted files not counted).")]
    public static Task<IReadOnlyList<TierUsage>> StorageUsage(IResolveFieldContext context, [FromServices] IQuerySession session) =>
        Catalog.Api.Files.Upload.StorageUsage.ByTierAsync(session, context.User.RequireUserId(), context.CancellationToken);
}
