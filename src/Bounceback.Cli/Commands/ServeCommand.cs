using System.CommandLine;
using Bounceback.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;

namespace Bounceback.Cli.Commands;

/// <summary>`bounceback serve [--urls http://127.0.0.1:5080]`: the helpdesk web page and JSON API.</summary>
internal static class ServeCommand
{
    public static Command Create(CliContext context)
    {
        var urls = new Option<string>("--urls")
        {
            Description = "Where to listen, e.g. http://127.0.0.1:5080 (several separated by ';').",
            DefaultValueFactory = _ => "http://127.0.0.1:5080",
        };
        var command = new Command("serve", "Serve the web page and the JSON API (explain, parse, codes).") { urls };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var app = BouncebackWebApp.Build(["--urls", parse.GetValue(urls)!]);
            await using (app.ConfigureAwait(false))
            {
                await app.StartAsync(cancellationToken).ConfigureAwait(false);
                foreach (var address in app.Urls) await context.Output.WriteLineAsync($"bounceback: listening on {address}").ConfigureAwait(false);
                await app.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
            }
            return ExitCodes.Ok;
        });
        return command;
    }
}
