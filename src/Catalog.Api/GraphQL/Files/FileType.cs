using Catalog.Projections.FileListing;
using GraphQL.Types;

namespace Catalog.Api.GraphQL.Files;

/// <summary>
/// The listing read model as GraphQL's <c>File</c>; where the bytes are stored stays inside the service, and a purged
/// file is never returned, so whether it is purged is not a field.
/// </summary>
public sealed class FileType : AutoRegisteringObjectGraphType<FileListing>
{
    public FileType() : base(f => f.LocalCopy, f => f.CloudCopy, f => f.LastSyncError, f => f.Purged, f => f.PurgedAt)
    {
        Name = "File";
    }
}
