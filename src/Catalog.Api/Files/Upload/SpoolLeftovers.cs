using Microsoft.Extensions.Options;

namespace Catalog.Api.Files.Upload;

/// <summary>
/// At start-up, removes spool files that a killed process left behind: a spooled upload deletes its file when it
/// closes, which a SIGKILL or a crash never does. Only files untouched for <see cref="Age"/> go, since another process
/// on the machine may spool into the same folder (the system's temporary folder, by default) and is writing its own.
/// </summary>
internal sealed partial class SpoolLeftovers(IOptions<UploadOptions> options, TimeProvider time, ILogger<SpoolLeftovers> logger)
    : IHostedService
{
    public static readonly TimeSpan Age = TimeSpan.FromHours(1);

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var directory = options.Value.SpoolFolder;
        var removed = RemoveOlderThan(directory, time.GetUtcNow() - Age);
        if (removed > 0)
            LogRemoved(removed, directory);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Removes the folder's spool files last written before <paramref name="before"/>; returns how many.</summary>
    public static int RemoveOlderThan(string directory, DateTimeOffset before)
    {
        var removed = 0;
        foreach (var file in new DirectoryInfo(directory).EnumerateFiles(SpooledFile.NamePattern))
        {
            try
            {
                if (file.LastWriteTimeUtc >= before.UtcDateTime)
                    continue;
                file.Delete();
                removed++;
            }
            catch (IOException)
            {
                // gone meanwhile, or held: the next start tries again
            }
            catch (UnauthorizedAccessException)
            {
                // another user's process spools here too
            }
        }
        return removed;
    }

    [LoggerMessage(LogLevel.Information, "Removed {Count} spool files left by an earlier process from {Directory}")]
    private partial void LogRemoved(int count, string directory);
}
