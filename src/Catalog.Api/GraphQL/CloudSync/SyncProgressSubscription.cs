using Catalog.Api.Auth;
using Catalog.Api.Errors;
using Catalog.Api.Files.Events;
using Catalog.Domain.Users;
using GraphQL;

namespace Catalog.Api.GraphQL;

public sealed partial class Subscription
{
    // Field middleware does not wrap stream resolvers, so the role is checked here rather than by [Authorize] alone.
    [Authorize]
    [GraphQLMetadata(Description = "Sync runs as their progress is committed: each run's start, every batch, its end; with the run's totals in run. Admins only.")]
    public static IObservable<SyncProgress> SyncProgress(IResolveFieldContext context, [FromServices] SyncProgressBroadcaster broadcaster)
    {
        var user = context.User;
        user.RequireUserId();
        if (!user!.IsInRole(Roles.Admin))
            throw new CatalogProblem(ErrorCode.Forbidden, "'syncProgress' needs the role: admin.");
        return broadcaster;
    }
}
