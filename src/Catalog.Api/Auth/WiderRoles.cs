using System.Security.Claims;
using Catalog.Domain.Users;
using Marten;

namespace Catalog.Api.Auth;

/// <summary>
/// A built-in token's roles beyond <c>user</c>, confirmed against the account each time the token is taken: a role
/// revoked, or an email taken off a configuration list, ends at once rather than when the token expires (ADR 0009).
/// A plain user's token costs nothing; an auditor's or admin's, one read of the account by its id.
/// </summary>
public sealed class WiderRoles(IDocumentStore store, RoleGrants grants)
{
    public async Task<ClaimsPrincipal> ConfirmAsync(ClaimsPrincipal principal, CancellationToken ct)
    {
        if (principal.Identity is not ClaimsIdentity identity
            || !identity.FindAll(identity.RoleClaimType).Any(claim => claim.Value != Roles.User))
            return principal;

        var held = await HeldAsync(principal.UserIdOrNull(), ct);
        var kept = identity.Claims.Where(c => c.Type != identity.RoleClaimType || c.Value == Roles.User || held.Contains(c.Value));
        return new ClaimsPrincipal(new ClaimsIdentity(kept, identity.AuthenticationType, identity.NameClaimType, identity.RoleClaimType));
    }

    private async Task<IReadOnlyList<string>> HeldAsync(Guid? userId, CancellationToken ct)
    {
        if (userId is not { } id)
            return [];
        await using var session = store.QuerySession();
        return await session.LoadAsync<UserAccount>(id, ct) is { } account ? grants.RolesOf(account) : [];
    }
}
