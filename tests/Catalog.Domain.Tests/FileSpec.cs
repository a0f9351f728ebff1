using Catalog.Domain.Files;

namespace Catalog.Domain.Tests;

/// <summary>Fixed values and the given-when-then helpers shared by the file decision tests.</summary>
internal static class FileSpec
{
    public static readonly DateTimeOffset UploadedAt = new(2025, 3, 14, 9, 26, 53, TimeSpan.Zero);
    public static readonly DateTimeOffset Now = new(2025, 3, 15, 12, 0, 0, TimeSpan.Zero);

    public static readonly Guid FileId = Guid.Parse("f11e0000-0000-0000-0000-000000000001");
    public static readonly Guid OwnerId = Guid.Parse("0a0e0000-0000-0000-0000-000000000002");
    public static readonly Guid OtherUserId = Guid.Parse("0a0e0000-0000-0000-0000-000000000003");
    public static readonly Guid RunId = Guid.Parse("5a9c0000-0000-0000-0000-000000000004");

    public const string Sha256 = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    public const string OtherSha256 = "2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae";
    public const long Size = 4_096;

    public static readonly StorageLocation LocalCopy = new("local-files", $"files/{FileId:N}");
    public static readonly StorageLocation CloudCopy = new("cloud-files", $"files/{FileId:N}");

    public static FileUploaded Uploaded() =>
        new(FileId, OwnerId, "report.pdf", "application/pdf", Size, Sha256, LocalCopy, OwnerId, UploadedAt);

    public static FileAccessed Accessed() =>
        new(FileId, OwnerId, OtherUserId, AccessMethod.Stream, StorageTier.Local, "203.0.113.7", "curl/8.0", UploadedAt.AddHours(1));

    public static FileSyncedToCloud Synced() =>
        new(FileId, OwnerId, CloudCopy, Sha256, Size, RunId, UploadedAt.AddHours(2));

    public static FileDeleted Deleted() =>
        new(FileId, OwnerId, OwnerId, "no longer needed", UploadedAt.AddHours(3));

    public static readonly TimeSpan Retention = TimeSpan.FromDays(7);

    /// <summary>The last moment the file deleted by <see cref="Deleted"/> can be restored (exclusive).</summary>
    public static DateTimeOffset WindowCloses => Deleted().DeletedAt + Retention;

    public static FileDeleted DeletedAgain() =>
        new(FileId, OwnerId, OwnerId, null, UploadedAt.AddHours(5));

    public static FileRestored Restored() =>
        new(FileId, OwnerId, OwnerId, UploadedAt.AddHours(4));

    public static FilePurged Purged() =>
        new(FileId, OwnerId, Size, LocalCopy, null, Deleted().DeletedAt, WindowCloses);

    /// <summary>Folds the "given" events into the file's state, exactly as the event store would.</summary>
    public static StoredFile? Given(params object[] events) =>
        events.Aggregate((StoredFile?)null, Evolve);

    private static StoredFile? Evolve(StoredFile? state, object @event) => (state, @event) switch
    {
        (null, FileUploaded e) => StoredFile.Create(e),
        (not null, FileAccessed e) => state.Apply(e),
        (not null, FileSyncedToCloud e) => state.Apply(e),
        (not null, FileDeleted e) => state.Apply(e),
        (not null, LocalCopyEvicted e) => state.Apply(e),
        (not null, FileSyncFailed e) => state.Apply(e),
        (not null, FileRestored e) => state.Apply(e),
        (not null, FilePurged e) => state.Apply(e),
        _ => throw new InvalidOperationException(
            $"{@event.GetType().Name} cannot be applied to {(state is null ? "an empty stream" : "this file")}."),
    };
}

/// <summary>The "then" half: the exact events appended, the exact refusal, or nothing at all.</summary>
internal static class Then
{
    public static void Appended(Decision decision, params object[] expected)
    {
        Assert.Null(decision.Error);
        Assert.False(decision.IsRefused);
        Assert.Equal(expected, decision.Events);
    }

    public static void Refused(Decision decision, ErrorKind kind)
    {
        var error = Assert.IsType<DomainError>(decision.Error);
        Assert.Equal(kind, error.Kind);
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
        Assert.True(decision.IsRefused);
        Assert.Empty(decision.Events);
    }

    public static void Nothing(Decision decision)
    {
        Assert.Null(decision.Error);
        Assert.False(decision.IsRefused);
        Assert.Empty(decision.Events);
    }
}
