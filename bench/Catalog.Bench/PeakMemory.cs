namespace Catalog.Bench;

/// <summary>
/// The API's peak resident set over a run. The kernel keeps the high-water mark (VmHWM); writing 5 to
/// /proc/PID/clear_refs resets it to the present size, so the peak is read once at the end, exact and without a
/// sampler waking every few milliseconds beside the process it measures. Where the reset is refused, the resident set
/// is sampled every 10 ms instead.
/// </summary>
public sealed class PeakMemory : IAsyncDisposable
{
    private readonly ApiProcess api;
    private readonly CancellationTokenSource stop = new();
    private readonly Task? sampling;
    private long sampledPeak;

    public PeakMemory(ApiProcess api)
    {
        this.api = api;
        var reset = TryResetHighWaterMark(api.Pid);
        Before = api.Memory();
        sampledPeak = Before.Rss;
        Peak = Before.Rss;
        Method = reset ? "peak RSS from the kernel's high-water mark, VmHWM, reset through /proc/PID/clear_refs before each run" : "RSS sampled every 10 ms from /proc/PID/status";
        if (!reset)
            sampling = Task.Run(SampleAsync);
    }

    public (long Rss, long Hwm) Before { get; }
    public long Peak { get; private set; }
    public long Growth => Peak - Before.Rss;

    /// <summary>How the peak was read, for the row's notes.</summary>
    public string Method { get; }

    public async ValueTask DisposeAsync()
    {
        if (stop.IsCancellationRequested)
            return;
        await stop.CancelAsync();
        if (sampling is not null)
            await sampling;
        var (rss, hwm) = api.Memory();
        Peak = Math.Max(sampling is null ? hwm : sampledPeak, rss);
    }

    private static bool TryResetHighWaterMark(int pid)
    {
        try
        {
            File.WriteAllText($"/proc/{pid}/clear_refs", "5");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private async Task SampleAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            sampledPeak = Math.Max(sampledPeak, api.Memory().Rss);
            try
            {
                await Task.Delay(10, stop.Token);
            }
            catch (OperationCanceledException)
            {
            }
        }
    }
}
