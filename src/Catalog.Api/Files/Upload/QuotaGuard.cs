using Catalog.Api.Errors;
using Catalog.Domain.Files;
using Catalog.Projections.Usage;
using Marten;
using Npgsql;

namespace Catalog.Api.Files.Upload;

/// <summary>
/// The last quota check of an upload, inside its commit: after the batch has added the file to the owner's usage row,
/// before the transaction commits (ADR 0076). That increment keeps the row locked to the commit, so the usage read here
/// holds every committed file of the owner and this one, and two uploads at the quota's edge cannot both pass. A refusal
/// throws, and nothing of the commit is kept.
/// </summary>
public sealed class QuotaGuard(Guid ownerId, long size, Quota quota) : ITransactionParticipant
{
    /// <summary>Has the session's next commit check the quota; the commit must add this one file to the owner's usage.</summary>
    public static void Enlist(IDocumentSession session, Guid ownerId, long size, Quota quota)
    {
        var registrar = session as ITransactionParticipantRegistrar
                        ?? throw new InvalidOperationException($"{session.GetType()} takes no part in its commit's transaction.");
        registrar.AddTransactionParticipant(new QuotaGuard(ownerId, size, quota));
    }

    public async Task BeforeCommitAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken token)
    {
        var withThisFile = await OwnerUsageTable.OfAsync(connection, transaction, ownerId, token);
        var before = new Usage(withThisFile.Bytes - size, withThisFile.Files - 1);
        CatalogProblem.ThrowIfRefused(QuotaDecisions.Check(before, size, quota));
    }
}
