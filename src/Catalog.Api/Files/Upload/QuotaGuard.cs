using Catalog.Api.Errors;
using Catalog.Domain.Files;
using Catalog.Projections.Usage;
using Catalog.Sync.Locking;
using Marten;
using Npgsql;

namespace Catalog.Api.Files.Upload;

/// <summary>
/// The last quota check of an upload, inside its commit: after the batch has added the file to the owner's usage row,
/// before the transaction commits (ADR 0076). That increment keeps the row locked to the commit, so the usage read here
/// holds every committed file of the owner and this one, and two uploads at the quota's edge cannot both pass. A refusal
/// throws, and nothing of the commit is kept.
/// </summary>
/// <remarks>
/// The owner's advisory lock is taken first, the one a begin holds from its reads to its commit (BeginUpload, ADR 0017):
/// a whole upload and a begin racing for the last room cannot both pass, and a completion, which moves its bytes from the
/// open uploads to the usage, never commits between a begin's read of the one and of the other.
/// </remarks>
/// <param name="openUploadsExpiredBefore">
/// For a file sent whole: the room the owner's open direct uploads hold (those expiring after this) is left to them.
/// Null for a completion, whose own room it is.
/// </param>
public sealed class QuotaGuard(Guid ownerId, long size, Quota quota, DateTimeOffset? openUploadsExpiredBefore = null) : ITransactionParticipant
{
    /// <summary>Has the session's next commit check the quota; the commit must add this one file to the owner's usage.</summary>
    public static void Enlist(IDocumentSession session, Guid ownerId, long size, Quota quota, DateTimeOffset? openUploadsExpiredBefore = null)
    {
        var registrar = session as ITransactionParticipantRegistrar
                        ?? throw new InvalidOperationException($"{session.GetType()} takes no part in its commit's transaction.");
        registrar.AddTransactionParticipant(new QuotaGuard(ownerId, size, quota, openUploadsExpiredBefore));
    }

    public async Task BeforeCommitAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken token)
    {
        var (withThisFile, open) = await RoomTaken.InCommitAsync(
            connection, transaction, ownerId, StreamLocks.KeyOf(ownerId), openUploadsExpiredBefore, token);
        var before = new Usage(withThisFile.Bytes - size, withThisFile.Files - 1);
        CatalogProblem.ThrowIfRefused(open is null
            ? QuotaDecisions.Check(before, size, quota)
            : OpenUploadDecisions.CheckUpload(before, open, size, quota));
    }
}
