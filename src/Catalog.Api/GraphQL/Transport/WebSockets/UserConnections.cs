namespace Catalog.Api.GraphQL.Transport.WebSockets;

/// <summary>
/// How many WebSockets each user has open on this instance, so one user cannot hold thousands
/// (<c>GraphQL:WebSockets:MaxConnectionsPerUser</c>), and how many have no user at all: those are counted together
/// (<c>MaxAnonymousConnections</c>), since nothing tells one anonymous client from another.
/// A connection counts from its <c>connection_init</c>.
/// </summary>
public sealed class UserConnections(int maximum, int anonymousMaximum)
{
    private readonly Dictionary<Guid, int> open = [];
    // Not under a user id such as Guid.Empty: a token may name any id, the empty one too.
    private int anonymous;

    /// <summary>Counts one more for <paramref name="user"/> (null: no user); false when it already has the most allowed.</summary>
    public bool TryOpen(Guid? user)
    {
        lock (open)
        {
            if (user is not { } id)
            {
                if (anonymous >= anonymousMaximum)
                    return false;
                anonymous++;
                return true;
            }
            var count = open.GetValueOrDefault(id);
            if (count >= maximum)
                return false;
            open[id] = count + 1;
            return true;
        }
    }

    /// <summary>How many connections <paramref name="user"/> (null: no user) has open.</summary>
    public int OpenOf(Guid? user)
    {
        lock (open)
            return user is { } id ? open.GetValueOrDefault(id) : anonymous;
    }

    public void Close(Guid? user)
    {
        lock (open)
        {
            if (user is not { } id)
                anonymous = Math.Max(0, anonymous - 1);
            else if (open.GetValueOrDefault(id) <= 1)
                open.Remove(id);
            else
                open[id]--;
        }
    }
}
