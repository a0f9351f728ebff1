using System.Globalization;

namespace Catalog.Bench;

/// <summary>Which process listens on a TCP port: the socket's inode from /proc/net/tcp(6), then the process holding it.</summary>
public static class ListeningSockets
{
    private const string Listen = "0A";

    public static IReadOnlyDictionary<int, int> OwnersOf(IReadOnlyCollection<int> ports)
    {
        var inodes = new Dictionary<string, int>();
        foreach (var table in new[] { "/proc/net/tcp", "/proc/net/tcp6" }.Where(File.Exists))
        {
            foreach (var line in File.ReadLines(table).Skip(1))
            {
                // sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode
                var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (fields.Length < 10 || fields[3] != Listen)
                    continue;
                var port = int.Parse(fields[1].Split(':')[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                if (ports.Contains(port))
                    inodes[$"socket:[{fields[9]}]"] = port;
            }
        }

        var owners = new Dictionary<int, int>();
        foreach (var process in Directory.EnumerateDirectories("/proc"))
        {
            if (inodes.Count == owners.Count)
                break;
            if (!int.TryParse(Path.GetFileName(process), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
                continue;
            try
            {
                foreach (var fd in Directory.EnumerateFiles(Path.Combine(process, "fd")))
                {
                    if (new FileInfo(fd).LinkTarget is { } target && inodes.TryGetValue(target, out var port))
                        owners.TryAdd(port, pid);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // gone, or not ours to read
            }
        }
        return owners;
    }
}
