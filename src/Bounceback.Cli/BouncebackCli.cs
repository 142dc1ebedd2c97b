using System.CommandLine;
using Bounceback.Cli.Commands;

namespace Bounceback.Cli;

/// <summary>The command tree of the bounceback tool; callable in-process by tests.</summary>
public static class BouncebackCli
{
    public static RootCommand BuildRoot(CliContext context)
    {
        var root = new RootCommand("Bounceback explains why an e-mail was not delivered: error codes, bounce messages, mailboxes and live checks.");
        root.Subcommands.Add(ExplainCommand.Create(context));
        root.Subcommands.Add(CodesCommand.Create(context));
        root.Subcommands.Add(ParseCommand.Create(context));
        root.Subcommands.Add(ServeCommand.Create(context));
        root.Subcommands.Add(CheckCommand.Create(context));
        return root;
    }

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, TextReader input, CancellationToken cancellationToken)
    {
        return await RunAsync(args, new CliContext(output, error, input), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs the tool with a given context; a command line that does not parse is a usage error (exit code 2).</summary>
    public static async Task<int> RunAsync(string[] args, CliContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var root = BuildRoot(context);
        var parsed = root.Parse(args);
        // On a usage error the help shown with it goes to standard error too: it must not end up in a file or pipe
        // that expects results (`bounceback parse --jsnol DIR > out.jsonl`). Asked for with --help it goes to output.
        var config = new InvocationConfiguration { Output = parsed.Errors.Count > 0 ? context.Error : context.Output, Error = context.Error };
        var code = await parsed.InvokeAsync(config, cancellationToken).ConfigureAwait(false);
        return parsed.Errors.Count > 0 && code != ExitCodes.Ok ? ExitCodes.Usage : code;
    }
}

/// <summary>What a command reads and writes; the console for the real tool, string writers in tests.</summary>
public sealed record CliContext(TextWriter Output, TextWriter Error, TextReader Input)
{
    /// <summary>Whether standard input is redirected (text piped in) rather than a terminal.</summary>
    public bool InputRedirected { get; init; } = Console.IsInputRedirected;
    /// <summary>Whether colour may be used: output is a terminal and NO_COLOR is not set.</summary>
    public bool UseColor { get; init; } =
        !Console.IsOutputRedirected && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"));
    /// <summary>
    /// Reads one key typed on the terminal without showing it (for a password); null when no terminal is there to
    /// type on (standard input redirected, or an input other than the console's). Tests give a scripted one.
    /// </summary>
    public Func<ConsoleKeyInfo>? ReadHiddenKey { get; init; } =
        ReferenceEquals(Input, Console.In) && !Console.IsInputRedirected ? () => Console.ReadKey(intercept: true) : null;
}

/// <summary>Exit codes of the tool.</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    /// <summary>explain: no code found; check: a check failed.</summary>
    public const int NotFound = 1;
    public const int Usage = 2;
    /// <summary>parse: an IMAP mailbox could not be opened (address, connection, login or folder); nothing was read from it.</summary>
    public const int SourceFailed = 3;
    /// <summary>parse: a source was read only in part (a file or folder without read access, an IMAP connection that broke
    /// off, bounces that could not be moved); what was written is valid but incomplete.</summary>
    public const int Incomplete = 4;
}
