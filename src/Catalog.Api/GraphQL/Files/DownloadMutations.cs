using Catalog.Api.Auth;
using Catalog.Api.Files.Download;
using GraphQL;
using Marten;
using Microsoft.Extensions.Options;

namespace Catalog.Api.GraphQL;

public sealed partial class Mutation
{
    [Authorize]
    [GraphQLMetadata(Description = "A short-lived URL that downloads one of the caller's files from the tier that holds it; the access is recorded.")]
    [Scoped]
    public static async Task<DownloadTicket?> RequestDownload(
        IResolveFieldContext context, [FromServices] IDocumentStore store, [FromServices] StoredCopies copies,
        [FromServices] IOptions<DownloadOptions> options, [FromServices] TimeProvider time,
        [FromServices] IHttpContextAccessor http, [Id] Guid id) =>
        await Api.Files.Download.RequestDownload.Handle(
            context.User.RequireUserId(), id, ClientInfo.From(http.HttpContext), store, copies, options, time,
            context.CancellationToken);
}
