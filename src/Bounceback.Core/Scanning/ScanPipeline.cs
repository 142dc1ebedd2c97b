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
/// <remarks>With no parser (null) it only reads the messages with MimeKit: the practical ceiling, for benchmarks.
/// Read-ahead is bounded twice: at most <see cref="Capacity"/> messages, and at most <see cref="MaxBytesInFlight"/>
/// bytes of messages that arrive as raw bytes (mbox, IMAP, standard input); a single larger message still goes
/// through, alone.</remarks>
public sealed class ScanPipeline(BounceParser? parser, Language language, int parallelism, long maxBytesInFlight = ScanPipeline.DefaultMaxBytesInFlight)
{
    /// <summary>The default byte budget of messages read ahead of the consumer: 64 MB.</summary>
    public const long DefaultMaxBytesInFlight = 64L * 1024 * 1024;

    private readonly int _parallelism = Math.Max(1, parallelism);

    /// <summary>How many messages may be read ahead of the consumer.</summary>
    public int Capacity => _parallelism * 8;

    /// <summary>How many bytes of raw messages may be read ahead of the consumer.</summary>
    public long MaxBytesInFlight { get; } = Math.Max(1, maxBytesInFlight);

    /// <summary>Runs the sources through the parser; results in the order the sources produced the messages.</summary>
    public async IAsyncEnumerable<ScanResult> RunAsync(IAsyncEnumerable<ScanItem> items, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var channel = Channel.CreateBounded<Task<ScanResult>>(new BoundedChannelOptions(Capacity) { SingleReader = true, SingleWriter = true, FullMode = BoundedChannelFullMode.Wait });
        using var workers = new SemaphoreSlim(_parallelism);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var budget = new ByteBudget(MaxBytesInFlight);
        var producer = Task.Run(async () =>
        {
            try
            {
                await foreach (var item in items.WithCancellation(stop.Token).ConfigureAwait(false))
                {
                    await budget.TakeAsync(item.Bytes.Length, stop.Token).ConfigureAwait(false);
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
                    budget.Give(result.Item.Bytes.Length);
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

    /// <summary>Bytes of messages handed to the workers and not yet taken by the consumer; the producer waits for room.</summary>
    private sealed class ByteBudget(long limit)
    {
        private readonly object _gate = new();
        private long _inFlight;
        private TaskCompletionSource _room = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>Waits until the bytes fit, or nothing else is in flight (a message larger than the budget goes alone).</summary>
        public async Task TakeAsync(long bytes, CancellationToken cancellationToken)
        {
            if (bytes <= 0) return;
            while (true)
            {
                Task wait;
                lock (_gate)
                {
                    if (_inFlight == 0 || _inFlight + bytes <= limit)
                    {
                        _inFlight += bytes;
                        return;
                    }
                    wait = _room.Task;
                }
                await wait.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        public void Give(long bytes)
        {
            if (bytes <= 0) return;
            TaskCompletionSource room;
            lock (_gate)
            {
                _inFlight -= bytes;
                room = _room;
                _room = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
            room.TrySetResult();
        }
    }
}
