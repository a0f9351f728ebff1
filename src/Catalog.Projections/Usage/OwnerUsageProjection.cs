using Catalog.Domain.Files;
using Marten.Events.Projections;

namespace Catalog.Projections.Usage;

/// <summary>
/// Builds <see cref="OwnerUsage"/> inline from every file stream of an owner. Writers of these events hold the
/// owner's lock to their commit (uploads for the quota, purges too), so two commits never update one owner's
/// document at once (ADR 0068).
/// </summary>
public sealed class OwnerUsageProjection : MultiStreamProjection<OwnerUsage, Guid>
{
    public OwnerUsageProjection()
    {
        Identity<FileUploaded>(e => e.OwnerId);
        Identity<FilePurged>(e => e.OwnerId);
    }

    public static OwnerUsage Create(FileUploaded e) => new() { Id = e.OwnerId, Bytes = e.Size, Files = 1 };

    public static OwnerUsage Apply(FileUploaded e, OwnerUsage current) =>
        current with { Bytes = current.Bytes + e.Size, Files = current.Files + 1 };

    public static OwnerUsage Apply(FilePurged e, OwnerUsage current) =>
        current with { Bytes = current.Bytes - e.Size, Files = current.Files - 1 };
}
