namespace Catalog.Api.GraphQL.Transport.WebSockets;

/// <summary>The close codes of the graphql-transport-ws protocol, and the standard ones this server also uses.</summary>
public static class CloseCodes
{
    public const int Normal = 1000;
    /// <summary>The server is shutting down (standard "going away"); the client may reconnect to another instance or later.</summary>
    public const int GoingAway = 1001;
    /// <summary>The connection breaks a rule of this server (standard "policy violation"): too many of one user's.</summary>
    public const int PolicyViolation = 1008;
    public const int MessageTooBig = 1009;
    /// <summary>The client read too slowly; it may reconnect (standard "try again later").</summary>
    public const int TryAgainLater = 1013;
    public const int BadRequest = 4400;
    public const int Unauthorized = 4401;
    public const int Forbidden = 4403;
    public const int SubprotocolNotAcceptable = 4406;
    public const int ConnectionInitTimeout = 4408;
    public const int SubscriberAlreadyExists = 4409;
    public const int TooManyInitialisationRequests = 4429;
    public const int InternalServerError = 4500;
}

/// <summary>A reason to end the connection, raised anywhere in it and acted on by its loop.</summary>
public sealed class CloseConnection(int code, string reason) : Exception(reason)
{
    public int Code { get; } = code;

    /// <summary>WebSocket close reasons are limited to 123 bytes of UTF-8.</summary>
    public string Reason { get; } = reason.Length <= 120 ? reason : reason[..120];

    /// <summary>
    /// A role beyond <c>user</c> the connection runs with was revoked (ADR 0009): the client reconnects, and its token is
    /// taken with the roles its account holds now.
    /// </summary>
    public static CloseConnection RoleRevoked() =>
        new(CloseCodes.Forbidden, "Forbidden: a role this connection runs with was revoked; reconnect");
}
