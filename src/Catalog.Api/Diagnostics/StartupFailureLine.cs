using System.Net.Sockets;
using Catalog.Sync.Storage;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Npgsql;
using Serilog.Core;
using Serilog.Events;
using Serilog.Parsing;

namespace Catalog.Api.Diagnostics;

/// <summary>
/// Writes the host's "Hosting failed to start" as one line naming the cause when the cause lies outside the code: a
/// Postgres that cannot be reached or refuses the connection, settings that are missing, invalid or not of their type,
/// a listening address that is not a URL or is in use, a local tier that does not answer at start.
/// The host logs those with some twenty lines of stack that say nothing about them. Any other failure keeps its stack:
/// a Postgres error about the schema or a query is the code's, and so is a failure beside a bad setting.
/// </summary>
public sealed class StartupFailureLine(ILogEventSink inner) : ILogEventSink, IDisposable
{
    private const string HostSource = "Microsoft.Extensions.Hosting.Internal.Host";
    private const string HostFailedToStart = "Hosting failed to start";
    private static readonly MessageTemplate CouldNotStart = new MessageTemplateParser().Parse("The service could not start: {Reason:l}");

    public void Emit(LogEvent logEvent)
    {
        if (logEvent.Exception is { } failure && logEvent.MessageTemplate.Text == HostFailedToStart
            && logEvent.Properties.TryGetValue(Constants.SourceContextPropertyName, out var source)
            && source is ScalarValue { Value: HostSource }
            && Explain(failure) is { } reason)
        {
            var properties = logEvent.Properties.Select(p => new LogEventProperty(p.Key, p.Value))
                .Append(new LogEventProperty("Reason", new ScalarValue(reason)));
            logEvent = new LogEvent(logEvent.Timestamp, logEvent.Level, exception: null, CouldNotStart, properties);
        }
        inner.Emit(logEvent);
    }

    // Serilog disposes the outermost sink of a wrapped chain only: the throttle behind this one writes its held-back
    // counts when disposed.
    public void Dispose() => (inner as IDisposable)?.Dispose();

    /// <summary>
    /// The cause in one line when it lies outside the code; null for anything else. Several such causes (settings of
    /// several sections checked at start) are all named.
    /// </summary>
    public static string? Explain(Exception failure) =>
        Explained(failure) is { Count: > 0 } reasons ? string.Join(" ", reasons.Distinct()) : null;

    private static string? ReasonFor(Exception cause) => cause switch
    {
        PostgresException refused when RefusesTheConnection(refused.SqlState) => $"Postgres (ConnectionStrings:Catalog): {refused.Message}",
        NpgsqlException { InnerException: SocketException or TimeoutException or IOException } unreachable
            => $"Postgres (ConnectionStrings:Catalog): {MessagesOf(unreachable)}",
        OptionsValidationException or InvalidSettingException => cause.Message,
        // "Failed to convert configuration value 'soon' at 'Auth:TokenLifetime' to type 'System.TimeSpan'."
        InvalidOperationException when ThrownIn(cause, typeof(ConfigurationBinder).Namespace)
                                       && cause.Message.StartsWith("Failed to convert configuration value", StringComparison.Ordinal)
            => cause.Message,
        InvalidOperationException when ThrownIn(cause, "Serilog.Settings.Configuration") => cause.Message,
        IOException { InnerException: AddressInUseException } => cause.Message,
        StorageUnavailableException => cause.Message, // the local tier's bucket could not be made sure of
        FormatException when ThrownIn(cause, typeof(BindingAddress).Namespace)
            => $"{cause.Message}: the URLs to listen on (ASPNETCORE_URLS) look like http://127.0.0.1:5000",
        _ => null,
    };

    // The outermost cause of each branch of the failure; an explained cause's own inner ones are its details. Null
    // when any branch has none: that one keeps its stack, and so the others keep theirs.
    private static List<string>? Explained(Exception failure)
    {
        if (ReasonFor(failure) is { } reason)
            return [reason];
        if (failure is not AggregateException aggregate)
            return failure.InnerException is { } inner ? Explained(inner) : null;
        var reasons = new List<string>();
        foreach (var branch in aggregate.InnerExceptions)
        {
            if (Explained(branch) is not { } explained)
                return null;
            reasons.AddRange(explained);
        }
        return reasons;
    }

    // Connection (08), authorisation (28), a missing database (3D000), a missing privilege (42501), resources (53),
    // a server shutting down or starting (57P0x): the server's answer to who connects and where, not to what is asked.
    private static bool RefusesTheConnection(string state) =>
        state.StartsWith("08", StringComparison.Ordinal) || state.StartsWith("28", StringComparison.Ordinal)
        || state is "3D000" or "42501" || state.StartsWith("53", StringComparison.Ordinal) || state.StartsWith("57P0", StringComparison.Ordinal);

    // "The value Loud is not a valid Serilog level." comes from Serilog's reading of its settings.
    private static bool ThrownIn(Exception failure, params string?[] namespaces) =>
        namespaces.Contains(failure.TargetSite?.DeclaringType?.Namespace);

    // "Failed to connect to 127.0.0.1:5432: Connection refused": each inner message that adds something.
    private static string MessagesOf(Exception failure)
    {
        var line = failure.Message.TrimEnd('.');
        for (var inner = failure.InnerException; inner is not null; inner = inner.InnerException)
            if (!line.Contains(inner.Message.TrimEnd('.'), StringComparison.Ordinal))
                line = $"{line}: {inner.Message.TrimEnd('.')}";
        return line;
    }
}
