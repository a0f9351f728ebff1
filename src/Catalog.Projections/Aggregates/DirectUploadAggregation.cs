using Catalog.Domain.Files;
using Marten.Events.Aggregation;

namespace Catalog.Projections.Aggregates;

/// <summary>Folds a direct upload's stream into <see cref="DirectUpload"/>; see <see cref="StoredFileAggregation"/> for why it is here.</summary>
public sealed class DirectUploadAggregation : SingleStreamProjection<DirectUpload, Guid>
{
    public static DirectUpload Create(DirectUploadBegun e) => DirectUpload.Create(e);

    public static DirectUpload Apply(DirectUploadCompleted e, DirectUpload upload) => upload.Apply(e);

    public static DirectUpload Apply(DirectUploadExpired e, DirectUpload upload) => upload.Apply(e);
}
