namespace Catalog.Api.GraphQL.Transport.WebSockets;

/// <summary><c>GraphQL:WebSockets</c>: the graphql-transport-ws endpoint at <c>/graphql</c>.</summary>
public sealed class GraphQLWebSocketOptions
{
    public const string Section = "GraphQL:WebSockets";

    /// <summary>How long a client has after connecting to send <c>connection_init</c> (else close 4408).</summary>
    public TimeSpan ConnectionInitTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The server sends a protocol <c>ping</c> and a WebSocket ping frame this often, so idle proxies keep the socket
    /// open and dead clients are found; zero turns both off.
    /// </summary>
    public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>A client that answers no WebSocket ping frame within this long is dropped; zero keeps it.</summary>
    public TimeSpan KeepAliveTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Messages waiting to be sent to one connection; a client slower than this is closed with 1013. At least
    /// <see cref="PendingMessagesPerOperation"/> per operation a connection may run: one event reaches all of them at once.
    /// </summary>
    public int MaxPendingMessages { get; set; } = 1024;

    /// <summary>
    /// Bytes of messages waiting to be sent to one connection; a client slower than this is closed with 1013 too. A
    /// count of messages alone lets one client that reads nothing hold that many of the largest results.
    /// </summary>
    public long MaxPendingBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>Events that may reach every operation of a connection at once before a prompt reader is called slow.</summary>
    public const int PendingMessagesPerOperation = 8;

    /// <summary>Largest message accepted from a client (else close 1009).</summary>
    public int MaxMessageBytes { get; set; } = 64 * 1024;

    /// <summary>Connections one user may have open on this instance; one more is closed with 1008 at its connection_init.</summary>
    public int MaxConnectionsPerUser { get; set; } = 32;

    /// <summary>
    /// Connections without a user (no token: sign-up and log-in only) open on this instance, all clients together; one
    /// more is closed with 1008 at its connection_init. 0 refuses them.
    /// </summary>
    public int MaxAnonymousConnections { get; set; } = 64;

    /// <summary>
    /// Operations one connection may run at once (subscriptions included); one more is answered with an error message
    /// (BAD_USER_INPUT, reason TOO_MANY_OPERATIONS) and the connection stays open.
    /// </summary>
    public int MaxOperationsPerConnection { get; set; } = 100;

    /// <summary>
    /// How often a connection that runs with a built-in token's role beyond <c>user</c> (auditor, admin) has it confirmed
    /// against the account again; one whose role is gone is closed with 4403 (ADR 0009). Plain users' are never read.
    /// </summary>
    public TimeSpan RoleCheckInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The longest <see cref="RoleCheckInterval"/>: a revoked role should not outlive it by hours.</summary>
    public static readonly TimeSpan MaxRoleCheckInterval = TimeSpan.FromHours(1);
}
