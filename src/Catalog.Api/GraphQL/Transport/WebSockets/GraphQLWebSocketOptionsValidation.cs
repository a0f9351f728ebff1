using Microsoft.Extensions.Options;

namespace Catalog.Api.GraphQL.Transport.WebSockets;

internal sealed class GraphQLWebSocketOptionsValidation : IValidateOptions<GraphQLWebSocketOptions>
{
    public ValidateOptionsResult Validate(string? name, GraphQLWebSocketOptions options)
    {
        var failures = new List<string>();
        var prefix = GraphQLWebSocketOptions.Section;
        if (options.ConnectionInitTimeout <= TimeSpan.Zero)
            failures.Add($"{prefix}:ConnectionInitTimeout must be positive, got {options.ConnectionInitTimeout}.");
        if (options.KeepAliveInterval < TimeSpan.Zero)
            failures.Add($"{prefix}:KeepAliveInterval must be zero (off) or positive, got {options.KeepAliveInterval}.");
        if (options.KeepAliveTimeout < TimeSpan.Zero)
            failures.Add($"{prefix}:KeepAliveTimeout must be zero (off) or positive, got {options.KeepAliveTimeout}.");
        if (options.RoleCheckInterval <= TimeSpan.Zero || options.RoleCheckInterval > GraphQLWebSocketOptions.MaxRoleCheckInterval)
            failures.Add($"{prefix}:RoleCheckInterval must be positive and at most {GraphQLWebSocketOptions.MaxRoleCheckInterval}, got {options.RoleCheckInterval}.");
        if (options.MaxPendingMessages < 1)
            failures.Add($"{prefix}:MaxPendingMessages must be at least 1, got {options.MaxPendingMessages}.");
        if (options.MaxPendingBytes < 64 * 1024)
            failures.Add($"{prefix}:MaxPendingBytes must be at least 65536, got {options.MaxPendingBytes}.");
        if (options.MaxConnectionsPerUser < 1)
            failures.Add($"{prefix}:MaxConnectionsPerUser must be at least 1, got {options.MaxConnectionsPerUser}.");
        if (options.MaxAnonymousConnections < 0)
            failures.Add($"{prefix}:MaxAnonymousConnections must be zero (none) or more, got {options.MaxAnonymousConnections}.");
        if (options.MaxMessageBytes < 1024)
            failures.Add($"{prefix}:MaxMessageBytes must be at least 1024, got {options.MaxMessageBytes}.");
        if (options.MaxOperationsPerConnection < 1)
            failures.Add($"{prefix}:MaxOperationsPerConnection must be at least 1, got {options.MaxOperationsPerConnection}.");
        else if ((long)options.MaxOperationsPerConnection * GraphQLWebSocketOptions.PendingMessagesPerOperation is var burst
                 && options.MaxPendingMessages < burst)
            failures.Add($"{prefix}:MaxPendingMessages must be at least {GraphQLWebSocketOptions.PendingMessagesPerOperation} × MaxOperationsPerConnection " +
                         $"({burst}), got {options.MaxPendingMessages}: a few events reaching every operation at once would close a client that reads promptly.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
