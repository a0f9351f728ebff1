using Catalog.Api.CloudSync;
using Catalog.Api.Paging;
using Catalog.Domain.Users;
using Catalog.Projections.SyncRuns;
using Catalog.Sync;
using GraphQL;
using Marten;
using Microsoft.Extensions.Options;

namespace Catalog.Api.GraphQL;

public sealed partial class Query
{
    [Authorize(Roles = Roles.Admin)]
    [GraphQLMetadata(Description = "Sync runs to the cloud tier, newest first.")]
    public static Task<Connection<SyncRunSummary>> SyncRuns(
        IResolveFieldContext context, [FromServices] IQuerySession session, int? first, string? after) =>
        SyncReports.RunsAsync(first, after, context.SelectsField("totalCount"), session, context.CancellationToken);

    [Authorize(Roles = Roles.Admin)]
    [GraphQLMetadata(Description = "One sync run; null when there is no such run.")]
    public static Task<SyncRunSummary?> SyncRun(IResolveFieldContext context, [FromServices] IQuerySession session, [Id] Guid id) =>
        session.LoadAsync<SyncRunSummary>(id, context.CancellationToken);

    [Authorize(Roles = Roles.Admin)]
    [GraphQLMetadata(Description = "Files still in the local tier only after failing in Sync:MaxFailedRunsBeforeReport runs or more.")]
    public static Task<IReadOnlyList<SyncFailure>> SyncFailures(
        IResolveFieldContext context, [FromServices] IQuerySession session, [FromServices] IOptions<SyncOptions> options,
        int? first) =>
        SyncReports.FailuresAsync(first, options.Value, session, context.CancellationToken);
}
