using Catalog.Projections.FileListing;
using GraphQL.Types;

namespace Catalog.Api.GraphQL.Files;

/// <summary>
/// The listing read model as GraphQL's <c>File</c>; where the bytes are stored stays inside the service. A purged file
/// is returned only where history is read (an event's <c>file</c>, <c>fileAsOf</c>, <c>fileAtVersion</c>), and says
/// so with <c>purgedAt</c>: without it, it would read as a deleted file that can still be restored.
/// </summary>
public sealed class FileType : AutoRegisteringObjectGraphType<FileListing>
{
    public FileType() : base(f => f.LocalCopy, f => f.CloudCopy, f => f.LastSyncError, f => f.Purged, f => f.PurgedAt)
    {
        Name = "File";
        Field(f => f.PurgedAt, nullable: true)
            .Description("When the file's bytes were removed for good, once its retention after deletion ended; null until then.");
    }
}
