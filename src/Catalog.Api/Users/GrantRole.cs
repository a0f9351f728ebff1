using Catalog.Domain.Users;
using Marten;
using Marten.Patching;

namespace Catalog.Api.Users;

/// <summary>Stores a role on a user's account; used by the <c>grant-role</c> command-line verb.</summary>
public static class GrantRole
{
    public static async Task<UserAccount?> Handle(string email, string role, IDocumentSession session, CancellationToken ct)
    {
        if (!Roles.IsKnown(role))
            throw new ArgumentException($"Unknown role '{role}'. Known roles: {string.Join(", ", Roles.All)}.", nameof(role));

        var normalized = Credentials.NormalizeEmail(email);
        var user = await session.Query<UserAccount>().SingleOrDefaultAsync(u => u.Email == normalized, ct);
        if (user is null || user.GrantedRoles.Contains(role))
            return user;

        // A patch of the one list, not the account written back whole: a grant or a log-in's rehash running meanwhile
        // would otherwise write over, or be written over by, this one.
        session.Patch<UserAccount>(user.Id).AppendIfNotExists(u => u.GrantedRoles, role);
        await session.SaveChangesAsync(ct);
        return user with { GrantedRoles = [.. user.GrantedRoles, role] };
    }
}
