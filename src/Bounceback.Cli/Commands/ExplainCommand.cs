using System.CommandLine;

namespace Bounceback.Cli.Commands;

/// <summary>`bounceback explain`: placeholder until its issue lands.</summary>
internal static class ExplainCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("explain", "Not built yet.");
        command.SetAction(_ =>
        {
            context.Error.WriteLine("bounceback explain is not built yet.");
            return ExitCodes.Usage;
        });
        return command;
    }
}
