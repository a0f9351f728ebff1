using System.Data.Common;
using Catalog.Api.Errors;
using Catalog.Domain.Files;
using Catalog.Projections.Usage;
using Catalog.Sync.Locking;
using Marten;
using Marten.Services;
using Marten.Storage;
using Weasel.Core;
using ICommandBuilder = Weasel.Postgresql.ICommandBuilder;
using IStorageOperation = Marten.Internal.Operations.IStorageOperation;
using IStorageSession = Weasel.Storage.IStorageSession;

namespace Catalog.Api.Files.Upload;

/// <summary>
/// The last quota check of an upload, inside its commit: after the batch has added the file to the owner's usage row,
/// before the transaction commits (ADR 0076). That increment keeps the row locked to the commit, so the usage read here
/// holds every committed file of the owner and this one, and two uploads at the quota's edge cannot both pass. A refusal
/// fails the batch, and nothing of the commit is kept.
/// </summary>
/// <remarks>
/// The owner's advisory lock is taken first, the one a begin holds from its reads to its commit (BeginUpload, ADR 0017):
/// a whole upload and a begin racing for the last room cannot both pass, and a completion, which moves its bytes from the
/// open uploads to the usage, never commits between a begin's read of the one and of the other. The check is the last
/// statement of the commit's own batch, so it costs no round trip of its own (ADR 0115).
/// </remarks>
/// <param name="openUploadsExpiredBefore">
/// For a file sent whole: the room the owner's open direct uploads hold (those expiring after this) is left to them.
/// Null for a completion, whose own room it is.
/// </param>
public sealed class QuotaGuard(Guid ownerId, long size, Quota quota, DateTimeOffset? openUploadsExpiredBefore = null) : IStorageOperation
{
    /// <summary>Has the session's next commit check the quota; the commit must add this one file to the owner's usage.</summary>
    public static void Enlist(IDocumentSession session, Guid ownerId, long size, Quota quota, DateTimeOffset? openUploadsExpiredBefore = null) =>
        session.Listeners.Add(new QueuedLast(new QuotaGuard(ownerId, size, quota, openUploadsExpiredBefore)));

    // Marten's own queued SQL names this type: the operation writes no document and needs no table of its own.
    public Type DocumentType => typeof(StorageFeatures);

    public OperationRole Role() => OperationRole.Other;

    public void ConfigureCommand(ICommandBuilder builder, IStorageSession session) =>
        RoomTaken.AppendInCommit(builder, ownerId, StreamLocks.KeyOf(ownerId), openUploadsExpiredBefore);

    public async Task PostprocessAsync(DbDataReader reader, IList<Exception> exceptions, CancellationToken token)
    {
        var (withThisFile, open) = await RoomTaken.ReadInCommitAsync(reader, openUploadsExpiredBefore is not null, token);
        var before = new Usage(withThisFile.Bytes - size, withThisFile.Files - 1);
        var refusal = open is null
            ? QuotaDecisions.Check(before, size, quota)
            : OpenUploadDecisions.CheckUpload(before, open, size, quota);
        if (refusal is not null)
            exceptions.Add(CatalogProblem.From(refusal)); // Marten rolls the batch back and throws it as it is
    }

    /// <summary>
    /// Queues the guard once the session's inline projections have queued their writes: operations run in the order they
    /// were queued, so it comes after the usage increment (ADR 0081).
    /// </summary>
    private sealed class QueuedLast(QuotaGuard guard) : DocumentSessionListenerBase
    {
        private bool queued;

        public override Task BeforeSaveChangesAsync(IDocumentSession session, CancellationToken token)
        {
            if (!queued)
            {
                queued = true;
                session.QueueOperation(guard);
            }
            return Task.CompletedTask;
        }
    }
}
