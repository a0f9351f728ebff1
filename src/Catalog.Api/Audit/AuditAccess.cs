using System.Security.Claims;
using Catalog.Api.Auth;
using Catalog.Domain.Users;

namespace Catalog.Api.Audit;

/// <summary>Auditors and admins read every user's history; a user reads only the history of their own files.</summary>
public static class AuditAccess
{
    public static bool ReadsEveryone(ClaimsPrincipal user) => user.IsInRole(Roles.Auditor) || user.IsInRole(Roles.Admin);

    public static bool CanRead(ClaimsPrincipal user, Guid ownerId) => ReadsEveryone(user) || user.RequireUserId() == ownerId;
}
