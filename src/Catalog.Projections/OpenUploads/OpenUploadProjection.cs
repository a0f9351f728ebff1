using Catalog.Domain.Files;
using Marten.Events.Aggregation;

namespace Catalog.Projections.OpenUploads;

/// <summary>Keeps an <see cref="OpenUpload"/> inline from the upload's begin until its completion or expiry.</summary>
public sealed partial class OpenUploadProjection : SingleStreamProjection<OpenUpload, Guid>
{
    public static OpenUpload Create(DirectUploadBegun e) =>
        new() { Id = e.UploadId, OwnerId = e.OwnerId, Size = e.Size, ExpiresAt = e.ExpiresAt };

    public static bool ShouldDelete(DirectUploadCompleted e) => true;

    public static bool ShouldDelete(DirectUploadExpired e) => true;
}
