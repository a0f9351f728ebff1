using Catalog.Api.Paging;
using Catalog.Projections.SyncRuns;

namespace Catalog.Api.CloudSync;

/// <summary>The cursors of <c>syncRuns</c>, newest first: the run's start and id.</summary>
public static class SyncRunCursor
{
    private const string Kind = "runs";
    private const string Tag = "StartedAt-Desc";

    public static string Encode(SyncRunSummary run) => KeysetCursor.Pack(Kind, Tag, run.Id, KeysetCursor.MomentKey(run.StartedAt));

    public static KeysetPosition? Decode(string? cursor) => KeysetCursor.Unpack(cursor, Kind, Tag, KeysetCursor.ParseMoment);
}
