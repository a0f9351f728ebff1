using Catalog.Sync;

namespace Catalog.IntegrationTests.Sync;

/// <summary>Bad <c>Sync</c> settings stop the service at start with a message naming the key.</summary>
public sealed class SyncOptionsValidationTests
{
    private static IReadOnlyList<string> FailuresOf(Action<SyncOptions> change)
    {
        var options = new SyncOptions();
        change(options);
        return new SyncOptionsValidation().Validate(null, options).Failures?.ToList() ?? [];
    }

    [Fact]
    public void The_defaults_are_valid() => Assert.Empty(FailuresOf(_ => { }));

    [Fact]
    public void Tries_and_waits_of_one_file_that_would_outlast_a_batch_are_refused()
    {
        var failure = Assert.Single(FailuresOf(o => (o.AttemptsPerFile, o.RetryCooldown, o.AttemptTimeout) = (20, TimeSpan.FromMinutes(20), TimeSpan.FromMinutes(10))));

        Assert.StartsWith("Sync:AttemptsPerFile tries of Sync:AttemptTimeout, with the waits of Sync:RetryCooldown between them, may take 21:20:00 for one file", failure, StringComparison.Ordinal);
        Assert.Empty(FailuresOf(o => (o.AttemptsPerFile, o.AttemptTimeout) = (3, TimeSpan.FromHours(3))));
    }

    [Fact]
    public void The_wait_between_tries_doubles_up_to_an_hour_however_many_tries_are_allowed()
    {
        var options = new SyncOptions { RetryCooldown = TimeSpan.FromMinutes(20), AttemptsPerFile = 20 };

        Assert.Equal(
            [TimeSpan.FromMinutes(20), TimeSpan.FromMinutes(40), TimeSpan.FromHours(1), TimeSpan.FromHours(1)],
            new[] { 1, 2, 3, 19 }.Select(options.CooldownAfter));
    }

    [Theory]
    [InlineData("Europe/Berlin")]
    [InlineData("America/New_York")]
    [InlineData("UTC")]
    public void IANA_zones_are_accepted(string zone) => Assert.Empty(FailuresOf(o => o.TimeZone = zone));

    [Theory]
    [InlineData("LocalTime", "24:00")]
    [InlineData("LocalTime", "midnight")]
    [InlineData("LocalTime", "2:30")]
    [InlineData("TimeZone", "Mars/Olympus_Mons")]
    [InlineData("TimeZone", "")]
    public void A_bad_time_or_zone_is_named(string key, string value)
    {
        var failure = Assert.Single(FailuresOf(o =>
        {
            if (key == "LocalTime")
                o.LocalTime = value;
            else
                o.TimeZone = value;
        }));
        Assert.StartsWith($"Sync:{key}", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_bad_number_is_named()
    {
        var failures = FailuresOf(o =>
        {
            o.BatchSize = 0;
            o.MaxParallelTransfers = 0;
            o.MultipartThresholdBytes = 0;
            o.PartSizeBytes = 1024; // below S3's 5 MiB minimum
            o.MaxFailedRunsBeforeReport = 0;
            o.AttemptsPerFile = 0;
            o.RetryCooldown = TimeSpan.FromSeconds(-1);
            o.AttemptTimeout = TimeSpan.Zero;
            o.StallAfter = TimeSpan.Zero;
            o.StallCheckInterval = TimeSpan.FromHours(2);
        });

        foreach (var key in new[] { "BatchSize", "MaxParallelTransfers", "MultipartThresholdBytes", "PartSizeBytes",
                     "MaxFailedRunsBeforeReport", "AttemptsPerFile", "RetryCooldown", "AttemptTimeout",
                     "StallAfter", "StallCheckInterval" })
            Assert.Contains(failures, f => f.StartsWith($"Sync:{key} ", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("12:00:00.001")]
    [InlineData("60.00:00:00")] // beyond CancelAfter's ~49.7 days: the run stayed RUNNING
    public void An_attempt_timeout_beyond_a_batch_is_refused_naming_its_range(string timeout)
    {
        var failure = Assert.Single(FailuresOf(o => o.AttemptTimeout = TimeSpan.Parse(timeout, System.Globalization.CultureInfo.InvariantCulture)));

        Assert.StartsWith("Sync:AttemptTimeout must be between 00:00:00.001 and 12:00:00", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void An_attempt_timeout_of_a_whole_batch_is_accepted_for_one_try() =>
        Assert.Empty(FailuresOf(o => (o.AttemptTimeout, o.AttemptsPerFile) = (TimeSpan.FromHours(12), 1)));
}
