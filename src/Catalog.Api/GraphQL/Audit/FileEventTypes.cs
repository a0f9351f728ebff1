using Catalog.Api.Audit;
using Catalog.Api.GraphQL.Files;
using GraphQL.Types;
using GraphQLParser.AST;

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
        Field<FileType>("file").Description("The file's listing row as it is now (what a table of files shows).");
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
        Field<FileType>("file")
            .Description("The file's listing row as it is now (what a table of files shows).")
            // A live event is shared by every subscription it reaches; a queried one belongs to its request.
            .ResolveAsync(async context => context.Operation.Operation == OperationType.Subscription
                ? await context.RequestServices!.GetRequiredService<EventFileRows>().LoadAsync(context.Source, context.CancellationToken)
                : await context.RequestServices!.GetRequiredService<QueriedFileRows>().LoadAsync(context.Source.FileId, context.CancellationToken));
    }
}

public sealed class FileUploadedEventType() : FileEventObjectType<FileUploadedView>("FileUploadedEvent");

public sealed class FileAccessedEventType() : FileEventObjectType<FileAccessedView>("FileAccessedEvent");

public sealed class FileSyncedToCloudEventType() : FileEventObjectType<FileSyncedToCloudView>("FileSyncedToCloudEvent");

public sealed class FileDeletedEventType() : FileEventObjectType<FileDeletedView>("FileDeletedEvent");

public sealed class LocalCopyEvictedEventType() : FileEventObjectType<LocalCopyEvictedView>("LocalCopyEvictedEvent");

public sealed class FileSyncFailedEventType() : FileEventObjectType<FileSyncFailedView>("FileSyncFailedEvent");

public sealed class OtherFileEventType() : FileEventObjectType<OtherFileEventView>("OtherFileEvent");
public sealed class FileRestoredEventType() : FileEventObjectType<FileRestoredView>("FileRestoredEvent");

public sealed class FilePurgedEventType() : FileEventObjectType<FilePurgedView>("FilePurgedEvent");
