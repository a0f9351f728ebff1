using System.Security.Claims;
using Catalog.Api.Errors;
using Catalog.Domain.Files;
using Catalog.Projections.FileListing;
using Marten;

namespace Catalog.Api.Audit;

/// <summary>A file's history, and the file as it was at an instant or a version, read from its own stream.</summary>
public static class FileHistory
{
    /// <summary>The most events one call returns: a file downloaded every minute for a year has half a million.</summary>
    public const int MaxEvents = 500;

    /// <summary>
    /// Events from <paramref name="fromVersion"/> on, at most <paramref name="first"/>. Without <paramref name="first"/>,
    /// all of them, or a refusal when they are more than <see cref="MaxEvents"/>: a list cut short without a word would
    /// read as the whole history.
    /// </summary>
    public static async Task<IReadOnlyList<FileEventView>> EventsAsync(
        Guid fileId, long? fromVersion, int? first, ClaimsPrincipal user, IQuerySession session, CancellationToken ct)
    {
        if (fromVersion < 1)
            throw new CatalogProblem(ErrorCode.BadUserInput, "fromVersion starts at 1, the upload.");
        if (first is < 1 or > MaxEvents)
            throw new CatalogProblem(ErrorCode.BadUserInput, $"first must be between 1 and {MaxEvents}.");
        // The owner is read from the listing before any event: a stream read first made a stranger wait as long as the
        // file's history is for the refusal, and so told them the id exists (ADR 0022).
        if (!await MayReadAsync(fileId, user, session, ct))
            throw new CatalogProblem(ErrorCode.NotFound, $"File {fileId} was not found.");
        var from = fromVersion ?? 1;
        var events = await session.Events.FetchStreamAsync(fileId, version: from + (first ?? MaxEvents + 1) - 1, fromVersion: from, token: ct);
        if (events.Count > 0 && events[0].Data is not IFileEvent)
            throw new CatalogProblem(ErrorCode.NotFound, $"File {fileId} was not found.");
        if (events.Count > MaxEvents)
            throw new CatalogProblem(ErrorCode.BadUserInput,
                $"File {fileId} has more than {MaxEvents} events from version {from}: read them in pages with first (at most {MaxEvents}) and fromVersion.");
        return events.Select(FileEventViews.From).OfType<FileEventView>().ToList();
    }

    /// <summary>
    /// The file as its events up to the instant made it: the events before the first one stamped later. An event stamped
    /// earlier behind that one (a clock set back between two writes) did not happen yet at the instant either.
    /// </summary>
    /// <remarks>Npgsql writes only UTC to a <c>timestamptz</c>: an instant sent with another offset is the same instant in UTC.</remarks>
    public static async Task<FileListing?> AsOfAsync(Guid fileId, DateTimeOffset at, ClaimsPrincipal user, IQuerySession session, CancellationToken ct)
    {
        if (!await MayReadAsync(fileId, user, session, ct))
            return null;
        var utc = at.ToUniversalTime();
        var firstLater = await session.Events.QueryAllRawEvents()
            .Where(e => e.StreamId == fileId && e.Timestamp > utc)
            .OrderBy(e => e.Version)
            .Select(e => e.Version)
            .FirstOrDefaultAsync(ct);
        return firstLater switch
        {
            0 => await session.Events.AggregateStreamAsync<FileListing>(fileId, token: ct),
            1 => null,
            _ => await session.Events.AggregateStreamAsync<FileListing>(fileId, version: firstLater - 1, token: ct),
        };
    }

    public static async Task<FileListing?> AtVersionAsync(Guid fileId, long version, ClaimsPrincipal user, IQuerySession session, CancellationToken ct)
    {
        if (version < 1)
            throw new CatalogProblem(ErrorCode.BadUserInput, "A stream version starts at 1.");
        if (!await MayReadAsync(fileId, user, session, ct) || await session.Events.FetchStreamStateAsync(fileId, ct) is not { } stream)
            return null;
        // Unlike an instant to come, a version to come has no state yet: the last one would be a wrong answer.
        if (version > stream.Version)
            throw new CatalogProblem(ErrorCode.BadUserInput, $"File {fileId} has {stream.Version} events; there is no version {version} yet.");
        return await session.Events.AggregateStreamAsync<FileListing>(fileId, version: version, token: ct);
    }

    // The listing row survives deletion, so it names the owner of any file that ever existed.
    private static async Task<bool> MayReadAsync(Guid fileId, ClaimsPrincipal user, IQuerySession session, CancellationToken ct) =>
        await session.LoadAsync<FileListing>(fileId, ct) is { } listing && AuditAccess.CanRead(user, listing.OwnerId);
}
