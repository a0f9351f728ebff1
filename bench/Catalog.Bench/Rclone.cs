using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Catalog.Bench;

/// <summary>
/// Debian's <c>rclone</c> (installed by scripts/bench.sh), with two S3 remotes named <c>local</c> and <c>cloud</c>
/// configured by environment variables only: the config file it is given is empty, so no secret is written anywhere.
/// </summary>
public sealed class Rclone(BenchSettings s)
{
    /// <summary>Copies <paramref name="from"/> to <paramref name="to"/>; returns the wall time and rclone's peak RSS.</summary>
    public async Task<(double Seconds, long PeakRss)> CopyAsync(string from, string to, int transfers, TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        var (_, peak) = await RunAsync(["copy", from, to, "--transfers", transfers.ToString(CultureInfo.InvariantCulture)], limit);
        return (clock.Elapsed.TotalSeconds, peak);
    }

    /// <summary>How many objects and bytes are under <paramref name="path"/>, as the server lists them.</summary>
    public async Task<(long Count, long Bytes)> SizeAsync(string path)
    {
        var (output, _) = await RunAsync(["size", "--json", path], TimeSpan.FromMinutes(2));
        using var json = JsonDocument.Parse(output);
        return (json.RootElement.GetProperty("count").GetInt64(), json.RootElement.GetProperty("bytes").GetInt64());
    }

    public Task PurgeAsync(string path) => RunAsync(["purge", path], TimeSpan.FromMinutes(5));

    /// <summary>The first line of <c>rclone version</c>, e.g. "rclone v1.60.1-DEV".</summary>
    public async Task<string> VersionAsync() => (await RunAsync(["version"], TimeSpan.FromMinutes(1))).Output.Split('\n')[0].Trim();

    private async Task<(string Output, long PeakRss)> RunAsync(string[] arguments, TimeSpan limit)
    {
        var config = Path.Combine(s.WorkDirectory, "rclone.conf");
        if (!File.Exists(config))
            await File.WriteAllTextAsync(config, "");
        var info = new ProcessStartInfo("rclone", ["--config", config, .. arguments])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        Remote(info, "LOCAL", s.S3Local);
        Remote(info, "CLOUD", s.S3Cloud);
        // rclone's AWS SDK fails on an AWS_CA_BUNDLE it cannot apply to its own HTTP transport; both endpoints are plain HTTP.
        info.Environment.Remove("AWS_CA_BUNDLE");

        using var process = Process.Start(info) ?? throw new InvalidOperationException("rclone did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        long peak = 0;
        using var timeout = new CancellationTokenSource(limit);
        var exited = process.WaitForExitAsync(timeout.Token);
        // The high-water mark only grows, so a read every 100 ms misses only a peak first reached in rclone's last
        // 100 ms, and the reads take little from the run they measure.
        while (!exited.IsCompleted)
        {
            peak = Math.Max(peak, HighWaterMark(process.Id));
            await Task.WhenAny(exited, Task.Delay(100));
        }
        try
        {
            await exited;
        }
        catch (OperationCanceledException)
        {
            process.Kill();
            throw new TimeoutException($"rclone {arguments[0]} took longer than {limit}");
        }
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"rclone {string.Join(' ', arguments)} exited with {process.ExitCode}: {await errors}");
        return (await output, peak);
    }

    private void Remote(ProcessStartInfo info, string name, Uri endpoint)
    {
        var prefix = $"RCLONE_CONFIG_{name}_";
        info.Environment[prefix + "TYPE"] = "s3";
        info.Environment[prefix + "PROVIDER"] = "Other";
        info.Environment[prefix + "ENDPOINT"] = endpoint.ToString();
        info.Environment[prefix + "ACCESS_KEY_ID"] = s.AccessKey;
        info.Environment[prefix + "SECRET_ACCESS_KEY"] = s.SecretKey;
        info.Environment[prefix + "REGION"] = "us-east-1";
        info.Environment[prefix + "FORCE_PATH_STYLE"] = "true";
    }

    /// <summary>VmHWM from /proc (bytes); 0 once the process is gone.</summary>
    private static long HighWaterMark(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
        }
        catch (IOException)
        {
            return 0;
        }
    }
}
