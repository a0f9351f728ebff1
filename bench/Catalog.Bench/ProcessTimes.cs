using System.Globalization;

namespace Catalog.Bench;

/// <summary>One process's CPU ticks from /proc/PID/stat: its own, and those of the children it has waited for.</summary>
public sealed record ProcessTimes(int Pid, int ParentPid, long User, long System, long ChildrenUser, long ChildrenSystem)
{
    /// <summary>Every process that still exists when its stat file is read.</summary>
    public static IEnumerable<ProcessTimes> All()
    {
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
                continue;
            string stat;
            try
            {
                stat = File.ReadAllText(Path.Combine(directory, "stat"));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                continue; // it exited meanwhile
            }
            if (Parse(pid, stat) is { } times)
                yield return times;
        }
    }

    // After "pid (comm) " come state, ppid, ... with utime, stime, cutime and cstime the 14th to 17th fields of the
    // line; comm may hold spaces and parentheses, so the fields are counted from its last ')'.
    private static ProcessTimes? Parse(int pid, string stat)
    {
        var end = stat.LastIndexOf(')');
        if (end < 0)
            return null;
        var fields = stat[(end + 2)..].Split(' ');
        if (fields.Length < 15)
            return null;
        long Field(int index) => long.Parse(fields[index], CultureInfo.InvariantCulture);
        return new ProcessTimes(pid, (int)Field(1), Field(11), Field(12), Field(13), Field(14));
    }
}
