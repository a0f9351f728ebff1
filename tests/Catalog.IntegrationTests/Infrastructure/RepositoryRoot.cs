namespace Catalog.IntegrationTests.Infrastructure;

/// <summary>The checkout the tests were built from, found as the folder above the test binaries that holds the solution.</summary>
public static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "HybridStorage.sln")))
                return directory.FullName;
        }
        throw new InvalidOperationException("The repository root (with HybridStorage.sln) was not found above " + AppContext.BaseDirectory);
    }
}
