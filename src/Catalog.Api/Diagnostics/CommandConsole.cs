using JasperFx.CommandLine;
using Spectre.Console;

namespace Catalog.Api.Diagnostics;

/// <summary>
/// The JasperFx command line's console. Running the service (no command, or <c>run</c>) it printed ten lines about the
/// assemblies it searched for commands on every start, and a failed start's exception a second time after the log had
/// it: there the console is the log's alone. Commands (<c>grant-role</c>, <c>codegen</c>, <c>projections</c>, ...) keep
/// their output, without those ten lines.
/// </summary>
public static class CommandConsole
{
    public static void Prepare(string[] args)
    {
        if (args.Length == 0 || args[0] == "run" || args[0].StartsWith('-'))
        {
            AnsiConsole.Console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(TextWriter.Null) });
            return;
        }
        // JasperFx lists the assemblies it searches for commands until some factory has applied the extensions they
        // register for a host. This host applies none (it is built before the command line runs), so a factory with
        // none found applies the empty set: nothing is registered, and the list is not printed.
        new CommandFactory().ApplyExtensions(new ServiceCollection());
    }
}
