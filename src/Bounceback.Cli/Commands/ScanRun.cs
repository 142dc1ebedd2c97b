using System.Globalization;
using System.Runtime.CompilerServices;
using Bounceback.Cli.Output;
using Bounceback.Core;
using Bounceback.Core.Bounces;
using Bounceback.Core.Catalog;
using Bounceback.Core.Codes;
using Bounceback.Core.Scanning;

namespace Bounceback.Cli.Commands;

/// <summary>What a scan ended with: the exit code, the totals (null when it could not start) and whether Ctrl-C stopped it.</summary>
internal sealed record ScanRunOutcome(int Exit, ScanSummary? Summary, bool Interrupted);

/// <summary>One `bounceback parse` run over several sources: reading, parallel parsing, ordered output, progress, summary.</summary>
internal sealed class ScanRun(CliContext context, Language language, int parallelism, ImapOptions imap, bool failuresOnly, bool mimeOnly)
{
    private readonly ExplanationCatalog _catalog = ExplanationCatalog.Default;

    /// <summary>Called for every result written (e.g. to plan live checks with --check).</summary>
    public Action<BounceResult>? OnResult { get; init; }
    private readonly List<ImapSource> _imapSources = [];
    private readonly Dictionary<string, List<uint>> _bounceUids = new(StringComparer.Ordinal);

    public async Task<ScanRunOutcome> ExecuteAsync(IReadOnlyList<string> inputs, ParseWriter? writer, CancellationToken cancellationToken)
    {
        var summary = new ScanSummary();
        var pipeline = new ScanPipeline(mimeOnly ? null : BounceParser.Default, language, parallelism);
        var onTerminal = !Console.IsErrorRedirected && ReferenceEquals(context.Error, Console.Error);
        var progress = onTerminal ? new ProgressBar(context.Error, language, CountKnownTotal(inputs)) : null;
        var interrupted = false;
        var exit = ExitCodes.Ok;
        try
        {
            await foreach (var scanned in pipeline.RunAsync(Sources(inputs, cancellationToken), cancellationToken).ConfigureAwait(false))
            {
                var shown = scanned.Outcome.Results.Where(r => !failuresOnly || !r.Reason.IsNotFailure()).ToList();
                summary.Add(scanned.Outcome, shown);
                if (scanned.Outcome.Kind == ParseOutcomeKind.Failed)
                {
                    await context.Error.WriteLineAsync(string.Format(CultureInfo.InvariantCulture, _catalog.Text("parse.unreadable", language),
                        Describe(scanned.Item), scanned.Outcome.Error)).ConfigureAwait(false);
                }
                else if (scanned.Outcome.Kind == ParseOutcomeKind.Bounce && scanned.Item.Uid is { } uid)
                {
                    if (!_bounceUids.TryGetValue(scanned.Item.Source, out var list)) _bounceUids[scanned.Item.Source] = list = [];
                    list.Add(uid);
                }
                if (writer is not null)
                {
                    foreach (var r in shown) writer.Write(r);
                }
                if (OnResult is not null)
                {
                    foreach (var r in shown) OnResult(r);
                }
                progress?.Update(summary.Messages);
            }
            interrupted = cancellationToken.IsCancellationRequested;
            if (!interrupted)
            {
                foreach (var source in _imapSources)
                {
                    await source.MoveProcessedAsync(_bounceUids.GetValueOrDefault(source.Location.Display) ?? [], cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException)
        {
            interrupted = true;
        }
        catch (ImapSourceException e)
        {
            await context.Error.WriteLineAsync(DescribeImapFailure(e, _catalog, language)).ConfigureAwait(false);
            exit = e.Failure is ImapFailure.ConnectionLost or ImapFailure.Move ? ExitCodes.Incomplete : ExitCodes.SourceFailed;
            if (summary.Messages == 0 && exit == ExitCodes.SourceFailed) return new ScanRunOutcome(exit, null, false);
        }
        catch (BouncebackException e)
        {
            await context.Error.WriteLineAsync(e.Message).ConfigureAwait(false);
            exit = ExitCodes.Usage;
            if (summary.Messages == 0) return new ScanRunOutcome(exit, null, false);
        }
        finally
        {
            foreach (var source in _imapSources) await source.DisposeAsync().ConfigureAwait(false);
            progress?.Done(summary.Messages);
        }
        if (writer is not null) writer.Finish(new ParseCounts { Messages = summary.Messages, Bounces = summary.Bounces, Recipients = summary.Recipients, NotBounces = summary.NotBounces, Unreadable = summary.Failed });
        if (interrupted)
        {
            await context.Error.WriteLineAsync(_catalog.Text("scan.interrupted", language)).ConfigureAwait(false);
            exit = 130;
        }
        return new ScanRunOutcome(exit, summary, interrupted);
    }

    private async IAsyncEnumerable<ScanItem> Sources(IReadOnlyList<string> inputs, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var input in inputs)
        {
            if (input == "-")
            {
                var stdin = ReferenceEquals(context.Input, Console.In) ? Console.OpenStandardInput() : new MemoryStream(System.Text.Encoding.UTF8.GetBytes(await context.Input.ReadToEndAsync(cancellationToken).ConfigureAwait(false)));
                await using (stdin.ConfigureAwait(false))
                {
                    await foreach (var item in LocalSources.FromStreamAsync(stdin, "-", cancellationToken).ConfigureAwait(false)) yield return item;
                }
            }
            else if (ImapLocation.IsImap(input))
            {
                var location = ImapLocation.Parse(input);
                var source = new ImapSource(location, ReadPassword(location), imap);
                _imapSources.Add(source);
                await source.OpenAsync(cancellationToken).ConfigureAwait(false);
                await foreach (var item in source.ReadAsync(cancellationToken).ConfigureAwait(false)) yield return item;
            }
            else
            {
                await foreach (var item in LocalSources.FromPathAsync(input, cancellationToken).ConfigureAwait(false)) yield return item;
            }
        }
    }

    /// <summary>The IMAP password: from BOUNCEBACK_IMAP_PASSWORD, or asked without echo on a terminal; never from the command line.</summary>
    private string ReadPassword(ImapLocation location)
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("BOUNCEBACK_IMAP_PASSWORD");
        if (!string.IsNullOrEmpty(fromEnvironment)) return fromEnvironment;
        if (Console.IsInputRedirected || !ReferenceEquals(context.Input, Console.In))
            throw new BouncebackException(string.Format(CultureInfo.InvariantCulture, _catalog.Text("scan.imap.noPassword", language), location.Display));
        context.Error.Write(string.Format(CultureInfo.InvariantCulture, _catalog.Text("scan.imap.password", language), location.Display));
        var password = new System.Text.StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter) break;
            if (key.Key == ConsoleKey.Backspace) { if (password.Length > 0) password.Length--; continue; }
            password.Append(key.KeyChar);
        }
        context.Error.WriteLine();
        return password.ToString();
    }

    /// <summary>For a progress estimate: the number of files when every input is a directory or single file (mbox sizes are unknown).</summary>
    private static int? CountKnownTotal(IReadOnlyList<string> inputs)
    {
        var total = 0;
        foreach (var input in inputs)
        {
            if (Directory.Exists(input)) total += LocalSources.FilesUnder(input).Count;
            else return null;
        }
        return total;
    }

    /// <summary>The catalog's wording of an IMAP failure: {0} the mailbox, {1} the server's own words, {2} the folder.</summary>
    internal static string DescribeImapFailure(ImapSourceException e, ExplanationCatalog catalog, Language language)
    {
        var key = e.Failure switch
        {
            ImapFailure.InvalidUrl => "scan.imap.invalidUrl",
            ImapFailure.PasswordInUrl => "scan.imap.passwordInUrl",
            ImapFailure.Login => "scan.imap.login",
            ImapFailure.FolderNotFound => "scan.imap.folderNotFound",
            ImapFailure.ConnectionLost => "scan.imap.connectionLost",
            ImapFailure.Move => "scan.imap.move",
            _ => "scan.imap.connect",
        };
        return string.Format(CultureInfo.InvariantCulture, catalog.Text(key, language), e.Location, e.Detail, e.Folder);
    }

    private static string Describe(ScanItem item) =>
        item.Index is { } i ? $"{item.Source}#{i.ToString(CultureInfo.InvariantCulture)}" : item.Source;
}
