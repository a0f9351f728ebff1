using Catalog.Api.Auth;
using Catalog.Api.Users;
using GraphQL;
using Microsoft.Extensions.Options;

namespace Catalog.Api.GraphQL;

public sealed partial class Query
{
    [Authorize]
    [GraphQLMetadata(Description = "The caller, as the token presents them.")]
    public static UserView Me(IResolveFieldContext context, [FromServices] IOptions<AuthOptions> auth)
    {
        var user = context.User!;
        return new UserView(
            user.RequireUserId(),
            user.FindFirst(CatalogClaims.Email)?.Value ?? "",
            user.RolesOf(auth.Value.RoleClaim));
    }
}
