namespace Catalog.Sync.Storage;

/// <summary>
/// Receives an object's bytes while the storage response is open, so that nothing is buffered: the consumer copies
/// them on (to an HTTP response, say) and the response is closed when it returns.
/// </summary>
public delegate Task ConsumeObject(Stream content, CancellationToken ct);
