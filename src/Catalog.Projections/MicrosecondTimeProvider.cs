namespace Catalog.Projections;

/// <summary>
/// Postgres keeps timestamps to the microsecond; .NET clocks tick in 100 ns. Event timestamps are taken from this
/// clock so that what an inline projection sees live is exactly what a rebuild later reads back from the table.
/// </summary>
public sealed class MicrosecondTimeProvider(TimeProvider inner) : TimeProvider
{
    public override DateTimeOffset GetUtcNow()
    {
        var now = inner.GetUtcNow();
        return now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMicrosecond));
    }

    public override TimeZoneInfo LocalTimeZone => inner.LocalTimeZone;
    public override long TimestampFrequency => inner.TimestampFrequency;
    public override long GetTimestamp() => inner.GetTimestamp();
}
