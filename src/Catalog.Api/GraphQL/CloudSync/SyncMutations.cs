using Catalog.Api.Auth;
using Catalog.Api.CloudSync;
using Catalog.Domain.Users;
using Catalog.Projections.SyncRuns;
using GraphQL;
using Marten;
using Wolverine;

namespace Catalog.Api.GraphQL;

public sealed partial class Mutation
{
    [Authorize(Roles = Roles.Admin)]
    [GraphQLMetadata(Description = "Starts a sync run to the cloud tier now; while one runs, returns that one instead.")]
    [Scoped]
    public static async Task<SyncRunSummary?> StartSync(
        IResolveFieldContext context, [FromServices] IMessageBus bus, [FromServices] IQuerySession session) =>
        await SyncNow.Handle(context.User.RequireUserId(), bus, session, context.CancellationToken);
}
