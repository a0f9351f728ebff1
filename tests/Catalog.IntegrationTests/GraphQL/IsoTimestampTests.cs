using Catalog.Api.GraphQL.Schema;

namespace Catalog.IntegrationTests.GraphQL;

/// <summary>The moments clients send: RFC 3339 with any number of fractional digits, held to the tick.</summary>
public sealed class IsoTimestampTests
{
    private static readonly DateTimeOffset Second = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("2026-01-01T00:00:00Z", 0)]
    [InlineData("2026-01-01T00:00:00.1234567Z", 1_234_567)]
    [InlineData("2026-01-01T00:00:00.123456700Z", 1_234_567)] // finer digits that are zeros change nothing
    [InlineData("2026-01-01T00:00:00.123456789Z", 1_234_568)] // nanoseconds, rounded up to the next tick
    [InlineData("2026-01-01T00:00:00.000000000000000000001Z", 1)]
    [InlineData("2026-01-01T05:30:00.123456701+05:30", 1_234_568)]
    public void A_moment_is_read_to_the_tick_and_finer_digits_round_it_up(string text, long ticksAfterTheSecond)
    {
        Assert.True(IsoTimestamp.TryParse(text, out var moment), text);
        Assert.Equal(Second.AddTicks(ticksAfterTheSecond), moment);
    }

    [Theory]
    [InlineData("2026-01-01T00:00:00.Z")]
    [InlineData("2026-01-01T00:00:00.123456789")]
    public void A_fraction_without_digits_or_a_moment_without_its_offset_is_refused(string text) =>
        Assert.False(IsoTimestamp.TryParse(text, out _), text);

    [Fact]
    public void The_last_tick_there_is_stays_the_last()
    {
        Assert.True(IsoTimestamp.TryParse("9999-12-31T23:59:59.99999999999Z", out var moment));
        Assert.Equal(DateTimeOffset.MaxValue, moment);
    }
}
