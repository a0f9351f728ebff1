using Catalog.Api.Auth;
using Catalog.Api.Files.Upload;
using Catalog.Projections.FileListing;
using GraphQL;

namespace Catalog.Api.GraphQL;

public sealed partial class Mutation
{
    [Authorize]
    [GraphQLMetadata(Description = "Stores a file sent with the GraphQL multipart request spec in the local tier.")]
    [Scoped]
    public static async Task<FileListing?> UploadFile(
        IResolveFieldContext context, [FromServices] UploadFileHandler handler, IncomingFile file) =>
        await handler.Handle(context.User.RequireUserId(), file, context.CancellationToken);
}
