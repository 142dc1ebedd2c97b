using System.CommandLine;
using System.Globalization;
using System.Text;
using Bounceback.Cli.Output;
using Bounceback.Core.Bounces;
using Bounceback.Core.Catalog;
using MimeKit;

namespace Bounceback.Cli.Commands;

/// <summary>`bounceback parse PATH... | -`: bounce messages into one result per recipient.</summary>
internal static class ParseCommand
{
    public static Command Create(CliContext context)
    {
        var paths = new Argument<string[]>("path") { Description = "Files, folders (searched recursively, Maildir too), mbox files, or - for standard input.", Arity = ArgumentArity.ZeroOrMore };
        var jsonl = new Option<bool>("--jsonl") { Description = "One JSON object per recipient per line." };
        var json = CommonOptions.Json();
        var lang = CommonOptions.Lang();
        var failuresOnly = new Option<bool>("--failures-only") { Description = "Leave out delivery reports, feedback reports and auto-replies." };
        var command = new Command("parse", ExplanationCatalog.Default.Text("parse.description", Core.Codes.Language.En))
        {
            paths, jsonl, json, lang, failuresOnly,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            var language = CommonOptions.ResolveLanguage(result.GetValue(lang));
            var format = result.GetValue(jsonl) ? ParseFormat.JsonLines : result.GetValue(json) ? ParseFormat.Json : ParseFormat.Table;
            var inputs = result.GetValue(paths) is { Length: > 0 } p ? p : ["-"];
            var catalog = ExplanationCatalog.Default;
            foreach (var path in inputs)
            {
                if (path != "-" && !File.Exists(path) && !Directory.Exists(path))
                {
                    await context.Error.WriteLineAsync(string.Format(CultureInfo.InvariantCulture, catalog.Text("parse.missingPath", language), path)).ConfigureAwait(false);
                    return ExitCodes.Usage;
                }
            }
            var writer = new ParseWriter(context.Output, format, language, context.UseColor);
            var counts = new ParseCounts();
            var skipNonFailures = result.GetValue(failuresOnly);
            foreach (var path in inputs)
            {
                foreach (var (source, index, message, error) in Messages(path, context))
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    counts.Messages++;
                    if (message is null)
                    {
                        counts.Unreadable++;
                        await context.Error.WriteLineAsync(string.Format(CultureInfo.InvariantCulture, catalog.Text("parse.unreadable", language), source, error)).ConfigureAwait(false);
                        continue;
                    }
                    var outcome = BounceParser.Default.Parse(message, source, index, language);
                    switch (outcome.Kind)
                    {
                        case ParseOutcomeKind.NotBounce: counts.NotBounces++; continue;
                        case ParseOutcomeKind.Failed:
                            counts.Unreadable++;
                            await context.Error.WriteLineAsync(string.Format(CultureInfo.InvariantCulture, catalog.Text("parse.unreadable", language), source, outcome.Error)).ConfigureAwait(false);
                            continue;
                    }
                    counts.Bounces++;
                    foreach (var r in outcome.Results)
                    {
                        if (skipNonFailures && Core.Codes.BounceReasons.IsNotFailure(r.Reason)) continue;
                        counts.Recipients++;
                        writer.Write(r);
                    }
                }
            }
            writer.Finish(counts);
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>Every message under a path: one file, a folder tree (Maildir included), an mbox, or standard input.</summary>
    private static IEnumerable<(string Source, int? Index, MimeMessage? Message, string? Error)> Messages(string path, CliContext context)
    {
        if (path == "-")
        {
            using var stdin = OpenInput(context);
            foreach (var m in FromStream(stdin, "-")) yield return m;
            yield break;
        }
        if (Directory.Exists(path))
        {
            var files = Directory.EnumerateFiles(path, "*", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.Hidden })
                .Where(f => !IsMaildirTmp(Path.GetRelativePath(path, f)))
                .Order(StringComparer.Ordinal);
            foreach (var file in files)
            {
                foreach (var m in FromFile(file)) yield return m;
            }
            yield break;
        }
        foreach (var m in FromFile(path)) yield return m;
    }

    /// <summary>Maildir's tmp/ holds messages still being written: skip them (only below the folder given).</summary>
    private static bool IsMaildirTmp(string relative) =>
        relative.Split(Path.DirectorySeparatorChar).SkipLast(1).Any(d => d == "tmp");

    private static IEnumerable<(string, int?, MimeMessage?, string?)> FromFile(string file)
    {
        FileStream stream;
        try
        {
            stream = File.OpenRead(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [(file, null, null, e.Message)];
        }
        return FromOwnedStream(stream, file);
    }

    private static IEnumerable<(string, int?, MimeMessage?, string?)> FromOwnedStream(Stream stream, string source)
    {
        using (stream)
        {
            foreach (var m in FromStream(stream, source)) yield return m;
        }
    }

    private static IEnumerable<(string, int?, MimeMessage?, string?)> FromStream(Stream stream, string source)
    {
        var buffered = new BufferedStream(stream, 64 * 1024);
        var head = new byte[5];
        var read = buffered.Read(head, 0, 5);
        var isMbox = read == 5 && Encoding.ASCII.GetString(head) == "From ";
        var input = new PrefixStream(head.AsMemory(0, read), buffered);
        var parser = new MimeParser(input, isMbox ? MimeFormat.Mbox : MimeFormat.Entity, persistent: false);
        var index = 0;
        while (!parser.IsEndOfStream)
        {
            MimeMessage? message = null;
            string? error = null;
            try
            {
                message = parser.ParseMessage();
            }
            catch (Exception e) when (e is FormatException or ParseException or IOException or InvalidOperationException)
            {
                error = e.Message;
            }
            yield return (source, isMbox ? index : null, message, error);
            index++;
            if (!isMbox || error is not null) yield break;
        }
    }

    private static Stream OpenInput(CliContext context)
    {
        if (ReferenceEquals(context.Input, Console.In)) return Console.OpenStandardInput();
        return new MemoryStream(Encoding.UTF8.GetBytes(context.Input.ReadToEnd()));
    }
}
