using System.CommandLine;
using System.Text;
using System.Text.Json;
using Bounceback.Cli.Output;
using Bounceback.Core.Diagnosis;
using Bounceback.Core.Json;

namespace Bounceback.Cli.Commands;

/// <summary>`bounceback explain [TEXT...]`: explains the codes in a text given as arguments or on standard input.</summary>
internal static class ExplainCommand
{
    /// <summary>The most text read from standard input (larger input is cut off).</summary>
    private const int MaxInputChars = 10 * 1024 * 1024;

    public static Command Create(CliContext context)
    {
        var text = new Argument<string[]>("text")
        {
            Description = "The text to explain: a code, an error dialog, a reply line or a whole bounce. Read from standard input when left out or given as -.",
            Arity = ArgumentArity.ZeroOrMore,
        };
        CommonOptions.RejectOptionLike(text);
        var lang = CommonOptions.Lang();
        var json = CommonOptions.Json();
        var check = CheckFollowUp.Option();
        var command = new Command("explain", "Explain the error codes in a text and say what to do.") { text, lang, json, check };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var language = CommonOptions.ResolveLanguage(parse.GetValue(lang));
            var diagnoser = Diagnoser.Default;
            if (!CheckFollowUp.TryCreate(parse, check, out var followUp))
            {
                await context.Error.WriteLineAsync(diagnoser.Catalog.Text("check.cli.bad-check-server", language)).ConfigureAwait(false);
                return ExitCodes.Usage;
            }
            var words = parse.GetValue(text) ?? [];
            string input;
            // A lone "-" names standard input, as it does for `parse`; text to explain is never just a dash.
            var fromInput = words is ["-"];
            if (words.Length > 0 && !fromInput) input = string.Join(' ', words);
            else if (context.InputRedirected || fromInput) input = await ReadBoundedAsync(context.Input, cancellationToken).ConfigureAwait(false);
            else
            {
                await context.Error.WriteLineAsync(diagnoser.Catalog.Text("explain.noInput", language)).ConfigureAwait(false);
                return ExitCodes.Usage;
            }
            var report = diagnoser.Explain(input, language);
            if (parse.GetValue(json))
            {
                await context.Output.WriteLineAsync(JsonSerializer.Serialize(report, BouncebackJsonContext.Default.ExplainReport)).ConfigureAwait(false);
            }
            else if (report.Findings.Count > 0)
            {
                new ExplainWriter(context.Output, diagnoser.Catalog, language, context.UseColor).Write(report, truncated: false);
            }
            if (followUp is not null)
            {
                followUp.Add(report.Diagnosis, input);
                await followUp.RunAsync(context, language, parse.GetValue(json), cancellationToken).ConfigureAwait(false);
            }
            if (report.Findings.Count == 0)
            {
                await context.Error.WriteLineAsync(diagnoser.Catalog.Text("explain.noCode", language)).ConfigureAwait(false);
                return ExitCodes.NotFound;
            }
            return ExitCodes.Ok;
        });
        return command;
    }

    private static async Task<string> ReadBoundedAsync(TextReader reader, CancellationToken cancellationToken)
    {
        var sb = new StringBuilder();
        var buffer = new char[64 * 1024];
        while (sb.Length < MaxInputChars)
        {
            var n = await reader.ReadAsync(buffer.AsMemory(0, Math.Min(buffer.Length, MaxInputChars - sb.Length)), cancellationToken).ConfigureAwait(false);
            if (n == 0) break;
            sb.Append(buffer, 0, n);
        }
        return sb.ToString();
    }
}
