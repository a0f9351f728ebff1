using System.Buffers.Text;
using System.Globalization;
using System.Text;
using Catalog.Api.Errors;
using Catalog.Api.GraphQL.Schema;
using Catalog.Projections.FileListing;
using Catalog.Projections.SyncRuns;

namespace Catalog.Api.Files.Listing;

/// <summary>Where a page starts in one sort order: the sort key's value and the id of the last row seen.</summary>
public sealed record ListingPosition(object Key, Guid Id);

/// <summary>
/// Keyset cursors (ADR 0014): base64url of the connection, the order, the row's id and its sort key, opaque to
/// clients. A cursor of another order, another connection or the earlier offset cursors is bad input.
/// </summary>
public static class KeysetCursor
{
    private const string Kind = "files";
    private const string DeletedKind = "deleted";
    private const string DeletedTag = "DeletedAt-Desc";
    private const string RunKind = "runs";
    private const string RunTag = "StartedAt-Desc";
    private static readonly long PostgresEpochTicks = new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc).Ticks;

    public static string Encode(FileOrder order, FileListing file) => Pack(Kind, Tag(order), file.Id, Key(order.Field, file));

    public static ListingPosition? Decode(FileOrder order, string? cursor) =>
        string.IsNullOrEmpty(cursor) ? null
        : Unpack(cursor, Kind, Tag(order)) is var (id, key) && Parse(order.Field, key) is { } value ? new ListingPosition(value, id)
        : throw NotOurs(cursor);

    /// <summary>A cursor of <c>deletedFiles</c>, most recently deleted first: the file's deletion time and id.</summary>
    public static string EncodeDeleted(FileListing file)
    {
        var deletedAt = file.DeletedAt ?? throw new ArgumentException("The file is not deleted.", nameof(file));
        return Pack(DeletedKind, DeletedTag, file.Id, ColumnTicks(deletedAt).ToString(CultureInfo.InvariantCulture));
    }

    // A deletion time, like a run's start below, is read like an upload time: ticks of the column's microseconds.
    public static ListingPosition? DecodeDeleted(string? cursor) =>
        string.IsNullOrEmpty(cursor) ? null
        : Unpack(cursor, DeletedKind, DeletedTag) is var (id, key) && Parse(FileSortField.UploadedAt, key) is { } at
            ? new ListingPosition(at, id)
        : throw NotOurs(cursor);

    /// <summary>A cursor of <c>syncRuns</c>, newest first: the run's start and id.</summary>
    public static string EncodeRun(SyncRunSummary run) =>
        Pack(RunKind, RunTag, run.Id, ColumnTicks(run.StartedAt).ToString(CultureInfo.InvariantCulture));

    public static ListingPosition? DecodeRun(string? cursor) =>
        string.IsNullOrEmpty(cursor) ? null
        : Unpack(cursor, RunKind, RunTag) is var (id, key) && Parse(FileSortField.UploadedAt, key) is { } at
            ? new ListingPosition(at, id)
        : throw NotOurs(cursor);

    private static string Pack(string kind, string tag, Guid id, string key) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"{kind}:{tag}:{id:N}:{key}"));

    private static (Guid Id, string Key)? Unpack(string cursor, string kind, string tag)
    {
        string text;
        try
        {
            text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor));
        }
        catch (FormatException)
        {
            return null;
        }
        // No NUL in the key: .NET's number parsing ignores trailing ones, so "1\0" read as 1.
        return text.Split(':', 4) is [var k, var t, var id, var key] && k == kind && t == tag && !key.Contains('\0')
            && Guid.TryParseExact(id, "N", out var rowId)
            ? (rowId, key)
            : null;
    }

    private static string Tag(FileOrder order) => $"{order.Field}-{order.Direction}";

    private static string Key(FileSortField field, FileListing file) => field switch
    {
        FileSortField.Name => file.Name,
        FileSortField.Size => file.Size.ToString(CultureInfo.InvariantCulture),
        _ => ColumnTicks(file.UploadedAt).ToString(CultureInfo.InvariantCulture),
    };

    private static object? Parse(FileSortField field, string key) => field switch
    {
        FileSortField.Name => StorableText.Refusal(key) is null ? key : null, // a forged NUL would reach Postgres
        FileSortField.Size => long.TryParse(key, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var size) ? size : null,
        _ => long.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) && ticks <= DateTimeOffset.MaxValue.UtcTicks
            ? new DateTimeOffset(ticks, TimeSpan.Zero)
            : null,
    };

    // The column keeps microseconds, cut the way Npgsql cuts them when it writes the duplicated field; the cursor
    // must compare equal to the column, not to the document's 100 ns value.
    private static long ColumnTicks(DateTimeOffset at)
    {
        var ticks = at.UtcTicks;
        return ticks - (ticks - PostgresEpochTicks) % 10;
    }

    private static CatalogProblem NotOurs(string cursor) =>
        new(ErrorCode.BadUserInput, $"'{Echo.Of(cursor)}' is not a cursor this service issued for this order.");
}
