namespace Catalog.Bench;

/// <summary>Samples the API's resident set every few milliseconds while a run goes on; the peak is what the row reports.</summary>
public sealed class MemorySampler : IAsyncDisposable
{
    private readonly CancellationTokenSource stop = new();
    private readonly Task sampling;

    public MemorySampler(ApiProcess api)
    {
        Before = api.Memory();
        Peak = Before.Rss;
        sampling = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                Peak = Math.Max(Peak, api.Memory().Rss);
                try
                {
                    await Task.Delay(10, stop.Token);
                }
                catch (OperationCanceledException)
                {
                }
            }
            Peak = Math.Max(Peak, api.Memory().Rss);
            HwmAfter = api.Memory().Hwm;
        });
    }

    public (long Rss, long Hwm) Before { get; }
    public long Peak { get; private set; }
    public long HwmAfter { get; private set; }
    public long Growth => Peak - Before.Rss;

    public async ValueTask DisposeAsync()
    {
        if (stop.IsCancellationRequested)
            return;
        await stop.CancelAsync();
        await sampling;
    }
}
