using Catalog.Api.Audit;
using Catalog.Api.Paging;
using Catalog.Projections.AuditTrail;
using Catalog.Projections.FileListing;
using GraphQL;
using Marten;

namespace Catalog.Api.GraphQL;

public sealed partial class Query
{
    [Authorize]
    [GraphQLMetadata(Description = "A file's events in order, from `fromVersion` (1, the upload, when left out), at most `first` (up to 500). Without `first`, every event, or BAD_USER_INPUT when there are more than 500: read those in pages. Auditors read any file; users their own.")]
    public static Task<IReadOnlyList<FileEventView>> FileHistory(
        IResolveFieldContext context, [FromServices] IQuerySession session, [Id] Guid id, long? fromVersion, int? first) =>
        Catalog.Api.Audit.FileHistory.EventsAsync(id, fromVersion, first, context.User!, session, context.CancellationToken);

    [Authorize]
    [GraphQLMetadata(Description = "The file as it was at an instant, rebuilt from its events up to and including one recorded at exactly that instant (and none after the first recorded later, whatever its time); null before it existed.")]
    public static Task<FileListing?> FileAsOf(IResolveFieldContext context, [FromServices] IQuerySession session, [Id] Guid id, DateTimeOffset at) =>
        Catalog.Api.Audit.FileHistory.AsOfAsync(id, at, context.User!, session, context.CancellationToken);

    [Authorize]
    [GraphQLMetadata(Description = "The file as it was after its event number `version` (1 is the upload); a version past the last event is BAD_USER_INPUT.")]
    public static Task<FileListing?> FileAtVersion(IResolveFieldContext context, [FromServices] IQuerySession session, [Id] Guid id, long version) =>
        Catalog.Api.Audit.FileHistory.AtVersionAsync(id, version, context.User!, session, context.CancellationToken);

    [Authorize]
    [GraphQLMetadata(Description = "The audit trail, oldest first. Auditors read everyone's; users their own files'. An entry is listed once every entry before it has been committed (at once on a quiet store, within seconds while writers overlap), so a cursor never passes one still being written.")]
    public static Task<Connection<AuditEntry>> AuditTrail(
        IResolveFieldContext context, [FromServices] IQuerySession session, AuditFilter? where, int? first, string? after) =>
        AuditTrailQuery.PageAsync(
            session, where, first, after, context.SelectsField("totalCount"), context.User!, context.CancellationToken);
}
