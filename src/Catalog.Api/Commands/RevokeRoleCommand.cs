using Catalog.Api.Auth;
using Catalog.Api.Users;
using Catalog.Domain.Users;
using JasperFx.CommandLine;
using Marten;

namespace Catalog.Api.Commands;

[Description("Takes back a role (auditor or admin) the grant-role verb stored; tokens issued before lose it on their next request, and a WebSocket already open is closed (4403) at its next subscribe or within GraphQL:WebSockets:RoleCheckInterval", Name = "revoke-role")]
public sealed class RevokeRoleCommand : JasperFxAsyncCommand<GrantRoleInput>
{
    public RevokeRoleCommand() => Usage("Revoke a role").Arguments(x => x.Email, x => x.Role);

    public override async Task<bool> Execute(GrantRoleInput input)
    {
        if (!Roles.IsKnown(input.Role))
            return await GrantRoleCommand.UnknownRoleAsync(input.Role);
        using var host = input.BuildHost();
        var store = host.Services.GetRequiredService<IDocumentStore>();
        await using var session = store.LightweightSession();
        var user = await RevokeRole.Handle(input.Email, input.Role, session, CancellationToken.None);
        if (user is null)
        {
            await Console.Error.WriteLineAsync($"No user with email '{input.Email}'.");
            return false;
        }

        // Only the role lists are read: bound without the service's validation, the verb needs no signing key.
        var lists = host.Services.GetRequiredService<IConfiguration>().GetSection(AuthOptions.Section).Get<AuthOptions>();
        var roles = RoleGrants.RolesOf(user, lists ?? new AuthOptions());
        Console.WriteLine($"{user.Email} now has the roles: {string.Join(", ", roles)}.");
        if (roles.Contains(input.Role))
            Console.WriteLine($"The {input.Role} role still comes from configuration (Auth:Admins or Auth:Auditors); remove the email there.");
        return true;
    }
}
