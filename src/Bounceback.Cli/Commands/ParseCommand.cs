using System.CommandLine;
using System.Globalization;
using System.Text;
using Bounceback.Cli.Output;
using Bounceback.Core.Bounces;
using Bounceback.Core.Catalog;
using Bounceback.Core.Codes;
using Bounceback.Core.Scanning;

namespace Bounceback.Cli.Commands;

/// <summary>`bounceback parse SOURCE... | -`: bounce messages into one result per recipient, in bulk and in parallel.</summary>
internal static class ParseCommand
{
    public static Command Create(CliContext context)
    {
        var paths = new Argument<string[]>("source") { Description = "Files, folders (searched recursively, Maildir too), mbox files, imap[s]://user@host[:port]/Folder, or - for standard input.", Arity = ArgumentArity.ZeroOrMore };
        var jsonl = new Option<bool>("--jsonl") { Description = "One JSON object per recipient per line." };
        var json = CommonOptions.Json();
        var csv = new Option<bool>("--csv") { Description = "CSV (RFC 4180), one row per recipient." };
        var outputFile = new Option<string?>("--output", "-o") { Description = "Write the results to this file instead of standard output." };
        var summary = new Option<bool>("--summary") { Description = "Print totals by reason, hard/soft, status, recipient domain, remote server and decoder." };
        var summaryJson = new Option<bool>("--summary-json") { Description = "Print the totals as JSON (to standard output, or after the results)." };
        var parallel = new Option<int>("--parallel") { Description = "How many messages to parse at once (default: the number of cores).", DefaultValueFactory = _ => Environment.ProcessorCount };
        CommonOptions.RejectOptionLike(paths);
        var lang = CommonOptions.Lang();
        var failuresOnly = new Option<bool>("--failures-only") { Description = "Leave out delivery reports, feedback reports and auto-replies." };
        var since = new Option<string?>("--since") { Description = "IMAP: only messages received on or after this date (yyyy-mm-dd)." };
        var moveProcessed = new Option<string?>("--move-processed") { Description = "IMAP: move the messages that were parsed as bounces to this folder (opens the folder read-write)." };
        var caFile = new Option<string?>("--ca-file") { Description = "IMAP: also trust the certificate authorities in this PEM file for the server's TLS certificate (e.g. your organisation's own CA)." };
        var check = CheckFollowUp.Option();
        var mimeOnly = new Option<bool>("--mime-only") { Description = "Benchmark aid: only read the messages with MimeKit and count them.", Hidden = true };
        var command = new Command("parse", "Read bounce messages (files, folders, Maildir, mbox, IMAP or standard input) and show one result per recipient.")
        {
            paths, jsonl, json, csv, outputFile, summary, summaryJson, parallel, lang, failuresOnly, since, moveProcessed, caFile, mimeOnly, check,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            var language = CommonOptions.ResolveLanguage(result.GetValue(lang));
            var catalog = ExplanationCatalog.Default;
            var inputs = result.GetValue(paths) is { Length: > 0 } p ? p : ["-"];
            var workers = result.GetValue(parallel);
            if (workers is < 1 or > 64)
            {
                await context.Error.WriteLineAsync(catalog.Text("scan.parallel.invalid", language)).ConfigureAwait(false);
                return ExitCodes.Usage;
            }
            var imap = new ImapOptions(ParseSince(result.GetValue(since), out var sinceOk), result.GetValue(moveProcessed)) { TrustedCaFile = result.GetValue(caFile) };
            if (!sinceOk)
            {
                await context.Error.WriteLineAsync(catalog.Text("scan.since.invalid", language)).ConfigureAwait(false);
                return ExitCodes.Usage;
            }
            try
            {
                foreach (var certificate in imap.LoadTrustedCertificates()) certificate.Dispose();
            }
            catch (ImapSourceException e)
            {
                await context.Error.WriteLineAsync(ScanRun.DescribeImapFailure(e, catalog, language)).ConfigureAwait(false);
                return ExitCodes.Usage;
            }
            if (!CheckFollowUp.TryCreate(result, check, out var followUp))
            {
                await context.Error.WriteLineAsync(catalog.Text("check.cli.bad-check-server", language)).ConfigureAwait(false);
                return ExitCodes.Usage;
            }
            // Every missing path is named before the command gives up, so one run shows all the typing errors.
            var missing = 0;
            foreach (var path in inputs)
            {
                if (ImapLocation.IsImap(path))
                {
                    try
                    {
                        ImapLocation.Parse(path);
                    }
                    catch (ImapSourceException e)
                    {
                        await context.Error.WriteLineAsync(ScanRun.DescribeImapFailure(e, catalog, language)).ConfigureAwait(false);
                        return ExitCodes.Usage;
                    }
                }
                if (path != "-" && !ImapLocation.IsImap(path) && !File.Exists(path) && !Directory.Exists(path))
                {
                    await context.Error.WriteLineAsync(string.Format(CultureInfo.InvariantCulture, catalog.Text("parse.missingPath", language), path)).ConfigureAwait(false);
                    missing++;
                }
            }
            if (missing > 0) return ExitCodes.Usage;

            var format = result.GetValue(jsonl) ? ParseFormat.JsonLines : result.GetValue(json) ? ParseFormat.Json : result.GetValue(csv) ? ParseFormat.Csv : ParseFormat.Table;
            var wantSummary = result.GetValue(summary);
            var wantSummaryJson = result.GetValue(summaryJson);
            var resultsWanted = format != ParseFormat.Table || !(wantSummary || wantSummaryJson);
            TextWriter output = context.Output;
            StreamWriter? file = null;
            // The stream under an output the command opened itself: JSON lines go into it as UTF-8 directly.
            Stream? utf8 = null;
            if (result.GetValue(outputFile) is { } outPath)
            {
                try
                {
                    file = new StreamWriter(outPath, append: false, new UTF8Encoding(false), 1 << 16);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
                {
                    await context.Error.WriteLineAsync(string.Format(CultureInfo.InvariantCulture, catalog.Text("scan.output.failed", language), outPath, e.Message)).ConfigureAwait(false);
                    return ExitCodes.Usage;
                }
                output = file;
                utf8 = file.BaseStream;
            }
            else if (ReferenceEquals(output, Console.Out))
            {
                // A large buffer for bulk output; flushed whole lines only, at the end or on interruption.
                var stdout = Console.OpenStandardOutput();
                output = new StreamWriter(stdout, new UTF8Encoding(false), 1 << 16) { AutoFlush = false };
                utf8 = stdout;
            }

            ParseWriter? writer = null;
            try
            {
                writer = resultsWanted ? new ParseWriter(output, format, language, context.UseColor && file is null, utf8) : null;
                var run = new ScanRun(context, language, workers, imap, result.GetValue(failuresOnly), result.GetValue(mimeOnly)) { OnResult = followUp is null ? null : followUp.Add, SummaryTables = wantSummary || wantSummaryJson };
                var outcome = await run.ExecuteAsync(inputs, writer, cancellationToken).ConfigureAwait(false);
                if (outcome.Exit != ExitCodes.Ok && outcome.Summary is null) return outcome.Exit;
                var s = outcome.Summary!;
                var summaryTarget = file is null ? output : context.Output;
                if (wantSummaryJson) SummaryWriter.WriteJson(summaryTarget, s, outcome.Interrupted);
                if (wantSummary) SummaryWriter.WriteTable(file is null && format != ParseFormat.Table ? context.Error : summaryTarget, s, language, outcome.Interrupted);
                if (followUp is not null && !outcome.Interrupted)
                {
                    await output.FlushAsync(CancellationToken.None).ConfigureAwait(false);
                    await followUp.RunAsync(context, language, format != ParseFormat.Table, cancellationToken).ConfigureAwait(false);
                }
                return outcome.Exit;
            }
            finally
            {
                writer?.Flush();
                await output.FlushAsync(CancellationToken.None).ConfigureAwait(false);
                if (file is not null) await file.DisposeAsync().ConfigureAwait(false);
            }
        });
        return command;
    }

    private static DateTimeOffset? ParseSince(string? value, out bool ok)
    {
        ok = true;
        if (value is null) return null;
        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var d)) return d;
        ok = false;
        return null;
    }
}
