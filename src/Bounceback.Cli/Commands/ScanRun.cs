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

/// <summary>
/// One `bounceback parse` run over several sources: reading, parallel parsing, ordered output, progress, summary.
/// A source that fails (an IMAP mailbox that cannot be opened or breaks off, a file or folder that cannot be read) is
/// reported in its place and the run goes on with the next source; the exit code then says the run was incomplete.
/// </summary>
internal sealed class ScanRun(CliContext context, Language language, int parallelism, ImapOptions imap, bool failuresOnly, bool mimeOnly)
{
    /// <summary>The longest password taken from the prompt; further keys are ignored (memory stays bounded).</summary>
    internal const int MaxPasswordLength = 1024;

    private readonly ExplanationCatalog _catalog = ExplanationCatalog.Default;

    /// <summary>Whether the totals include the tables by reason, status, domain, remote MTA and decoder (for --summary
    /// and --summary-json); the counts are kept either way.</summary>
    public bool SummaryTables { get; init; } = true;

    /// <summary>Called for every result written (e.g. to plan live checks with --check).</summary>
    public Action<BounceResult>? OnResult { get; init; }
    private readonly List<ImapSource> _imapSources = [];
    private readonly HashSet<ImapSource> _imapReadToEnd = [];
    private readonly Dictionary<string, List<uint>> _bounceUids = new(StringComparer.Ordinal);
    private readonly Dictionary<(string User, string Host), string> _passwords = [];
    /// <summary>Stand-ins for failed sources, put in the stream where the failure happened so it is reported in order.</summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<ScanItem, SourceFailure> _failures = new(ReferenceEqualityComparer.Instance);

    /// <summary>A source that failed: the message for the user, and whether anything had been read from it.</summary>
    private sealed record SourceFailure(string Message, bool Opened);

    public async Task<ScanRunOutcome> ExecuteAsync(IReadOnlyList<string> inputs, ParseWriter? writer, CancellationToken cancellationToken)
    {
        // Every password is settled before anything is read, so a missing one stops the run before any output.
        foreach (var input in inputs.Where(ImapLocation.IsImap))
        {
            var location = ImapLocation.Parse(input);
            if (_passwords.ContainsKey((location.User, location.Host))) continue;
            string? password;
            try
            {
                password = await ReadPasswordAsync(location, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                await context.Error.WriteLineAsync(_catalog.Text("scan.imap.passwordCancelled", language)).ConfigureAwait(false);
                return new ScanRunOutcome(130, null, true);
            }
            if (password is null)
            {
                await context.Error.WriteLineAsync(string.Format(CultureInfo.InvariantCulture, _catalog.Text("scan.imap.noPassword", language), location.Display)).ConfigureAwait(false);
                return new ScanRunOutcome(ExitCodes.Usage, null, false);
            }
            _passwords[(location.User, location.Host)] = password;
        }

        var summary = new ScanSummary(SummaryTables);
        var pipeline = new ScanPipeline(mimeOnly ? null : BounceParser.Default, language, parallelism);
        var onTerminal = !Console.IsErrorRedirected && ReferenceEquals(context.Error, Console.Error);
        var progress = onTerminal ? new ProgressBar(context.Error, language, CountKnownTotal(inputs)) : null;
        var interrupted = false;
        var exit = ExitCodes.Ok;
        // A problem line takes the bar's place on standard error; the bar comes back below it at the next update.
        Task Problem(string message)
        {
            progress?.Clear();
            return context.Error.WriteLineAsync(message);
        }
        int failedSources = 0, failedUnopened = 0;
        try
        {
            await foreach (var scanned in pipeline.RunAsync(Sources(inputs, cancellationToken), cancellationToken).ConfigureAwait(false))
            {
                if (_failures.TryRemove(scanned.Item, out var failure))
                {
                    await Problem(failure.Message).ConfigureAwait(false);
                    failedSources++;
                    if (!failure.Opened) failedUnopened++;
                    continue;
                }
                IReadOnlyList<BounceResult> shown = failuresOnly ? scanned.Outcome.Results.Where(r => !r.Reason.IsNotFailure()).ToList() : scanned.Outcome.Results;
                summary.Add(scanned.Outcome, shown);
                if (scanned.Outcome.Kind == ParseOutcomeKind.Failed)
                {
                    await Problem(string.Format(CultureInfo.InvariantCulture, _catalog.Text("parse.unreadable", language),
                        Describe(scanned.Item), scanned.Outcome.Error)).ConfigureAwait(false);
                    // The file (or the rest of an mbox or stream) could not be read at all: that source is incomplete.
                    // A message that was read but is not valid MIME is a result of its own, not a failed source.
                    if (scanned.Item.Error is not null) failedSources++;
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
                // Only a folder read to the end is tidied up; one that broke off keeps all its messages.
                foreach (var source in _imapSources.Where(_imapReadToEnd.Contains))
                {
                    try
                    {
                        await source.MoveProcessedAsync(_bounceUids.GetValueOrDefault(source.Location.Display) ?? [], cancellationToken).ConfigureAwait(false);
                    }
                    catch (ImapSourceException e)
                    {
                        await Problem(DescribeImapFailure(e, _catalog, language)).ConfigureAwait(false);
                        exit = ExitCodes.Incomplete;
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
            interrupted = true;
        }
        catch (BouncebackException e)
        {
            await Problem(e.Message).ConfigureAwait(false);
            exit = ExitCodes.Usage;
            if (summary.Messages == 0) return new ScanRunOutcome(exit, null, false);
        }
        finally
        {
            foreach (var source in _imapSources) await source.DisposeAsync().ConfigureAwait(false);
            progress?.Done(summary.Messages);
        }
        if (failedSources > 0 && !interrupted)
        {
            // Nothing could be opened at all: exit 3 and no output, as for a single mailbox. Otherwise what was read
            // is written and complete record by record, but not all there is: exit 4.
            if (failedUnopened == inputs.Count) return new ScanRunOutcome(ExitCodes.SourceFailed, null, false);
            if (inputs.Count > 1)
            {
                await context.Error.WriteLineAsync(string.Format(CultureInfo.InvariantCulture, _catalog.Text("scan.incomplete", language),
                    failedSources, inputs.Count)).ConfigureAwait(false);
            }
            exit = ExitCodes.Incomplete;
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
            IAsyncEnumerable<ScanItem> items;
            if (input == "-") items = StandardInput(cancellationToken);
            else if (ImapLocation.IsImap(input)) items = Imap(ImapLocation.Parse(input), cancellationToken);
            else items = LocalSources.FromPathAsync(input, cancellationToken);
            await foreach (var item in Guarded(input, items, cancellationToken).ConfigureAwait(false)) yield return item;
        }
    }

    private async IAsyncEnumerable<ScanItem> StandardInput([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var stdin = ReferenceEquals(context.Input, Console.In) ? Console.OpenStandardInput() : new MemoryStream(System.Text.Encoding.UTF8.GetBytes(await context.Input.ReadToEndAsync(cancellationToken).ConfigureAwait(false)));
        await using (stdin.ConfigureAwait(false))
        {
            await foreach (var item in LocalSources.FromStreamAsync(stdin, "-", cancellationToken).ConfigureAwait(false)) yield return item;
        }
    }

    private async IAsyncEnumerable<ScanItem> Imap(ImapLocation location, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var source = new ImapSource(location, _passwords[(location.User, location.Host)], imap);
        _imapSources.Add(source);
        await source.OpenAsync(cancellationToken).ConfigureAwait(false);
        await foreach (var item in source.ReadAsync(cancellationToken).ConfigureAwait(false)) yield return item;
        _imapReadToEnd.Add(source);
    }

    /// <summary>
    /// The items of one source; should the source fail, one stand-in item in its place (registered in
    /// <see cref="_failures"/>) and nothing more from it, so the run can go on with the next source.
    /// </summary>
    private async IAsyncEnumerable<ScanItem> Guarded(string input, IAsyncEnumerable<ScanItem> items, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var enumerator = items.GetAsyncEnumerator(cancellationToken);
        try
        {
            var opened = false;
            while (true)
            {
                ScanItem? standIn = null;
                bool more;
                try
                {
                    more = await enumerator.MoveNextAsync().ConfigureAwait(false);
                }
                catch (Exception e) when (e is ImapSourceException or IOException or UnauthorizedAccessException)
                {
                    var message = e is ImapSourceException imapFailure
                        ? DescribeImapFailure(imapFailure, _catalog, language)
                        : string.Format(CultureInfo.InvariantCulture, _catalog.Text("parse.unreadable", language), input, ReadFailure.Describe(e, language));
                    // An IMAP folder that broke off had been opened, even when no message had arrived yet.
                    var wasOpened = opened || e is ImapSourceException { Failure: ImapFailure.ConnectionLost };
                    standIn = new ScanItem { Source = input, Error = message };
                    _failures[standIn] = new SourceFailure(message, wasOpened);
                    more = false;
                }
                if (standIn is not null)
                {
                    yield return standIn;
                    yield break;
                }
                if (!more) yield break;
                opened = true;
                yield return enumerator.Current;
            }
        }
        finally
        {
            await enumerator.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The IMAP password: from BOUNCEBACK_IMAP_PASSWORD, or typed on the terminal without echo (the prompt on standard
    /// error); never from the command line. Null when neither is possible (no variable and no terminal). Ctrl-C at the
    /// prompt, typed as a key or arriving as the interrupt signal, throws <see cref="OperationCanceledException"/>:
    /// the keys are read on a thread of their own, so a blocked read never holds the command up.
    /// </summary>
    private async Task<string?> ReadPasswordAsync(ImapLocation location, CancellationToken cancellationToken)
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("BOUNCEBACK_IMAP_PASSWORD");
        if (!string.IsNullOrEmpty(fromEnvironment)) return fromEnvironment;
        if (context.ReadHiddenKey is not { } readKey) return null;
        context.Error.Write(string.Format(CultureInfo.InvariantCulture, _catalog.Text("scan.imap.password", language), location.Display));
        context.Error.Flush();
        var typing = Task.Factory.StartNew(() => ReadHiddenLine(readKey), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        try
        {
            return await typing.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            context.Error.WriteLine();
        }
    }

    /// <summary>
    /// A line typed key by key, nothing echoed: Enter ends it, Backspace takes back one character, Ctrl-C throws
    /// <see cref="OperationCanceledException"/>, other control keys are ignored.
    /// </summary>
    internal static string ReadHiddenLine(Func<ConsoleKeyInfo> readKey)
    {
        var line = new System.Text.StringBuilder();
        while (true)
        {
            var key = readKey();
            if (key.KeyChar == '\u0003' || (key.Key == ConsoleKey.C && key.Modifiers.HasFlag(ConsoleModifiers.Control)))
            {
                throw new OperationCanceledException("Ctrl-C at the password prompt.");
            }
            if (key.Key == ConsoleKey.Enter || key.KeyChar is '\r' or '\n') break;
            if (key.Key == ConsoleKey.Backspace || key.KeyChar == '\b' || key.KeyChar == (char)0x7f)
            {
                if (line.Length > 0) line.Length--;
                continue;
            }
            if (key.KeyChar == '\0' || char.IsControl(key.KeyChar) || line.Length >= MaxPasswordLength) continue;
            line.Append(key.KeyChar);
        }
        return line.ToString();
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
            ImapFailure.Certificate => "scan.imap.certificate",
            ImapFailure.TrustedCaFile => "scan.imap.caFile",
            _ => "scan.imap.connect",
        };
        return string.Format(CultureInfo.InvariantCulture, catalog.Text(key, language), e.Location, e.Detail, e.Folder);
    }

    private static string Describe(ScanItem item) =>
        item.Index is { } i ? $"{item.Source}#{i.ToString(CultureInfo.InvariantCulture)}" : item.Source;
}
