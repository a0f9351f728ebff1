namespace Catalog.Sync.Storage;

/// <summary>
/// The object a copy reads from has another size than the caller expected: someone wrote it again (a client's PUT to its
/// staging key). Not an <see cref="IOException"/>: the store is fine, and trying again reads the same object.
/// </summary>
public sealed class SourceResizedException(string message) : Exception(message);
