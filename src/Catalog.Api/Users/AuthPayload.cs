namespace Catalog.Api.Users;

public sealed record UserView(Guid Id, string Email, IReadOnlyList<string> Roles);

public sealed record AuthPayload(string Token, DateTimeOffset ExpiresAt, UserView User);

public sealed record CredentialsInput(string Email, string Password);
