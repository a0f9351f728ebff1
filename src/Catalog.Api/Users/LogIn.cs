using Catalog.Api.Auth;
using Catalog.Api.Errors;
using Catalog.Domain.Users;
using Marten;
using Marten.Patching;
using Microsoft.AspNetCore.Identity;

namespace Catalog.Api.Users;

public static class LogIn
{
    public static async Task<AuthPayload> Handle(
        CredentialsInput input, IDocumentSession session, PasswordHashing passwords, RoleGrants grants,
        TokenIssuer tokens, CancellationToken ct)
    {
        BuiltInAccounts.ThrowUnlessOffered(tokens);
        var email = Credentials.NormalizeEmail(input.Email);
        var user = await session.Query<UserAccount>().SingleOrDefaultAsync(u => u.Email == email, ct);

        var verification = passwords.Verify(user, input.Password);
        if (user is null || verification == PasswordVerificationResult.Failed)
            throw new CatalogProblem(ErrorCode.Unauthenticated, "The email or the password is wrong.");

        if (verification == PasswordVerificationResult.SuccessRehashNeeded)
        {
            // Also a hash of the password as sent before passwords were normalised: it becomes one of the normalised form.
            // The hash alone: the account written back whole would drop a role granted since it was read.
            session.Patch<UserAccount>(user.Id).Set(u => u.PasswordHash, passwords.Hash(input.Password));
            await session.SaveChangesAsync(ct);
        }

        var roles = grants.RolesOf(user);
        var token = tokens.Issue(user, roles);
        return new AuthPayload(token.Token, token.ExpiresAt, new UserView(user.Id, user.Email, roles));
    }
}
