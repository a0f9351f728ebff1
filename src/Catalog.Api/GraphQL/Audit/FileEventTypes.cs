using Catalog.Api.Audit;
using GraphQL.Types;

namespace Catalog.Api.GraphQL.Audit;

/// <summary>GraphQL's <c>FileEvent</c>: the fields every event of a file has.</summary>
public sealed class FileEventInterface : InterfaceGraphType<FileEventView>
{
    public FileEventInterface()
    {
        Name = "FileEvent";
        Description = "One event of a file's history.";
        Field<NonNullGraphType<IdGraphType>>("eventId");
        Field<NonNullGraphType<LongGraphType>>("sequence");
        Field<NonNullGraphType<LongGraphType>>("version");
        Field<NonNullGraphType<IdGraphType>>("fileId");
        Field<NonNullGraphType<IdGraphType>>("ownerId");
        Field<IdGraphType>("actorId");
        Field<NonNullGraphType<StringGraphType>>("kind");
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("at");
    }
}

public abstract class FileEventObjectType<TView> : AutoRegisteringObjectGraphType<TView>
    where TView : FileEventView
{
    protected FileEventObjectType(string name)
    {
        Name = name;
        Interface<FileEventInterface>();
        IsTypeOf = value => value is TView;
    }
}

public sealed class FileUploadedEventType() : FileEventObjectType<FileUploadedView>("FileUploadedEvent");

public sealed class FileAccessedEventType() : FileEventObjectType<FileAccessedView>("FileAccessedEvent");

public sealed class FileSyncedToCloudEventType() : FileEventObjectType<FileSyncedToCloudView>("FileSyncedToCloudEvent");

public sealed class FileDeletedEventType() : FileEventObjectType<FileDeletedView>("FileDeletedEvent");

public sealed class FileRestoredEventType() : FileEventObjectType<FileRestoredView>("FileRestoredEvent");

public sealed class FilePurgedEventType() : FileEventObjectType<FilePurgedView>("FilePurgedEvent");
