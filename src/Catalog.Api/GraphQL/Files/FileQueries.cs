using Catalog.Api.Auth;
using Catalog.Api.Files.Listing;
using Catalog.Api.Paging;
using Catalog.Projections.FileListing;
using GraphQL;
using Marten;

namespace Catalog.Api.GraphQL;

public sealed partial class Query
{
    [Authorize]
    [GraphQLMetadata(Description = "The caller's files, newest first unless ordered otherwise.")]
    public static Task<Connection<FileListing>> Files(
        IResolveFieldContext context, [FromServices] IQuerySession session,
        int? first, string? after, FileFilter? where, FileOrder? order) =>
        ListFiles.Handle(
            context.User.RequireUserId(), first, after, where, order, context.SelectsField("totalCount"), session,
            context.CancellationToken);

    [Authorize]
    [GraphQLMetadata(Description = "One of the caller's files; null when there is no such file or it is someone else's.")]
    public static async Task<FileListing?> File(IResolveFieldContext context, [FromServices] IQuerySession session, [Id] Guid id)
    {
        var file = await session.LoadAsync<FileListing>(id, context.CancellationToken);
        return file is { Deleted: false } && file.OwnerId == context.User.RequireUserId() ? file : null;
    }
}
