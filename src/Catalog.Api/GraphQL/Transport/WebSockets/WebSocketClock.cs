namespace Catalog.Api.GraphQL.Transport.WebSockets;

/// <summary>
/// The clock of the protocol's timers (init timeout, keep-alive, token expiry): the service's own clock, which tests
/// replace for the WebSocket transport alone. A type of its own rather than a keyed <see cref="TimeProvider"/>:
/// Wolverine's handler code generation resolved the handlers' plain <see cref="TimeProvider"/> to a keyed registration
/// of that type (ADR 0073).
/// </summary>
public sealed record WebSocketClock(TimeProvider Time);
