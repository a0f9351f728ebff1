namespace Catalog.Api.Files.Download;

/// <summary>A URL that downloads the file's bytes straight from the tier that holds them, until it expires.</summary>
public sealed record DownloadTicket(string Url, DateTimeOffset ExpiresAt);
