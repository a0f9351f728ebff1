using Spectre.Console;

namespace Catalog.Api.Diagnostics;

/// <summary>
/// The JasperFx command line's console. Running the service (no command, or <c>run</c>) it printed ten lines about the
/// assemblies it searched for commands on every start, and a failed start's exception a second time after the log had
/// it: there the console is the log's alone. Commands (<c>codegen</c>, <c>projections</c>, ...) keep their output.
/// </summary>
public static class CommandConsole
{
    public static void QuietForPlainRun(string[] args)
    {
        if (args.Length == 0 || args[0] == "run" || args[0].StartsWith('-'))
            AnsiConsole.Console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(TextWriter.Null) });
    }
}
