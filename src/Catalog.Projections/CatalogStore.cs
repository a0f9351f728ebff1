using Catalog.Projections.FileListing;
using Catalog.Projections.Files;
using Catalog.Projections.Users;
using JasperFx.Events;
using Marten;

namespace Catalog.Projections;

/// <summary>The one place that says how the catalog is stored in Marten: streams, metadata, projections, documents.</summary>
public static class CatalogStore
{
    public const string SchemaName = "catalog";

    public static StoreOptions ConfigureCatalog(this StoreOptions options)
    {
        options.DatabaseSchemaName = SchemaName;
        options.Events.StreamIdentity = StreamIdentity.AsGuid;

        // Who did it, and from which request, travels with every event: the audit trail reads it
        // and the tamper-evident chain will keep its hashes in the headers.
        options.Events.MetadataConfig.CorrelationIdEnabled = true;
        options.Events.MetadataConfig.CausationIdEnabled = true;
        options.Events.MetadataConfig.HeadersEnabled = true;
        options.Events.MetadataConfig.UserNameEnabled = true;

        options.ConfigureStoredFiles();
        options.ConfigureFileListing();
        options.ConfigureUserAccounts();
        return options;
    }
}
