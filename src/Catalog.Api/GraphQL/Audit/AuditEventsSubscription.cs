using Catalog.Api.Audit;
using Catalog.Api.Auth;
using Catalog.Api.Errors;
using Catalog.Api.Files.Events;
using GraphQL;

namespace Catalog.Api.GraphQL;

public sealed partial class Subscription
{
    // Field middleware does not wrap stream resolvers, so the role is checked here rather than by [Authorize] alone.
    [Authorize]
    [GraphQLMetadata(Description = "Every user's file events as they are committed, filtered. Auditors and admins only.")]
    public static IObservable<FileEventView> AuditEvents(
        IResolveFieldContext context, [FromServices] FileEventBroadcaster broadcaster, AuditFilter? where)
    {
        var user = context.User;
        user.RequireUserId();
        if (!AuditAccess.ReadsEveryone(user!))
            throw new CatalogProblem(ErrorCode.Forbidden, "'auditEvents' needs one of the roles: auditor, admin.");
        return broadcaster.AllEvents(LiveAuditFilter.Matches(where ?? new AuditFilter()));
    }
}
