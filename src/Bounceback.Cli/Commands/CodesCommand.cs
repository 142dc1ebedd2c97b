using System.CommandLine;

namespace Bounceback.Cli.Commands;

/// <summary>`bounceback codes`: placeholder until its issue lands.</summary>
internal static class CodesCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("codes", "Not built yet.");
        command.SetAction(_ =>
        {
            context.Error.WriteLine("bounceback codes is not built yet.");
            return ExitCodes.Usage;
        });
        return command;
    }
}
