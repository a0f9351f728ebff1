namespace Catalog.Api.GraphQL.Transport.WebSockets;

/// <summary>
/// How many WebSockets each user has open on this instance, so one user cannot hold thousands
/// (<c>GraphQL:WebSockets:MaxConnectionsPerUser</c>), and how many have no user at all: those are counted together under
/// <see cref="Anonymous"/> (<c>MaxAnonymousConnections</c>), since nothing tells one anonymous client from another.
/// A connection counts from its <c>connection_init</c>.
/// </summary>
public sealed class UserConnections(int maximum, int anonymousMaximum)
{
    /// <summary>The key of connections without a user; no user id is empty.</summary>
    public static readonly Guid Anonymous = Guid.Empty;

    private readonly Dictionary<Guid, int> open = [];

    /// <summary>Counts one more for <paramref name="key"/> (a user id, or <see cref="Anonymous"/>); false when it already has the most allowed.</summary>
    public bool TryOpen(Guid key)
    {
        lock (open)
        {
            var count = open.GetValueOrDefault(key);
            if (count >= (key == Anonymous ? anonymousMaximum : maximum))
                return false;
            open[key] = count + 1;
            return true;
        }
    }

    public void Close(Guid key)
    {
        lock (open)
        {
            if (open.GetValueOrDefault(key) <= 1)
                open.Remove(key);
            else
                open[key]--;
        }
    }
}
