using Wolverine;

namespace Catalog.Api.Persistence;

/// <summary><c>Wolverine:DurabilityMode</c>: how this node runs Wolverine's durable messaging (ADR 0007).</summary>
public sealed class DurabilityOptions
{
    public const string Section = "Wolverine";

    /// <summary>
    /// The modes the service runs in: Balanced, nodes sharing one database; Solo, one node. The sync needs durable
    /// local queues, which Serverless and MediatorOnly do not have.
    /// </summary>
    public static IReadOnlyList<Wolverine.DurabilityMode> Supported { get; } = [Wolverine.DurabilityMode.Balanced, Wolverine.DurabilityMode.Solo];

    /// <summary>Read as text, not as Wolverine's enum: a value not among its names stopped the process before the host started.</summary>
    public string DurabilityMode { get; set; } = nameof(Wolverine.DurabilityMode.Balanced);

    /// <summary>The supported mode named, in any case; null for anything else.</summary>
    public Wolverine.DurabilityMode? Mode =>
        Supported.Where(mode => string.Equals(mode.ToString(), DurabilityMode, StringComparison.OrdinalIgnoreCase))
            .Select(mode => (Wolverine.DurabilityMode?)mode).FirstOrDefault();
}
