using Catalog.Domain.Files;

namespace Catalog.Api.Files.Listing;

public sealed class FileFilter
{
    public string? NameContains { get; set; }
    public StorageTier? Tier { get; set; }
}

public enum FileSortField
{
    UploadedAt,
    Name,
    Size,
}

public enum SortDirection
{
    Asc,
    Desc,
}

public sealed class FileOrder
{
    public FileSortField Field { get; set; } = FileSortField.UploadedAt;
    public SortDirection Direction { get; set; } = SortDirection.Desc;
}
