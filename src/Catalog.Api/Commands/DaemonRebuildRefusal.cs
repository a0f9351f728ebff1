using Catalog.Api.Audit;

namespace Catalog.Api.Commands;

/// <summary>
/// Refuses JasperFx's <c>projections rebuild</c>. It rebuilds through Marten's async daemon, which misses events
/// appended while it runs: with uploads going on, usage rows came out short (quotas under-counted) and listing rows an
/// access behind. <c>rebuild-projection</c> replaces each table whole in one transaction instead (ADR 0072).
/// </summary>
public static class DaemonRebuildRefusal
{
    /// <summary>The message to print instead of running the command line, or null when it may run.</summary>
    public static string? For(IReadOnlyList<string> args)
    {
        if (args.Count == 0 || !string.Equals(args[0], "projections", StringComparison.OrdinalIgnoreCase))
            return null;
        if (!args.Skip(1).Any(a => string.Equals(a, "rebuild", StringComparison.OrdinalIgnoreCase)))
            return null;
        return "'projections rebuild' is not available here: Marten's daemon rebuild loses events appended while it runs. " +
               $"Use 'rebuild-projection <name>' instead ({string.Join(", ", ProjectionRebuild.Names)}).";
    }
}
