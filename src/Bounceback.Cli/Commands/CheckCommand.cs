using System.CommandLine;

namespace Bounceback.Cli.Commands;

/// <summary>`bounceback check`: placeholder until its issue lands.</summary>
internal static class CheckCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("check", "Not built yet.");
        command.SetAction(_ =>
        {
            context.Error.WriteLine("bounceback check is not built yet.");
            return ExitCodes.Usage;
        });
        return command;
    }
}
