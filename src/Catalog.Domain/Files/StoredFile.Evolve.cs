namespace Catalog.Domain.Files;

public sealed partial record StoredFile
{
    /// <summary>
    /// The one fold of a file's stream, event by event: the event store uses it (through Catalog.Projections, see
    /// ADR 0020) and so do the domain tests. An event that does not fit the state is a bug, never skipped.
    /// </summary>
    public static StoredFile? Evolve(StoredFile? state, object @event) => (state, @event) switch
    {
        (null, FileUploaded e) => Create(e),
        (not null, FileAccessed e) => state.Apply(e),
        (not null, FileSyncedToCloud e) => state.Apply(e),
        (not null, FileDeleted e) => state.Apply(e),
        (not null, FileRestored e) => state.Apply(e),
        (not null, FilePurged e) => state.Apply(e),
        _ => throw new InvalidOperationException(
            $"{@event.GetType().Name} cannot be applied to {(state is null ? "an empty stream" : $"file {state.Id}")}."),
    };
}
