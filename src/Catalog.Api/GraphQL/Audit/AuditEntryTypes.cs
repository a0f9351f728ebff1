using Catalog.Api.Paging;
using Catalog.Projections.AuditTrail;
using GraphQL.Types;

namespace Catalog.Api.GraphQL.Audit;

public sealed class AuditEntryType : AutoRegisteringObjectGraphType<AuditEntry>
{
    public AuditEntryType() => Name = "AuditEntry";
}

public sealed class AuditEntryConnectionType : AutoRegisteringObjectGraphType<Connection<AuditEntry>>
{
    public AuditEntryConnectionType() => Name = "AuditEntryConnection";
}

public sealed class AuditEntryEdgeType : AutoRegisteringObjectGraphType<Edge<AuditEntry>>
{
    public AuditEntryEdgeType() => Name = "AuditEntryEdge";
}
