namespace Catalog.Api.Audit;

/// <summary>The <see cref="AuditFilter"/> of the audit trail, applied to events as they arrive.</summary>
public static class LiveAuditFilter
{
    public static Func<FileEventView, bool> Matches(AuditFilter where)
    {
        where.ThrowIfRefused();
        return e =>
            (where.OwnerId is not { } owner || e.OwnerId == owner)
            && (where.ActorId is not { } actor || e.ActorId == actor)
            && (where.FileId is not { } file || e.FileId == file)
            && (where.Kinds is not { Count: > 0 } kinds || kinds.Contains(e.Kind))
            && (where.From is not { } from || e.At >= from)
            && (where.To is not { } to || e.At < to);
    }
}
