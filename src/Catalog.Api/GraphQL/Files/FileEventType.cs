using Catalog.Api.Files.Events;
using GraphQL.Types;

namespace Catalog.Api.GraphQL.Files;

/// <summary>A live file event as GraphQL's <c>FileEvent</c>; the owner is implied (a caller only receives their own).</summary>
public sealed class FileEventType : AutoRegisteringObjectGraphType<FileEvent>
{
    public FileEventType() : base(e => e.OwnerId)
    {
        Name = "FileEvent";
        Description = "Something that happened to one of the caller's files, delivered once it is committed.";
        GetField(nameof(FileEvent.FileId)).Type = typeof(NonNullGraphType<IdGraphType>);
        GetField(nameof(FileEvent.Kind)).Description = "What happened, e.g. UPLOADED, ACCESSED, SYNCED_TO_CLOUD, DELETED.";
        GetField(nameof(FileEvent.Sequence)).Description = "The event's position in the store: later events have larger numbers.";
        GetField(nameof(FileEvent.File)).Description = "The file's listing as the feed read it; null once the file is purged.";
    }

    private FieldType GetField(string property) =>
        Fields.Find(property) ?? throw new InvalidOperationException($"FileEvent has no field for {property}.");
}
