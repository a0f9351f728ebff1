using System.Text;
using System.Text.Json;
using Catalog.Domain.Files;
using Catalog.Domain.Sync;
using Catalog.Projections;
using Catalog.Projections.FileListing;
using Marten;

namespace Catalog.IntegrationTests.Persistence;

/// <summary>
/// The catalog's serializer writes the documents and events already stored exactly as Marten's default did, and reads
/// them back the same (ADR 0103): a converter that changed one byte would split the stored data in two shapes.
/// </summary>
public sealed class StoredJsonTests
{
    private static readonly ISerializer Default = new StoreOptions().Serializer();
    private static readonly ISerializer Catalog = new StoreOptions().ConfigureCatalog().Serializer();

    private static readonly FileListing Listing = new()
    {
        Id = Guid.NewGuid(),
        OwnerId = Guid.NewGuid(),
        Name = "Übersicht \"Q3\".pdf",
        Size = 1_048_576,
        ContentType = "application/pdf",
        Sha256 = new string('c', 64),
        Tier = StorageTier.LocalAndCloud,
        UploadedAt = DateTimeOffset.Parse("2026-11-30T12:00:00.123456+00:00"),
        SyncedAt = DateTimeOffset.Parse("2026-12-01T00:00:03+00:00"),
        LocalCopy = new StorageLocation("catalog-local", "files/ab/cd/\u00e9t\u00e9"),
        CloudCopy = new StorageLocation("catalog-cloud", "files/ab/cd"),
        Version = 3,
    };

    [Fact]
    public void A_listing_is_written_byte_for_byte_as_before()
    {
        var json = Catalog.ToJson(Listing);

        Assert.Equal(Default.ToJson(Listing), json);
        Assert.Contains("\"LocalCopy\":{\"Bucket\":\"catalog-local\",\"ObjectKey\":", json);
    }

    [Fact]
    public void A_listing_without_a_cloud_copy_keeps_its_null()
    {
        var local = Listing with { CloudCopy = null, Tier = StorageTier.Local };

        Assert.Equal(Default.ToJson(local), Catalog.ToJson(local));
        Assert.Null(Read<FileListing>(Catalog, Default.ToJson(local)).CloudCopy);
    }

    [Fact]
    public void What_was_stored_before_reads_back_equal()
    {
        Assert.Equal(Listing, Read<FileListing>(Catalog, Default.ToJson(Listing)));

        var uploaded = new FileUploaded(Listing.Id, Listing.OwnerId, Listing.Name, Listing.ContentType, Listing.Size, Listing.Sha256,
            Listing.LocalCopy, Listing.OwnerId, Listing.UploadedAt);
        Assert.Equal(Default.ToJson(uploaded), Catalog.ToJson(uploaded));
        Assert.Equal(uploaded, Read<FileUploaded>(Catalog, Default.ToJson(uploaded)));
    }

    [Theory]
    [InlineData("{{\"Extra\":{{\"a\":[1,2]}},\"Bucket\":\"{0}\",\"ObjectKey\":\"{1}\"}}")]
    [InlineData("{{\"ObjectKey\":\"{1}\",\"Bucket\":\"{0}\"}}")]
    [InlineData("{{\"ObjectKey\":\"{1}\",\"Extra\":null,\"Bucket\":\"{0}\"}}")]
    public void A_location_with_members_in_another_order_or_unknown_ones_still_reads(string format)
    {
        var location = string.Format(System.Globalization.CultureInfo.InvariantCulture, format, Listing.LocalCopy!.Bucket,
            JsonEncodedText.Encode(Listing.LocalCopy.ObjectKey));
        var json = WithMember(Listing, "LocalCopy", location);

        Assert.Equal(Listing.LocalCopy, Read<FileListing>(Catalog, json).LocalCopy);
    }

    [Theory]
    [InlineData("{\"Bucket\":\"b\"}")]
    [InlineData("{\"ObjectKey\":\"k\"}")]
    [InlineData("{}")]
    public void A_location_missing_a_member_reads_as_the_default_read_it(string location)
    {
        var json = WithCloudCopy(location);

        Assert.Equal(Read<FileListing>(Default, json).CloudCopy, Read<FileListing>(Catalog, json).CloudCopy);
    }

    [Theory]
    [InlineData("\"b/k\"")]
    [InlineData("[\"b\",\"k\"]")]
    [InlineData("{\"Bucket\":\"b\",\"ObjectKey\":\"k\"")]
    public void A_location_that_is_not_an_object_is_refused_as_the_default_refused_it(string location)
    {
        var json = WithCloudCopy(location);

        Assert.ThrowsAny<JsonException>(() => Read<FileListing>(Default, json));
        Assert.ThrowsAny<JsonException>(() => Read<FileListing>(Catalog, json));
    }

    private static string WithCloudCopy(string location) => WithMember(Listing with { CloudCopy = null }, "CloudCopy", location);

    /// <summary>The listing as stored, with one member's value replaced by the given text, well-formed or not.</summary>
    private static string WithMember(FileListing listing, string member, string value)
    {
        var json = Default.ToJson(listing);
        var written = JsonSerializer.Serialize(JsonDocument.Parse(json).RootElement.GetProperty(member));
        var before = $"\"{member}\":{written}";
        Assert.Equal(1, json.Split(before).Length - 1);
        return json.Replace(before, $"\"{member}\":{value}", StringComparison.Ordinal);
    }

    [Fact]
    public void A_batch_recorded_before_files_deleted_meanwhile_were_counted_reads_that_count_as_zero()
    {
        var runId = Guid.NewGuid();
        var json = $$"""{"RunId":"{{runId}}","Batch":2,"Tried":3,"Synced":2,"Failed":0,"Bytes":8192,"LastFileId":null,"CompletedAt":"2026-11-30T00:00:05+00:00"}""";

        Assert.Equal(new SyncBatchCompleted(runId, 2, 3, 2, 0, 8192, null, DateTimeOffset.Parse("2026-11-30T00:00:05+00:00"), DeletedMeanwhile: 0),
            Read<SyncBatchCompleted>(Catalog, json));
    }

    private static T Read<T>(ISerializer serializer, string json) =>
        serializer.FromJson<T>(new MemoryStream(Encoding.UTF8.GetBytes(json)));
}
