using System.Diagnostics;
using Catalog.Domain.Files;
using Catalog.Projections.FileListing;
using Marten;
using Npgsql;

namespace Catalog.Bench.Rows;

/// <summary>
/// P3: one page of <c>files(first: 50)</c>, filtered and sorted, for an owner of many files in a large table, against
/// the same page as one SQL statement on the projection table.
/// </summary>
public static class Listing
{
    private const string Query = """
        query($where: FileFilter, $order: FileOrder) {
          files(first: 50, where: $where, order: $order) { totalCount edges { node { id name size uploadedAt tier } } }
        }
        """;

    // What ListFiles asks Marten for, written by hand: owner, not deleted, name filter, size order with the id as
    // tie-breaker, the total count for the connection, 50 rows.
    private const string Sql = """
        select d.data, count(*) over() from catalog.mt_doc_filelisting as d
        where d.owner_id = $1 and d.deleted = false and d.name ilike $2
        order by d.size desc, d.id desc limit 50
        """;

    public static async Task<RowResult> RunAsync(BenchSettings s, ApiClient client, DocumentStore store)
    {
        var (owner, token) = await client.SignUpAsync();
        var seedSeconds = await SeedAsync(store, owner, s.ListingFiles, s.ListingOwnerFiles);
        await using (var connection = new NpgsqlConnection(s.Postgres))
        {
            await connection.OpenAsync();
            await using var analyze = new NpgsqlCommand("analyze catalog.mt_doc_filelisting", connection);
            await analyze.ExecuteNonQueryAsync();
        }

        var variables = new { where = new { nameContains = "report" }, order = new { field = "SIZE", direction = "DESC" } };
        var page = await client.GraphQLAsync(token, Query, variables);
        var total = page.GetProperty("files").GetProperty("totalCount").GetInt64();

        var api = await TimeAsync(s.ListingQueries, s.TimeBox, () => client.GraphQLAsync(token, Query, variables));

        await using var dataSource = NpgsqlDataSource.Create(s.Postgres);
        async Task RawAsync()
        {
            await using var command = dataSource.CreateCommand(Sql);
            command.Parameters.AddWithValue(owner);
            command.Parameters.AddWithValue("%report%");
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
                _ = reader.GetString(0);
        }
        var raw = await TimeAsync(s.ListingQueries, s.TimeBox, RawAsync);

        var apiP99 = Stats.Percentile(api, 99);
        var rawP99 = Stats.Percentile(raw, 99);
        var ratio = rawP99 / apiP99;
        return new RowResult(
            "P3",
            $"files(first: 50), nameContains + SIZE DESC, {s.ListingFiles:N0} files, owner holds {s.ListingOwnerFiles:N0}",
            $"p50 {Stats.F(Stats.Median(api))} ms, p99 {Stats.F(apiP99)} ms",
            $"SQL p50 {Stats.F(Stats.Median(raw))} ms, p99 {Stats.F(rawP99)} ms",
            ratio,
            "p99 ≤ 15 ms, ≤ 2× raw SQL",
            apiP99 <= 15 && apiP99 <= 2 * rawP99,
            $"ratio = SQL p99 / API p99 (1.0 = as fast as SQL; target ≥ 0.5); {api.Count} API and {raw.Count} SQL sequential queries (up to {s.ListingQueries}, at most {s.TimeBox.TotalSeconds:F0} s each) after 5 warm-ups, timed around the HTTP call on loopback; " +
            $"listing documents seeded directly with Marten BulkInsert ({Stats.F(seedSeconds)} s), not through uploads; page matches {total:N0} files",
            new Dictionary<string, object?> { ["apiMs"] = api, ["rawMs"] = raw, ["seedSeconds"] = seedSeconds, ["matching"] = total });
    }

    private static async Task<List<double>> TimeAsync(int count, TimeSpan timeBox, Func<Task> query)
    {
        for (var i = 0; i < 5; i++)
            await query();
        var times = new List<double>(count);
        var box = Stopwatch.StartNew();
        for (var i = 0; i < count && box.Elapsed < timeBox; i++)
        {
            var clock = Stopwatch.StartNew();
            await query();
            times.Add(clock.Elapsed.TotalMilliseconds);
        }
        return times;
    }

    private static async Task<double> SeedAsync(DocumentStore store, Guid owner, int total, int ownerFiles)
    {
        var clock = Stopwatch.StartNew();
        var others = Enumerable.Range(0, 1000).Select(_ => Guid.NewGuid()).ToArray();
        var start = DateTimeOffset.UtcNow.AddYears(-1);
        const int batch = 50_000;
        for (var offset = 0; offset < total; offset += batch)
        {
            var documents = Enumerable.Range(offset, Math.Min(batch, total - offset)).Select(i =>
            {
                var ownerId = i < ownerFiles ? owner : others[i % others.Length];
                var id = Guid.CreateVersion7(start.AddSeconds(i));
                var location = new StorageLocation("catalog-local", $"{ownerId:N}/{id:N}");
                return new FileListing
                {
                    Id = id,
                    OwnerId = ownerId,
                    Name = i % 2 == 0 ? $"report-{i:D7}.pdf" : $"photo-{i:D7}.jpg",
                    Size = 1024 + (i * 7919L % 50_000_000),
                    ContentType = i % 2 == 0 ? "application/pdf" : "image/jpeg",
                    Sha256 = new string('0', 64),
                    Tier = StorageTier.Local,
                    UploadedAt = start.AddSeconds(i),
                    LocalCopy = location,
                    Version = 1,
                };
            }).ToList();
            await store.BulkInsertDocumentsAsync(documents, batchSize: 10_000);
        }
        return clock.Elapsed.TotalSeconds;
    }
}
