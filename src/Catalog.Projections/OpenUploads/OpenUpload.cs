namespace Catalog.Projections.OpenUploads;

/// <summary>
/// A direct upload begun and neither completed nor expired: what its owner may still PUT to the local tier. Begin counts
/// an owner's rows against the quota (ADR 0017).
/// </summary>
public sealed record OpenUpload
{
    public Guid Id { get; init; }
    public Guid OwnerId { get; init; }
    public long Size { get; init; }
    public DateTimeOffset ExpiresAt { get; init; }
}
