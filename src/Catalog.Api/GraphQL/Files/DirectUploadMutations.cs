using Catalog.Api.Auth;
using Catalog.Api.Files.DirectUploads;
using Catalog.Api.Files.Upload;
using Catalog.Projections.FileListing;
using Catalog.Sync.Storage;
using Catalog.Sync.Uploads;
using GraphQL;
using Marten;
using Microsoft.Extensions.Options;
using Wolverine.Marten;

namespace Catalog.Api.GraphQL;

public sealed partial class Mutation
{
    [Authorize]
    [GraphQLMetadata(Description = "Announces a file the client will PUT itself to the returned URL (with the returned headers) before it expires; then call completeUpload. Checked now: name, declared type, size limit, quota.")]
    [Scoped]
    public static async Task<UploadTicket?> BeginUpload(
        IResolveFieldContext context, [FromServices] IDocumentSession session, [FromServices] IMartenOutbox outbox,
        [FromServices] LocalTier localTier, [FromServices] IOptions<UploadOptions> uploads,
        [FromServices] IOptions<DirectUploadOptions> direct, [FromServices] TimeProvider time, BeginUploadInput input) =>
        await Api.Files.DirectUploads.BeginUpload.Handle(
            context.User.RequireUserId(), input, session, outbox, localTier, uploads, direct, time, context.CancellationToken);

    [Authorize]
    [GraphQLMetadata(Description = "Records the file once the bytes PUT to the upload's URL have the announced size and SHA-256 and an accepted type. Completing again returns the same file.")]
    [Scoped]
    public static async Task<FileListing?> CompleteUpload(
        IResolveFieldContext context, [FromServices] IDocumentSession session, [FromServices] LocalTier localTier,
        [FromServices] IOptions<UploadOptions> uploads, [FromServices] IOptions<DirectUploadOptions> direct,
        [FromServices] TimeProvider time, [FromServices] UnconfirmedCommits unconfirmed, [Id] Guid uploadId) =>
        await Api.Files.DirectUploads.CompleteUpload.Handle(
            context.User.RequireUserId(), uploadId, session, localTier, uploads, direct, time, unconfirmed, context.CancellationToken);
}
