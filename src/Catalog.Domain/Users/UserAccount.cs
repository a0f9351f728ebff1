namespace Catalog.Domain.Users;

/// <summary>A person who can log in. Roles granted here add to the ones configuration grants by email.</summary>
public sealed record UserAccount(
    Guid Id,
    string Email,
    string PasswordHash,
    IReadOnlyList<string> GrantedRoles,
    DateTimeOffset CreatedAt);

public static class Roles
{
    public const string User = "user";
    public const string Auditor = "auditor";
    public const string Admin = "admin";

    public static IReadOnlyList<string> All { get; } = [User, Auditor, Admin];

    public static bool IsKnown(string role) => All.Contains(role);
}
