using System.Buffers.Text;
using System.Text;
using Catalog.Api.Errors;
using Catalog.Api.Files.Listing;
using Catalog.Api.Paging;
using Catalog.Domain.Files;
using Catalog.Projections.FileListing;

namespace Catalog.IntegrationTests.Paging;

/// <summary>
/// The cursor text is a contract with clients that keep cursors between requests: it must stay
/// <c>kind:tag:id:key</c> in base64url, whichever way it is built.
/// </summary>
public sealed class KeysetCursorTests
{
    private static readonly Guid Id = Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e");

    private static string Text(string cursor) => Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor));

    [Theory]
    [InlineData(0L, "0")]
    [InlineData(-42L, "-42")]
    [InlineData(long.MaxValue, "9223372036854775807")]
    public void A_number_key_is_written_in_invariant_digits(long key, string digits) =>
        Assert.Equal($"files:Size-Desc:0f8fad5bd9cb469fa16570867728950e:{digits}", Text(KeysetCursor.Pack("files", "Size-Desc", Id, key)));

    [Theory]
    [InlineData("report.pdf")]
    [InlineData("Übersicht – 日本語 🚀.txt")]
    [InlineData("a:b:c")]
    public void A_text_key_is_written_as_utf8(string name) =>
        Assert.Equal($"files:Name-Asc:0f8fad5bd9cb469fa16570867728950e:{name}", Text(KeysetCursor.Pack("files", "Name-Asc", Id, name)));

    [Fact]
    public void A_key_longer_than_the_stack_buffer_is_written_whole()
    {
        var name = string.Concat(Enumerable.Repeat("日本語-", 200)); // 1 600 UTF-8 bytes
        Assert.Equal($"files:Name-Desc:0f8fad5bd9cb469fa16570867728950e:{name}", Text(KeysetCursor.Pack("files", "Name-Desc", Id, name)));
    }

    [Fact]
    public void A_cursor_written_before_this_encoder_still_reads_back()
    {
        // As the earlier encoder wrote it: the interpolated text, UTF-8, base64url.
        var earlier = Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"files:Size-Desc:{Id:N}:1048576"));
        var order = new FileOrder { Field = FileSortField.Size, Direction = SortDirection.Desc };

        var position = FileCursor.Decode(order, earlier);

        Assert.NotNull(position);
        Assert.Equal(1048576L, position.Key);
        Assert.Equal(Id, position.Id);
        Assert.Equal(earlier, FileCursor.Encode(order, Listing(size: 1048576)));
    }

    [Theory]
    [InlineData(FileSortField.Name)]
    [InlineData(FileSortField.Size)]
    [InlineData(FileSortField.UploadedAt)]
    public void Every_order_reads_back_its_own_cursor_and_refuses_the_others(FileSortField field)
    {
        var file = Listing(size: 7);
        foreach (var direction in Enum.GetValues<SortDirection>())
        {
            var order = new FileOrder { Field = field, Direction = direction };
            var cursor = FileCursor.Encode(order, file);

            Assert.Equal(file.Id, FileCursor.Decode(order, cursor)!.Id);
            var others = from otherField in Enum.GetValues<FileSortField>()
                         from otherDirection in Enum.GetValues<SortDirection>()
                         where (otherField, otherDirection) != (field, direction)
                         select new FileOrder { Field = otherField, Direction = otherDirection };
            Assert.All(others, other => Assert.Throws<CatalogProblem>(() => FileCursor.Decode(other, cursor)));
        }
    }

    [Fact]
    public void A_moment_key_is_cut_to_the_microsecond_as_the_column_keeps_it()
    {
        var at = new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero).AddTicks(1234567);
        var order = new FileOrder { Field = FileSortField.UploadedAt, Direction = SortDirection.Desc };

        var position = FileCursor.Decode(order, FileCursor.Encode(order, Listing(size: 1) with { UploadedAt = at }));

        Assert.Equal(at.AddTicks(-7), position!.Key);
    }

    private static FileListing Listing(long size) => new()
    {
        Id = Id,
        OwnerId = Guid.NewGuid(),
        Name = "report.pdf",
        Size = size,
        ContentType = "application/pdf",
        Sha256 = new string('a', 64),
        Tier = StorageTier.Local,
        UploadedAt = new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero),
        LocalCopy = new StorageLocation("local", "key"),
    };
}
