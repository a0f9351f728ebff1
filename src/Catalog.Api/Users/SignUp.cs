using Catalog.Api.Auth;
using Catalog.Api.Errors;
using Catalog.Domain.Users;
using Marten;
using Npgsql;

namespace Catalog.Api.Users;

public static class SignUp
{
    public static async Task<AuthPayload> Handle(
        CredentialsInput input, IDocumentSession session, PasswordHashing passwords, RoleGrants grants,
        TokenIssuer tokens, TimeProvider time, CancellationToken ct)
    {
        BuiltInAccounts.ThrowUnlessOffered(tokens);
        if (Credentials.ValidateForSignUp(input.Email, input.Password) is { } error)
            throw CatalogProblem.From(error);

        var email = Credentials.NormalizeEmail(input.Email);
        if (await session.Query<UserAccount>().AnyAsync(u => u.Email == email, ct))
            throw EmailTaken();

        var user = new UserAccount(Guid.CreateVersion7(time.GetUtcNow()), email, passwords.Hash(input.Password), [], time.GetUtcNow());
        session.Insert(user);
        try
        {
            await session.SaveChangesAsync(ct);
        }
        // Marten reports it as DocumentAlreadyExistsException for an insert, or MartenCommandException; either wraps it.
        catch (Exception e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // Two sign-ups with one email at the same time: the unique index decides.
            throw EmailTaken();
        }

        var roles = grants.RolesOf(user);
        var token = tokens.Issue(user, roles);
        return new AuthPayload(token.Token, token.ExpiresAt, new UserView(user.Id, user.Email, roles));
    }

    private static CatalogProblem EmailTaken() =>
        new(ErrorCode.Conflict, "An account with this email already exists.");
}
