using Catalog.Api.Paging;

namespace Catalog.Api.Audit;

/// <summary>Keyset cursors over the event store's global sequence: stable while new events are appended.</summary>
public static class SequenceCursor
{
    private const string Kind = "seq";

    public static string Encode(long sequence) => OpaqueCursor.Encode(Kind, sequence);

    public static long Decode(string? cursor) => OpaqueCursor.Decode(Kind, cursor) ?? 0;
}
