using System.Diagnostics;
using System.Globalization;

namespace Catalog.Bench;

/// <summary>
/// The real API process (the published dll, as scripts/run.sh runs it), configured by environment variables as tests/scripts/lib/api.sh does,
/// with upload limits raised so that a 256 MiB file and thousands of files fit.
/// </summary>
public sealed class ApiProcess : IAsyncDisposable
{
    private readonly Process process;

    private ApiProcess(Process process, Uri url, TimeSpan startedIn)
    {
        this.process = process;
        Url = url;
        StartedIn = startedIn;
    }

    public Uri Url { get; }
    public TimeSpan StartedIn { get; }
    public int Pid => process.Id;

    /// <summary>
    /// Starts the API and returns once <c>/health/ready</c> answers 200; <see cref="StartedIn"/> is that wait.
    /// <paramref name="overrides"/> are further settings (<c>Section__Key</c>), applied after the defaults.
    /// </summary>
    public static async Task<ApiProcess> StartAsync(
        BenchSettings settings, string logFile, IReadOnlyDictionary<string, string>? overrides = null)
    {
        var url = new Uri($"http://127.0.0.1:{settings.ApiPort}");
        var info = new ProcessStartInfo("dotnet", [settings.ApiDll])
        {
            // The content root (appsettings.json) is the working directory: run from the publish output.
            WorkingDirectory = Path.GetDirectoryName(settings.ApiDll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var multipart = MultipartSizes.Settings(settings).Select(kv => KeyValuePair.Create(kv.Key.Replace(":", "__", StringComparison.Ordinal), kv.Value));
        foreach (var (key, value) in Environment(settings, url).Concat(multipart).Concat(overrides ?? new Dictionary<string, string>()))
            info.Environment[key] = value;

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var clock = Stopwatch.StartNew();
        var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start");
        // bench.sh stops this process by its id if the run is interrupted.
        await File.WriteAllTextAsync(Path.Combine(settings.WorkDirectory, "api.pid"), process.Id.ToString(CultureInfo.InvariantCulture));
        var log = File.CreateText(logFile);
        log.AutoFlush = true;
        var last = new Queue<string>();
        void Write(string? line)
        {
            if (line is null)
                return;
            lock (log)
            {
                log.WriteLine(line);
                last.Enqueue(line);
                if (last.Count > 200)
                    last.Dequeue();
            }
        }
        process.OutputDataReceived += (_, e) => Write(e.Data);
        process.ErrorDataReceived += (_, e) => Write(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var ready = new Uri(url, "/health/ready");
        while (clock.Elapsed < TimeSpan.FromSeconds(90))
        {
            if (process.HasExited)
            {
                await process.WaitForExitAsync();
                string tail;
                lock (log)
                    tail = string.Join('\n', last);
                throw new InvalidOperationException($"The API exited with {process.ExitCode} while starting:\n{tail}");
            }
            try
            {
                using var response = await http.GetAsync(ready);
                if (response.IsSuccessStatusCode)
                    return new ApiProcess(process, url, clock.Elapsed);
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }
            await Task.Delay(10);
        }

        process.Kill(entireProcessTree: true);
        throw new TimeoutException($"The API was not ready within 90 s; see {logFile}");
    }

    private static Dictionary<string, string> Environment(BenchSettings s, Uri url) => new()
    {
        ["ASPNETCORE_URLS"] = url.ToString().TrimEnd('/'),
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        ["ConnectionStrings__Catalog"] = s.Postgres,
        ["Storage__EnsureBuckets"] = "true",
        ["Storage__Local__Endpoint"] = s.S3Local.ToString(),
        ["Storage__Local__AccessKey"] = s.AccessKey,
        ["Storage__Local__SecretKey"] = s.SecretKey,
        ["Storage__Local__StallTimeout"] = s.LocalStallTimeout,
        ["Storage__Cloud__ServiceUrl"] = s.S3Cloud.ToString(),
        ["Storage__Cloud__AccessKey"] = s.AccessKey,
        ["Storage__Cloud__SecretKey"] = s.SecretKey,
        ["Storage__Cloud__ForcePathStyle"] = "true",
        ["Auth__SigningKey"] = "benchmark-signing-key-0123456789abcdef-0123456789",
        ["Wolverine__DurabilityMode"] = "Solo",
        ["Diagnostics__ServerTiming"] = "true",
        // P8's subscribers are one user's sockets: only a file's owner receives its events.
        ["GraphQL__WebSockets__MaxConnectionsPerUser"] = s.Subscribers.ToString(CultureInfo.InvariantCulture),
        ["Uploads__MaxFileSizeBytes"] = (6L << 30).ToString(CultureInfo.InvariantCulture),
        ["Uploads__MaxBytesByCategory__Other"] = (6L << 30).ToString(CultureInfo.InvariantCulture),
        ["Uploads__QuotaBytes"] = (1L << 40).ToString(CultureInfo.InvariantCulture),
        ["Uploads__QuotaFiles"] = "100000000",
        ["Uploads__SpoolDirectory"] = s.WorkDirectory,
    };

    /// <summary>
    /// Waits until the disk has written back what earlier rows wrote, then until the idle API and this client (a .NET
    /// process too) stop using the CPU: after a warm-up, each runtime's background JIT goes on re-compiling the hot
    /// methods it found, for seconds, and a row timed meanwhile measures that as well. Returns the wait (the CPU part at
    /// most <paramref name="limit"/>).
    /// </summary>
    public async Task<TimeSpan> SettleAsync(TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        await DiskFlush.RunAsync();
        // The JIT works in rounds and pauses between them, so one quiet second is not enough.
        var window = TimeSpan.FromSeconds(1);
        var settling = Stopwatch.StartNew();
        var before = CpuTime();
        var quiet = 0;
        while (settling.Elapsed < limit && quiet < 3)
        {
            await Task.Delay(window);
            var now = CpuTime();
            quiet = now - before < window / 20 ? quiet + 1 : 0; // under 5 % of one core
            before = now;
        }
        return clock.Elapsed;
    }

    private TimeSpan CpuTime()
    {
        process.Refresh();
        using var client = Process.GetCurrentProcess();
        return process.TotalProcessorTime + client.TotalProcessorTime;
    }

    /// <summary>Resident set size now and its high-water mark, from /proc/PID/status (bytes).</summary>
    public (long Rss, long Hwm) Memory()
    {
        long rss = 0, hwm = 0;
        foreach (var line in File.ReadLines($"/proc/{Pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                rss = Kib(line);
            else if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                hwm = Kib(line);
        }
        return (rss, hwm);
    }

    private static long Kib(string line) =>
        long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            // SIGTERM, so the host shuts down as in production and releases its daemon's locks.
            using (var kill = Process.Start("kill", ["-TERM", Pid.ToString(CultureInfo.InvariantCulture)]))
                await kill.WaitForExitAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        process.Dispose();
    }
}
