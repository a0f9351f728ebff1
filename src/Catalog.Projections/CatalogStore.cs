using Catalog.Projections.Aggregates;
using Catalog.Projections.AuditTrail;
using Catalog.Projections.FileListing;
using Catalog.Projections.OpenUploads;
using Catalog.Projections.Serialization;
using Catalog.Projections.SyncRuns;
using Catalog.Projections.Usage;
using Catalog.Projections.Users;
using JasperFx.Events;
using Marten;
using Weasel.Core;

namespace Catalog.Projections;

/// <summary>The one place that says how the catalog is stored in Marten: streams, metadata, projections, documents.</summary>
public static class CatalogStore
{
    public const string SchemaName = "catalog";

    /// <summary>Events per page when the daemon rebuilds an inline projection (Marten's default is 500; ADR 0064).</summary>
    internal const int RebuildPageSize = 2000;

    public static StoreOptions ConfigureCatalog(this StoreOptions options, TimeProvider? clock = null)
    {
        options.DatabaseSchemaName = SchemaName;
        // Marten's defaults (enums as integers, names as declared), plus a converter that reads the same JSON with
        // fewer allocations (ADR 0103).
        options.UseSystemTextJsonForSerialization(EnumStorage.AsInteger, Casing.Default,
            json => json.Converters.Add(new StorageLocationJsonConverter()));
        options.Events.StreamIdentity = StreamIdentity.AsGuid;
        // Rich appends give inline projections the event's global sequence (the audit trail's order and cursor)
        // and the timestamp that is stored, so a rebuild reproduces what was projected live (ADR 0011).
        options.Events.AppendMode = EventAppendMode.Rich;
        options.Events.TimeProvider = new MicrosecondTimeProvider(clock ?? TimeProvider.System);

        // The columns exist from the first event on, so adding a writer of them later needs no migration of the events
        // table. The audit trail reads the user name; correlation and causation ids are not set yet (ADR 0008).
        options.Events.MetadataConfig.CorrelationIdEnabled = true;
        options.Events.MetadataConfig.CausationIdEnabled = true;
        options.Events.MetadataConfig.HeadersEnabled = true;
        options.Events.MetadataConfig.UserNameEnabled = true;

        options.ConfigureWriteModels();
        options.ConfigureFileListing();
        options.ConfigureAuditTrail();
        options.ConfigureUserAccounts();
        options.ConfigureSyncRuns();
        options.ConfigureOpenUploads();
        // Inline projections write in the order they are added. The usage increment locks the owner's row until the
        // commit, so it goes last: parallel commits of one owner then wait for each other's commit, not for each
        // other's listing and trail rows (ADR 0081).
        options.ConfigureOwnerUsage();
        return options;
    }
}
