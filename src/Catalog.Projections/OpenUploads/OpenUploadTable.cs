using Npgsql;

namespace Catalog.Projections.OpenUploads;

/// <summary>The open uploads' rows read inside a commit's own transaction, where no Marten session is at hand.</summary>
public static class OpenUploadTable
{
    private static readonly string SumOfOwner =
        $"select count(*), coalesce(sum((data ->> '{nameof(OpenUpload.Size)}')::bigint), 0)::bigint " +
        $"from {CatalogStore.SchemaName}.mt_doc_{nameof(OpenUpload).ToLowerInvariant()} " +
        $"where owner_id = $1 and (data ->> '{nameof(OpenUpload.ExpiresAt)}')::timestamptz > $2";

    /// <summary>The owner's open uploads that expire after <paramref name="expiredBefore"/>, as <paramref name="transaction"/> sees them.</summary>
    public static async Task<Catalog.Domain.Files.OpenUploads> OfAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, Guid ownerId, DateTimeOffset expiredBefore, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(SumOfOwner, connection, transaction)
        {
            Parameters = { new() { Value = ownerId }, new() { Value = expiredBefore.ToUniversalTime() } },
        };
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return new Catalog.Domain.Files.OpenUploads((int)reader.GetInt64(0), reader.GetInt64(1));
    }
}
