using Catalog.Domain.Users;
using Marten;

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

        user = user with { GrantedRoles = [.. user.GrantedRoles, role] };
        session.Store(user);
        await session.SaveChangesAsync(ct);
        return user;
    }
}
