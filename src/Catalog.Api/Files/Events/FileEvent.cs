using Catalog.Projections.FileListing;

namespace Catalog.Api.Files.Events;

/// <summary>
/// Something that happened to a file, as a live feed delivers it: enough for a client to update a table row without
/// asking again. <see cref="File"/> is the file's listing as it stood when the feed read the event.
/// </summary>
public sealed record FileEvent(Guid FileId, string Kind, DateTimeOffset At, long Sequence, FileListing? File)
{
    /// <summary>Whose file it is: the feed delivers an event to its owner only.</summary>
    public required Guid OwnerId { get; init; }
}
