using System.Globalization;
using Catalog.Sync;
using Catalog.Sync.Storage;

namespace Catalog.Bench;

/// <summary>
/// The single-PUT limits and part sizes a run sets (<see cref="BenchSettings"/>), as configuration keys: the API and
/// the baseline's LocalTier are given the same ones, so both store a file the same way.
/// </summary>
public static class MultipartSizes
{
    public static Dictionary<string, string> Settings(BenchSettings s)
    {
        var settings = new Dictionary<string, string>();
        void Add(string key, long? value)
        {
            if (value is { } bytes)
                settings[key] = bytes.ToString(CultureInfo.InvariantCulture);
        }
        Add($"{LocalTierOptions.Section}:MultipartThresholdBytes", s.LocalMultipartThresholdBytes);
        Add($"{LocalTierOptions.Section}:MultipartPartBytes", s.LocalMultipartPartBytes);
        Add($"{SyncOptions.Section}:MultipartThresholdBytes", s.SyncMultipartThresholdBytes);
        Add($"{SyncOptions.Section}:PartSizeBytes", s.SyncPartSizeBytes);
        return settings;
    }

    /// <summary>Sync's single-PUT limit and part size in this run.</summary>
    public static (long Threshold, long PartSize) Sync(BenchSettings s)
    {
        var defaults = new SyncOptions();
        return (s.SyncMultipartThresholdBytes ?? defaults.MultipartThresholdBytes, s.SyncPartSizeBytes ?? defaults.PartSizeBytes);
    }

    /// <summary>The local tier's part size in this run.</summary>
    public static long LocalPartSize(BenchSettings s) => s.LocalMultipartPartBytes ?? new LocalTierOptions().MultipartPartBytes;
}
