using System.CommandLine;

namespace Bounceback.Cli.Commands;

/// <summary>`bounceback parse`: placeholder until its issue lands.</summary>
internal static class ParseCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("parse", "Not built yet.");
        command.SetAction(_ =>
        {
            context.Error.WriteLine("bounceback parse is not built yet.");
            return ExitCodes.Usage;
        });
        return command;
    }
}
