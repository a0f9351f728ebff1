using Catalog.Api.Errors;
using Catalog.Projections.AuditTrail;
using Catalog.Projections.FileListing;
using Catalog.Projections.OpenUploads;
using Catalog.Projections.SyncRuns;
using Catalog.Projections.Usage;
using Marten;

namespace Catalog.Api.Audit;

public sealed record ProjectionRebuilt(string Name, DateTimeOffset FinishedAt);

/// <summary>
/// Rebuilds a projection from the events in the running service. Each is replaced whole in one transaction (ADR 0072,
/// 0076): the listing, the audit trail, the run summaries and the open uploads, one row per file, event, run or upload,
/// and the usage rows, sums that a half-done rebuild would count twice. A second rebuild of one table waits for the first.
/// </summary>
public static class ProjectionRebuild
{
    public static IReadOnlyList<string> Names { get; } = [nameof(FileListing), AuditTrailProjection.Name, nameof(SyncRunSummary), OwnerUsageProjection.Name, OpenUploadRebuild.Name];

    public static async Task<ProjectionRebuilt> RunAsync(string name, IDocumentStore store, TimeProvider time, CancellationToken ct)
    {
        var known = Names.FirstOrDefault(n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase))
            ?? throw new CatalogProblem(ErrorCode.BadUserInput, $"Unknown projection '{name}'. Known: {string.Join(", ", Names)}.");

        switch (known)
        {
            case nameof(FileListing):
                await FileListingRebuild.RunAsync(store, null, ct);
                break;
            case AuditTrailProjection.Name:
                await AuditTrailRebuild.RunAsync(store, null, ct);
                break;
            case OwnerUsageProjection.Name:
                await OwnerUsageRebuild.RunAsync(store, ct);
                break;
            case nameof(SyncRunSummary):
                await SyncRunSummaryRebuild.RunAsync(store, null, ct);
                break;
            case OpenUploadRebuild.Name:
                await OpenUploadRebuild.RunAsync(store, null, ct);
                break;
            default:
                throw new InvalidOperationException($"No rebuild for the projection '{known}'.");
        }
        return new ProjectionRebuilt(known, time.GetUtcNow());
    }
}
