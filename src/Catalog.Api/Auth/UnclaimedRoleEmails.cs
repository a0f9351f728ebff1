using Catalog.Domain.Users;
using Marten;
using Microsoft.Extensions.Options;

namespace Catalog.Api.Auth;

/// <summary>
/// At start-up, warns of each email in <c>Auth:Admins</c> or <c>Auth:Auditors</c> that no account has yet. Emails are
/// not verified, so whoever signs up first with such an address gets its role: list addresses whose accounts exist,
/// or grant roles with the <c>grant-role</c> verb (ADR 0009).
/// </summary>
internal sealed partial class UnclaimedRoleEmails(
    IDocumentStore store, IOptions<AuthOptions> options, ILogger<UnclaimedRoleEmails> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (settings.Authority is not null)
            return; // roles come from the external issuer's tokens
        var listed = settings.Admins.Select(email => (Email: Credentials.NormalizeEmail(email), Role: Roles.Admin))
            .Concat(settings.Auditors.Select(email => (Email: Credentials.NormalizeEmail(email), Role: Roles.Auditor)))
            .ToList();
        if (listed.Count == 0)
            return;

        var emails = listed.Select(l => l.Email).Distinct().ToList();
        HashSet<string> existing;
        try
        {
            await using var session = store.QuerySession();
            existing = (await session.Query<UserAccount>().Where(u => emails.Contains(u.Email)).Select(u => u.Email).ToListAsync(cancellationToken))
                .ToHashSet(StringComparer.Ordinal);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            NotChecked(logger, e.Message); // a warning's check must not stop the service from starting
            return;
        }
        foreach (var (email, role) in listed.Where(l => !existing.Contains(l.Email)))
            Unclaimed(logger, email, role);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "{Email} is configured for the {Role} role but has no account yet: emails are not verified, so whoever signs up first with it gets the role")]
    private static partial void Unclaimed(ILogger logger, string email, string role);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not check which role emails have accounts: {Reason}")]
    private static partial void NotChecked(ILogger logger, string reason);
}
