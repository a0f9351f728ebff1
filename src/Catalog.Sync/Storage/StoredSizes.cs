using Catalog.Domain.Files;

namespace Catalog.Sync.Storage;

/// <summary>Whether a store's answer to a read holds the copy the catalog recorded, judged by its sizes alone.</summary>
public static class StoredSizes
{
    /// <summary>
    /// Throws <see cref="DamagedCopyException"/> when the answer's length is not the range's (or the whole object's), or
    /// when a ranged answer names another total than <paramref name="recordedSize"/>.
    /// </summary>
    public static void Confirm(StorageTier tier, string key, long recordedSize, ByteRange? range, long? answerLength, long? rangeTotal)
    {
        var expected = range?.Length ?? recordedSize;
        var name = tier.ToString().ToLowerInvariant();
        if (answerLength is { } length && length != expected)
            throw new DamagedCopyException($"The {name} tier answered {length} bytes of {key} where its record gives {expected}.");
        if (range is not null && rangeTotal is { } total && total != recordedSize)
            throw new DamagedCopyException($"The {name} tier holds {total} bytes of {key} where its record says {recordedSize}.");
    }
}
