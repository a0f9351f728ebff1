using Catalog.Projections;
using JasperFx;
using JasperFx.Events;
using Marten;
using Npgsql;

namespace Catalog.Bench;

/// <summary>A Marten store configured exactly as the service's (CatalogStore.ConfigureCatalog), on the bench database.</summary>
public static class BenchStore
{
    /// <summary>
    /// Marten, used without the service's host, creates the listing's trigram index before the extension it needs (the
    /// service's start-up creates them in order). A run of P4 or P5 without an API row before them starts on an empty
    /// database, so the extension comes first.
    /// </summary>
    public static async Task PrepareAsync(BenchSettings s)
    {
        await using var connection = new NpgsqlConnection(s.Postgres);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("create extension if not exists pg_trgm", connection);
        await command.ExecuteNonQueryAsync();
    }

    public static DocumentStore Create(BenchSettings s) => DocumentStore.For(options =>
    {
        options.Connection(CatalogConnection.WithPreparedStatements(s.Postgres));
        options.ConfigureCatalog();
        options.AutoCreateSchemaObjects = AutoCreate.CreateOrUpdate;
    });

    /// <summary>
    /// The same event store settings (Rich appends, microsecond clock, metadata columns) with no projection at all, in a
    /// schema of its own: a diagnostic for P4 that shows what appending costs before any read model is written.
    /// </summary>
    public static DocumentStore CreateEventsOnly(BenchSettings s) => DocumentStore.For(options =>
    {
        options.Connection(CatalogConnection.WithPreparedStatements(s.Postgres));
        options.DatabaseSchemaName = "bench_events_only";
        options.Events.StreamIdentity = StreamIdentity.AsGuid;
        options.Events.AppendMode = EventAppendMode.Rich;
        options.Events.TimeProvider = new MicrosecondTimeProvider(TimeProvider.System);
        options.Events.MetadataConfig.CorrelationIdEnabled = true;
        options.Events.MetadataConfig.CausationIdEnabled = true;
        options.Events.MetadataConfig.HeadersEnabled = true;
        options.Events.MetadataConfig.UserNameEnabled = true;
        options.AutoCreateSchemaObjects = AutoCreate.CreateOrUpdate;
    });
}
