using Catalog.Api.Audit;
using Catalog.Api.Auth;
using Catalog.Api.Files.Events;
using GraphQL;

namespace Catalog.Api.GraphQL;

public sealed partial class Subscription
{
    // Field middleware does not wrap stream resolvers, so the caller is checked here rather than by [Authorize] alone.
    [Authorize]
    [GraphQLMetadata(Description = "The caller's own files' events (uploaded, accessed, synced, deleted, ...) as they are committed.")]
    public static IObservable<FileEventView> FileEvents(IResolveFieldContext context, [FromServices] FileEventBroadcaster broadcaster) =>
        broadcaster.EventsOf(context.User.RequireUserId());
}
