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
        if (!Claimed(principal) || principal.Identity is not ClaimsIdentity identity)
            return principal;

        var held = await HeldAsync(principal.UserIdOrNull(), ct);
        // IsInRole matches the claim type without case, so a "Role" claim is a role claim too.
        var kept = identity.Claims.Where(c => !string.Equals(c.Type, identity.RoleClaimType, StringComparison.OrdinalIgnoreCase)
                                              || c.Value == Roles.User || held.Contains(c.Value));
        return new ClaimsPrincipal(new ClaimsIdentity(kept, identity.AuthenticationType, identity.NameClaimType, identity.RoleClaimType));
    }

    /// <summary>Whether the principal claims a role beyond <c>user</c>: only such a principal costs a read to confirm.</summary>
    public static bool Claimed(ClaimsPrincipal principal) =>
        principal.Identity is ClaimsIdentity identity
        && identity.FindAll(identity.RoleClaimType).Any(claim => claim.Value != Roles.User);

    /// <summary>Whether the account still holds every role beyond <c>user</c> the principal claims: one read by id.</summary>
    public async Task<bool> StillHeldAsync(ClaimsPrincipal principal, CancellationToken ct)
    {
        if (!Claimed(principal) || principal.Identity is not ClaimsIdentity identity)
            return true;
        var held = await HeldAsync(principal.UserIdOrNull(), ct);
        return identity.FindAll(identity.RoleClaimType).All(c => c.Value == Roles.User || held.Contains(c.Value));
    }

    private async Task<IReadOnlyList<string>> HeldAsync(Guid? userId, CancellationToken ct)
    {
        if (userId is not { } id)
            return [];
        await using var session = store.QuerySession();
        return await session.LoadAsync<UserAccount>(id, ct) is { } account ? grants.RolesOf(account) : [];
    }
}
