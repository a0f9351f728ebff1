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
/// The host logs those with some twenty lines of stack that say nothing about them. Any other failure keeps its stack.
/// </summary>
public sealed class StartupFailureLine(ILogEventSink inner) : ILogEventSink
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

    /// <summary>
    /// The cause in one line when it lies outside the code; null for anything else. Several such causes (settings of
    /// several sections checked at start) are all named.
    /// </summary>
    public static string? Explain(Exception failure)
    {
        var reasons = Explained(failure).Distinct().ToList();
        return reasons.Count == 0 ? null : string.Join(" ", reasons);
    }

    private static string? ReasonFor(Exception cause) => cause switch
    {
        NpgsqlException postgres => $"Postgres (ConnectionStrings:Catalog): {MessagesOf(postgres)}",
        OptionsValidationException or InvalidSettingException => cause.Message,
        // "Failed to convert configuration value 'soon' at 'Auth:TokenLifetime' to type 'System.TimeSpan'."
        InvalidOperationException when ThrownIn(cause, typeof(ConfigurationBinder).Namespace, "Serilog.Settings.Configuration")
            => cause.Message,
        IOException { InnerException: AddressInUseException } => cause.Message,
        StorageUnavailableException => cause.Message, // the local tier's bucket could not be made sure of
        FormatException when ThrownIn(cause, typeof(BindingAddress).Namespace)
            => $"{cause.Message}: the URLs to listen on (ASPNETCORE_URLS) look like http://127.0.0.1:5000",
        _ => null,
    };

    // The outermost cause each branch of the failure names; an explained cause's own inner ones are its details.
    private static IEnumerable<string> Explained(Exception failure)
    {
        if (ReasonFor(failure) is { } reason)
            return [reason];
        var inner = failure is AggregateException aggregate ? aggregate.InnerExceptions.AsEnumerable() : [failure.InnerException!];
        return inner.Where(e => e is not null).SelectMany(Explained);
    }

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
