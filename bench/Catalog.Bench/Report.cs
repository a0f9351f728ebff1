using System.Globalization;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Marten;
using Npgsql;

namespace Catalog.Bench;

/// <summary>Writes benchmarks.md (the table) and benchmarks/raw.json (every measurement) with the machine and versions.</summary>
public static class Report
{
    public static async Task WriteAsync(BenchSettings s, IReadOnlyList<RowResult> rows)
    {
        var machine = await MachineAsync(s);
        Directory.CreateDirectory(Path.Combine(s.OutputDirectory, "benchmarks"));

        var md = new StringBuilder();
        md.AppendLine("# Benchmarks").AppendLine();
        md.AppendLine("Written by `scripts/bench.sh` (do not edit by hand). Each row is measured against its baseline in the same run, ");
        md.AppendLine("on the same local Postgres and S3-compatible servers the tests use. Ratio: ours ÷ baseline as a speed ");
        md.AppendLine("(throughput ratio, or baseline latency ÷ our latency), so 1.0 is \"as fast as the baseline\". ");
        md.AppendLine("Raw measurements: [benchmarks/raw.json](benchmarks/raw.json).").AppendLine();
        foreach (var (key, value) in machine)
            md.AppendLine(CultureInfo.InvariantCulture, $"- {key}: {value}");
        md.AppendLine();
        md.AppendLine("| # | what | ours | baseline | ratio | target | met? |");
        md.AppendLine("|---|---|---|---|---|---|---|");
        foreach (var r in rows)
        {
            var ratio = r.Ratio is { } x ? Stats.F(x, 2) + "×" : "-";
            var met = r.Met switch { true => "yes", false => "**no**", null => "-" };
            md.AppendLine(CultureInfo.InvariantCulture, $"| {r.Id} | {Cell(r.What)} | {Cell(r.Ours)} | {Cell(r.Baseline)} | {ratio} | {Cell(r.Target)} | {met} |");
        }
        md.AppendLine().AppendLine("## Notes").AppendLine();
        foreach (var r in rows)
            md.AppendLine(CultureInfo.InvariantCulture, $"- **{r.Id}**: {r.Notes}");
        WhereTheCpuWent(md, rows);
        HowFastTheMachineWas(md, rows);

        await File.WriteAllTextAsync(Path.Combine(s.OutputDirectory, "benchmarks.md"), md.ToString());
        var raw = new { machine, rows };
        await File.WriteAllTextAsync(
            Path.Combine(s.OutputDirectory, "benchmarks", "raw.json"),
            // A NaN or an infinity in one row's figures must not cost the whole run its report.
            JsonSerializer.Serialize(raw, new JsonSerializerOptions { WriteIndented = true, NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals }));
        Console.WriteLine($"[bench] wrote {Path.Combine(s.OutputDirectory, "benchmarks.md")}");
    }

    private static void WhereTheCpuWent(StringBuilder md, IReadOnlyList<RowResult> rows)
    {
        if (!rows.Any(r => r.Cpu is not null))
            return;
        md.AppendLine().AppendLine("## Where the CPU went").AppendLine();
        md.AppendLine("CPU time per unit of work, per process, read from `/proc` around each timed stretch: Postgres is the ");
        md.AppendLine("postmaster with its backends, *rest of machine* the busy time no listed process accounts for (other ");
        md.AppendLine("processes, interrupts). *Cores busy* is how many of the machine's cores were busy on average meanwhile.");
        foreach (var row in rows.Where(r => r.Cpu is not null))
        {
            var table = row.Cpu!;
            var roles = CpuMeter.Roles.Where(role => table.Series.Any(x => x.PerUnit.Seconds[role] > 0)).ToList();
            var unit = table.InMilliseconds ? "ms" : "s";
            string Time(double seconds) => table.InMilliseconds ? Stats.F(seconds * 1000, 2) : Stats.F(seconds, 2);
            md.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"**{row.Id}**, CPU {unit} {table.Unit}:").AppendLine();
            md.AppendLine(CultureInfo.InvariantCulture, $"| series | {string.Join(" | ", roles)} | total CPU | wall | cores busy |");
            md.AppendLine(CultureInfo.InvariantCulture, $"|---|{string.Concat(roles.Select(_ => "---|"))}---|---|---|");
            foreach (var series in table.Series)
            {
                var use = series.PerUnit;
                var cells = roles.Select(role => Time(use.Seconds[role]));
                md.AppendLine(CultureInfo.InvariantCulture,
                    $"| {Cell(series.Name)} | {string.Join(" | ", cells)} | {Time(use.Total)} | {Time(use.WallSeconds)} | {Stats.F(use.CoresBusy, 2)} |");
            }
        }
    }

    private static void HowFastTheMachineWas(StringBuilder md, IReadOnlyList<RowResult> rows)
    {
        if (!rows.Any(r => r.Speed is not null))
            return;
        md.AppendLine().AppendLine("## How fast the machine was").AppendLine();
        md.AppendLine("Measured by the bench just before and just after each row, outside its timed parts: SHA-256 of 16 MiB on ");
        md.AppendLine("one core, and a 1-byte TCP round trip on loopback (best of three tries each). The servers are up meanwhile, ");
        md.AppendLine("and what a row leaves running (a server still writing) can weigh on its *after* figure. They say how fast ");
        md.AppendLine("the machine was, not the service: compare them before comparing two runs' rows.").AppendLine();
        md.AppendLine("| row | SHA-256, one core, MiB/s (before / after) | loopback round trip, µs (before / after) |");
        md.AppendLine("|---|---|---|");
        foreach (var row in rows.Where(r => r.Speed is not null))
        {
            var (before, after) = (row.Speed!.Before, row.Speed.After);
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| {row.Id} | {Stats.F(before.Sha256MiBPerSecond, 0)} / {Stats.F(after.Sha256MiBPerSecond, 0)} | " +
                $"{Stats.F(before.LoopbackRoundTripMicroseconds)} / {Stats.F(after.LoopbackRoundTripMicroseconds)} |");
        }
    }

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal);

    private static async Task<Dictionary<string, string>> MachineAsync(BenchSettings s)
    {
        string postgres;
        await using (var connection = new NpgsqlConnection(s.Postgres))
        {
            await connection.OpenAsync();
            // Durability as the server has it, not as the script that started it meant it: a run may reuse a cluster.
            await using var command = new NpgsqlCommand(
                "select current_setting('server_version'), current_setting('fsync'), current_setting('synchronous_commit'), current_setting('full_page_writes')",
                connection);
            await using var reader = await command.ExecuteReaderAsync();
            await reader.ReadAsync();
            postgres = $"{reader.GetString(0)} (fsync {reader.GetString(1)}, synchronous_commit {reader.GetString(2)}, full_page_writes {reader.GetString(3)})";
        }

        return new Dictionary<string, string>
        {
            ["date (UTC)"] = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
            ["commit"] = Environment.GetEnvironmentVariable("BENCH_COMMIT") ?? "unknown",
            // The commit the measured API was built from, which a --no-build run does not rebuild at the one above.
            ["API built from"] = SourceRevision(s.ApiDll),
            ["mode"] = s.Smoke ? "smoke (tiny sizes)" : "full",
            ["cores"] = Environment.ProcessorCount.ToString(CultureInfo.InvariantCulture),
            ["cpu"] = CpuModel(),
            ["memory"] = MemTotal(),
            ["os"] = RuntimeInformation.OSDescription,
            [".NET"] = RuntimeInformation.FrameworkDescription,
            ["Marten"] = Version(typeof(DocumentStore).Assembly),
            ["Wolverine"] = Version(typeof(Wolverine.IMessageBus).Assembly),
            ["Npgsql"] = Version(typeof(NpgsqlConnection).Assembly),
            ["Minio"] = Version(typeof(Minio.IMinioClient).Assembly),
            ["PostgreSQL"] = postgres,
            // As installed in tools/, which is what served the run.
            ["S3 server"] = $"{Environment.GetEnvironmentVariable("BENCH_S3_SERVER") ?? "unknown"} (tools/s3-server.cjs), on local disk",
        };
    }

    private static string Version(Assembly assembly) =>
        assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? assembly.GetName().Version?.ToString() ?? "?";

    private static string SourceRevision(string dll) =>
        System.Diagnostics.FileVersionInfo.GetVersionInfo(dll).ProductVersion?.Split('+') is [_, var revision, ..] && revision.Length >= 7
            ? revision[..7]
            : "unknown";

    private static string CpuModel() =>
        File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "?"
            : "?";

    private static string MemTotal()
    {
        var line = File.Exists("/proc/meminfo") ? File.ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal)) : null;
        if (line is null)
            return "?";
        var kib = long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
        return $"{kib / 1024.0 / 1024.0:F1} GiB";
    }
}
