using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Bounceback.Core.Bounces;
using Bounceback.Core.Codes;

namespace Bounceback.Core.Scanning;

/// <summary>What one scanned message gave: its parse outcome (a failure outcome when it could not be read).</summary>
public sealed record ScanResult(ScanItem Item, ParseOutcome Outcome);

/// <summary>
/// Parses messages in parallel and hands the results back in source order. The producer reads the sources one
/// after another; each message becomes a task in a bounded channel (back-pressure: at most a few messages per
/// worker are in memory at once); the consumer awaits the tasks in order, so output order never depends on timing.
/// </summary>
/// <remarks>With no parser (null) it only reads the messages with MimeKit: the practical ceiling, for benchmarks.</remarks>
public sealed class ScanPipeline(BounceParser? parser, Language language, int parallelism)
{
    private readonly int _parallelism = Math.Max(1, parallelism);

    /// <summary>How many messages may be read ahead of the consumer.</summary>
    public int Capacity => _parallelism * 8;

    /// <summary>Runs the sources through the parser; results in the order the sources produced the messages.</summary>
    public async IAsyncEnumerable<ScanResult> RunAsync(IAsyncEnumerable<ScanItem> items, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var channel = Channel.CreateBounded<Task<ScanResult>>(new BoundedChannelOptions(Capacity) { SingleReader = true, SingleWriter = true, FullMode = BoundedChannelFullMode.Wait });
        using var workers = new SemaphoreSlim(_parallelism);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var producer = Task.Run(async () =>
        {
            try
            {
                await foreach (var item in items.WithCancellation(stop.Token).ConfigureAwait(false))
                {
                    var work = RunOneAsync(item, workers, stop.Token);
                    await channel.Writer.WriteAsync(work, stop.Token).ConfigureAwait(false);
                }
                channel.Writer.TryComplete();
            }
            catch (Exception e)
            {
                channel.Writer.TryComplete(e);
            }
        }, CancellationToken.None);

        try
        {
            while (await channel.Reader.WaitToReadAsync(CancellationToken.None).ConfigureAwait(false))
            {
                while (channel.Reader.TryRead(out var next))
                {
                    ScanResult result;
                    try
                    {
                        result = await next.ConfigureAwait(false);
                    }
                    catch (OperationCanceledException)
                    {
                        yield break;
                    }
                    yield return result;
                    if (cancellationToken.IsCancellationRequested) yield break;
                }
            }
            // Surfaces an error of the producer (a source that failed hard, or cancellation).
            await channel.Reader.Completion.ConfigureAwait(false);
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            try { await producer.ConfigureAwait(false); } catch (OperationCanceledException) { }
        }
    }

    private async Task<ScanResult> RunOneAsync(ScanItem item, SemaphoreSlim workers, CancellationToken cancellationToken)
    {
        await workers.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await Task.Run(() => ParseOne(item, cancellationToken), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            workers.Release();
        }
    }

    /// <summary>Reads and parses one message; any failure becomes a Failed outcome, never an exception.</summary>
    public ScanResult ParseOne(ScanItem item, CancellationToken cancellationToken = default)
    {
        if (item.Error is not null) return new ScanResult(item, new ParseOutcome(ParseOutcomeKind.Failed, [], item.Error));
        try
        {
            var message = item.Load(cancellationToken);
            return new ScanResult(item, parser is null ? ParseOutcome.NotABounce : parser.Parse(message, item.Source, item.Index, language));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return new ScanResult(item, new ParseOutcome(ParseOutcomeKind.Failed, [], e.Message));
        }
    }
}
