using Catalog.Api.Users;
using Catalog.Domain.Users;
using JasperFx.CommandLine;
using Marten;

namespace Catalog.Api.Commands;

public sealed class GrantRoleInput : NetCoreInput
{
    [Description("The user's email")]
    public string Email { get; set; } = "";

    [Description("The role: auditor or admin")]
    public string Role { get; set; } = "";
}

[Description("Grants a role (auditor or admin) to an existing user; it takes effect at the user's next log-in", Name = "grant-role")]
public sealed class GrantRoleCommand : JasperFxAsyncCommand<GrantRoleInput>
{
    public GrantRoleCommand() => Usage("Grant a role").Arguments(x => x.Email, x => x.Role);

    public override async Task<bool> Execute(GrantRoleInput input)
    {
        if (!Roles.IsKnown(input.Role))
            return await UnknownRoleAsync(input.Role);
        using var host = input.BuildHost();
        var store = host.Services.GetRequiredService<IDocumentStore>();
        await using var session = store.LightweightSession();
        var user = await GrantRole.Handle(input.Email, input.Role, session, CancellationToken.None);
        if (user is null)
        {
            await Console.Error.WriteLineAsync($"No user with email '{input.Email}'. Sign up first.");
            return false;
        }

        Console.WriteLine($"{user.Email} now has the roles: {string.Join(", ", user.GrantedRoles.Prepend("user"))}.");
        return true;
    }

    /// <summary>One line for the operator, not the argument check's stack trace.</summary>
    internal static async Task<bool> UnknownRoleAsync(string role)
    {
        await Console.Error.WriteLineAsync($"Unknown role '{role}'. Known roles: {string.Join(", ", Roles.All)}.");
        return false;
    }
}
