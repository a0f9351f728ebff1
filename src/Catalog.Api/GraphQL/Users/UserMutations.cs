using Catalog.Api.Auth;
using Catalog.Api.Users;
using GraphQL;
using Marten;

namespace Catalog.Api.GraphQL;

public sealed partial class Mutation
{
    [GraphQLMetadata(Description = "Creates an account and returns a token for it.")]
    [Scoped]
    public static async Task<AuthPayload?> SignUp(
        IResolveFieldContext context, CredentialsInput input, [FromServices] IDocumentSession session,
        [FromServices] PasswordHashing passwords, [FromServices] RoleGrants grants, [FromServices] TokenIssuer tokens,
        [FromServices] TimeProvider time) =>
        await Users.SignUp.Handle(input, session, passwords, grants, tokens, time, context.CancellationToken);

    [GraphQLMetadata(Description = "Returns a token for an existing account.")]
    [Scoped]
    public static async Task<AuthPayload?> LogIn(
        IResolveFieldContext context, CredentialsInput input, [FromServices] IDocumentSession session,
        [FromServices] PasswordHashing passwords, [FromServices] RoleGrants grants, [FromServices] TokenIssuer tokens) =>
        await Users.LogIn.Handle(input, session, passwords, grants, tokens, context.CancellationToken);
}
