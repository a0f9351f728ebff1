using Catalog.Domain.Users;
using Microsoft.Extensions.Options;

namespace Catalog.Api.Auth;

/// <summary>A user's roles: always <c>user</c>, plus what configuration grants by email and what the grant-role verb stored.</summary>
public sealed class RoleGrants(IOptionsMonitor<AuthOptions> options)
{
    public IReadOnlyList<string> RolesOf(UserAccount user) => RolesOf(user, options.CurrentValue);

    public static IReadOnlyList<string> RolesOf(UserAccount user, AuthOptions settings)
    {
        var roles = new SortedSet<string>(StringComparer.Ordinal) { Roles.User };
        if (settings.Admins.Any(email => Credentials.NormalizeEmail(email) == user.Email))
            roles.Add(Roles.Admin);
        if (settings.Auditors.Any(email => Credentials.NormalizeEmail(email) == user.Email))
            roles.Add(Roles.Auditor);
        roles.UnionWith(user.GrantedRoles.Where(Roles.IsKnown));
        return roles.ToList();
    }
}
