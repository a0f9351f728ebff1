namespace Catalog.Domain.Files;

/// <summary>An owner's direct uploads begun and neither completed nor expired: how many, and the bytes they announced.</summary>
public sealed record OpenUploads(int Count, long Bytes);

public static class OpenUploadDecisions
{
    /// <summary>
    /// Whether one more direct upload of <paramref name="size"/> bytes may begin. Its staging object takes room in the
    /// local tier from the PUT until the upload ends, so open uploads count against the byte quota as if kept, and their
    /// number is bounded: otherwise an owner could stage any number of quota-sized objects (ADR 0017).
    /// </summary>
    public static DomainError? Admit(Usage usage, OpenUploads open, long size, Quota quota, int maxOpen)
    {
        if (open.Count >= maxOpen)
            return new DomainError(ErrorKind.QuotaExceeded,
                $"{open.Count} direct uploads are open, the most one owner may have; complete one or let it expire, then begin again.");
        return Fits(usage, open, size, quota);
    }

    /// <summary>
    /// Whether a file of <paramref name="size"/> bytes sent whole (<c>uploadFile</c>, the REST endpoint) fits beside what
    /// the owner keeps and what their open direct uploads hold: it may not take the room a begin was promised (ADR 0017).
    /// </summary>
    public static DomainError? CheckUpload(Usage usage, OpenUploads open, long size, Quota quota) =>
        QuotaDecisions.Check(usage, size, quota) ?? Fits(usage, open, size, quota);

    private static DomainError? Fits(Usage usage, OpenUploads open, long size, Quota quota) =>
        // Subtracted, not added, as in QuotaDecisions.Check: an announced size near long.MaxValue would wrap a sum around.
        size > quota.MaxBytes - usage.Bytes - open.Bytes
            ? new DomainError(ErrorKind.QuotaExceeded,
                $"The file does not fit in the quota: {usage.Bytes} of {quota.MaxBytes} bytes are used and " +
                $"{open.Count} open direct uploads hold {open.Bytes} more until they are completed or expire.")
            : null;
}
