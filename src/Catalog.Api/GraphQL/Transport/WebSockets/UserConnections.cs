namespace Catalog.Api.GraphQL.Transport.WebSockets;

/// <summary>
/// How many WebSockets each user has open on this instance, so one user cannot hold thousands
/// (<c>GraphQL:WebSockets:MaxConnectionsPerUser</c>). A connection counts from its <c>connection_init</c>.
/// </summary>
public sealed class UserConnections(int maximum)
{
    private readonly Dictionary<Guid, int> open = [];

    /// <summary>Counts one more for <paramref name="userId"/>; false when it already has the most allowed.</summary>
    public bool TryOpen(Guid userId)
    {
        lock (open)
        {
            var count = open.GetValueOrDefault(userId);
            if (count >= maximum)
                return false;
            open[userId] = count + 1;
            return true;
        }
    }

    public void Close(Guid userId)
    {
        lock (open)
        {
            if (open.GetValueOrDefault(userId) <= 1)
                open.Remove(userId);
            else
                open[userId]--;
        }
    }
}
