using Microsoft.Extensions.Time.Testing;

namespace Catalog.IntegrationTests.Infrastructure;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that each test can start afresh at the real time. Tokens expire by the real
/// clock, and a fake clock moved past one test's token cannot come back for the next test's.
/// </summary>
public sealed class RestartableFakeClock : TimeProvider
{
    private FakeTimeProvider current = new(DateTimeOffset.UtcNow);

    private FakeTimeProvider Current => Volatile.Read(ref current);

    /// <summary>A new clock at the real time; timers set on the old one never fire.</summary>
    public void Restart() => Volatile.Write(ref current, new FakeTimeProvider(DateTimeOffset.UtcNow));

    public void Advance(TimeSpan by) => Current.Advance(by);

    public override DateTimeOffset GetUtcNow() => Current.GetUtcNow();
    public override long GetTimestamp() => Current.GetTimestamp();
    public override long TimestampFrequency => Current.TimestampFrequency;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        Current.CreateTimer(callback, state, dueTime, period);
}
