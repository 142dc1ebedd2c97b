using System.CommandLine;

namespace Bounceback.Cli.Commands;

/// <summary>`bounceback serve`: placeholder until its issue lands.</summary>
internal static class ServeCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("serve", "Not built yet.");
        command.SetAction(_ =>
        {
            context.Error.WriteLine("bounceback serve is not built yet.");
            return ExitCodes.Usage;
        });
        return command;
    }
}
