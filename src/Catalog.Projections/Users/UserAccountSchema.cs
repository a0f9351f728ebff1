using Catalog.Domain.Users;
using Marten;

namespace Catalog.Projections.Users;

internal static class UserAccountSchema
{
    public static void ConfigureUserAccounts(this StoreOptions options) =>
        options.Schema.For<UserAccount>().UniqueIndex(x => x.Email);
}
