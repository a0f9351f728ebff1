using Catalog.Domain.Users;
using Marten;
using Marten.Patching;

namespace Catalog.Api.Users;

/// <summary>
/// Takes a role stored on a user's account back; used by the <c>revoke-role</c> command-line verb. Tokens issued before
/// lose it on their next request (<c>WiderRoles</c>, ADR 0009), an open WebSocket at its next subscribe or role check;
/// a role configuration grants by email stays.
/// </summary>
public static class RevokeRole
{
    public static async Task<UserAccount?> Handle(string email, string role, IDocumentSession session, CancellationToken ct)
    {
        if (!Roles.IsKnown(role))
            throw new ArgumentException($"Unknown role '{role}'. Known roles: {string.Join(", ", Roles.All)}.", nameof(role));

        var normalized = Credentials.NormalizeEmail(email);
        var user = await session.Query<UserAccount>().SingleOrDefaultAsync(u => u.Email == normalized, ct);
        if (user is null || !user.GrantedRoles.Contains(role))
            return user;

        // A patch of the one list, as a grant is (GrantRole), which never stores a role twice.
        session.Patch<UserAccount>(user.Id).Remove(u => u.GrantedRoles, role);
        await session.SaveChangesAsync(ct);
        return user with { GrantedRoles = [.. user.GrantedRoles.Where(r => r != role)] };
    }
}
