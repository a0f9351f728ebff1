using Catalog.Api.Files.Upload;

namespace Catalog.IntegrationTests.Files;

/// <summary>A killed process never deletes its spool files; the next start removes those no one is writing.</summary>
public sealed class SpoolLeftoversTests : IDisposable
{
    private readonly DirectoryInfo spool = Directory.CreateTempSubdirectory("spool-leftovers-");

    [Fact]
    public void Old_spool_files_are_removed_and_fresh_ones_and_other_files_are_kept()
    {
        var now = DateTimeOffset.UtcNow;
        var left = File(SpoolName(), now.AddHours(-2));
        var writing = File(SpoolName(), now.AddMinutes(-1));
        var other = File("notes.txt", now.AddDays(-3));

        var removed = SpoolLeftovers.RemoveOlderThan(spool.FullName, now - SpoolLeftovers.Age);

        Assert.Equal(1, removed);
        Assert.False(System.IO.File.Exists(left));
        Assert.True(System.IO.File.Exists(writing));
        Assert.True(System.IO.File.Exists(other));
    }

    private static string SpoolName() => SpooledFile.NamePattern.Replace("*", Guid.NewGuid().ToString("N"), StringComparison.Ordinal);

    private string File(string name, DateTimeOffset lastWrite)
    {
        var path = Path.Combine(spool.FullName, name);
        System.IO.File.WriteAllBytes(path, [1, 2, 3]);
        System.IO.File.SetLastWriteTimeUtc(path, lastWrite.UtcDateTime);
        return path;
    }

    public void Dispose() => spool.Delete(recursive: true);
}
