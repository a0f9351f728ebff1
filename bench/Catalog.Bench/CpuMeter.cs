using System.Globalization;
using Npgsql;

namespace Catalog.Bench;

/// <summary>
/// Reads, from /proc, how much CPU each process of a row has used so far: the API, Postgres (the postmaster and its
/// backends), the two S3 servers, this client and the processes it waited for (rclone). The difference of two
/// readings says where a stretch of a row spent the machine, which is what limits a row on two shared cores.
/// </summary>
public sealed class CpuMeter
{
    public const string Api = "API";
    public const string Postgres = "Postgres";
    public const string S3Local = "S3 local";
    public const string S3Cloud = "S3 cloud";
    public const string Client = "bench client";
    /// <summary>Every child this client waited for within a stretch: rclone in P6 (the API processes it starts outlive their stretches).</summary>
    public const string Children = "client's children (rclone)";
    public const string Rest = "rest of machine";

    /// <summary>The roles in the order the report shows them.</summary>
    public static readonly IReadOnlyList<string> Roles = [Api, Postgres, S3Local, S3Cloud, Client, Children, Rest];

    // USER_HZ: Linux reports process and machine times in hundredths of a second on every architecture .NET runs on.
    private const double TicksPerSecond = 100;

    private readonly int? apiPid;
    private readonly int? postmaster;
    private readonly int? s3Local;
    private readonly int? s3Cloud;

    private CpuMeter(int? apiPid, int? postmaster, int? s3Local, int? s3Cloud)
    {
        this.apiPid = apiPid;
        this.postmaster = postmaster;
        this.s3Local = s3Local;
        this.s3Cloud = s3Cloud;
    }

    /// <summary>A meter for the API process <paramref name="apiPid"/> and the servers of <paramref name="s"/>, found by the ports they listen on.</summary>
    public static CpuMeter For(BenchSettings s, int? apiPid)
    {
        var postgresPort = new NpgsqlConnectionStringBuilder(s.Postgres).Port;
        var owners = ListeningSockets.OwnersOf([postgresPort, s.S3Local.Port, s.S3Cloud.Port]);
        int? Owner(int port) => owners.TryGetValue(port, out var pid) ? pid : null;
        return new CpuMeter(apiPid, Owner(postgresPort), Owner(s.S3Local.Port), Owner(s.S3Cloud.Port));
    }

    /// <summary>Runs <paramref name="work"/> and says what it cost the machine.</summary>
    public async Task<(T Result, CpuUse Cpu)> MeasureAsync<T>(Func<Task<T>> work)
    {
        var before = Read();
        var result = await work();
        return (result, before.Until(Read()));
    }

    public CpuReading Read()
    {
        var seconds = Roles.ToDictionary(r => r, _ => 0.0);
        foreach (var process in ProcessTimes.All())
        {
            if (RoleOf(process) is not { } role)
                continue;
            seconds[role] += (process.User + process.System) / TicksPerSecond;
            // A parent keeps the time of the children it has waited for: exited backends stay in the postmaster's
            // count, and rclone (this client's child) is counted apart from the client.
            var waited = (process.ChildrenUser + process.ChildrenSystem) / TicksPerSecond;
            seconds[role == Client ? Children : role] += waited;
        }
        var (busy, idle) = MachineTimes();
        return new CpuReading(seconds, busy / TicksPerSecond, idle / TicksPerSecond, DateTime.UtcNow);
    }

    private string? RoleOf(ProcessTimes p)
    {
        if (p.Pid == Environment.ProcessId)
            return Client;
        if (p.Pid == apiPid)
            return Api;
        if (p.Pid == postmaster || p.ParentPid == postmaster)
            return Postgres;
        if (p.Pid == s3Local)
            return S3Local;
        if (p.Pid == s3Cloud)
            return S3Cloud;
        return null;
    }

    /// <summary>The first line of /proc/stat: time all cores spent busy (user, nice, system, irq, softirq, steal) and idle (idle, iowait).</summary>
    private static (double Busy, double Idle) MachineTimes()
    {
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(f => double.Parse(f, CultureInfo.InvariantCulture)).ToArray();
        var idle = fields[3] + fields[4];
        var busy = fields[0] + fields[1] + fields[2] + fields[5] + fields[6] + fields[7];
        return (busy, idle);
    }
}

/// <summary>CPU seconds used so far per role, and the whole machine's busy and idle seconds, at one moment.</summary>
public sealed record CpuReading(IReadOnlyDictionary<string, double> Seconds, double MachineBusy, double MachineIdle, DateTime At)
{
    /// <summary>What happened between this reading and <paramref name="later"/>; the machine's busy time no role accounts for is <see cref="CpuMeter.Rest"/>.</summary>
    public CpuUse Until(CpuReading later)
    {
        var used = Seconds.ToDictionary(kv => kv.Key, kv => later.Seconds[kv.Key] - kv.Value);
        var busy = later.MachineBusy - MachineBusy;
        used[CpuMeter.Rest] = Math.Max(0, busy - used.Where(kv => kv.Key != CpuMeter.Rest).Sum(kv => kv.Value));
        return new CpuUse(used, busy, later.MachineIdle - MachineIdle, (later.At - At).TotalSeconds);
    }
}
