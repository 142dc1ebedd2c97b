using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Bounceback.Core.Bounces;
using Bounceback.Core.Codes;
using MimeKit;

namespace Bounceback.Core.Scanning;

/// <summary>What one scanned message gave: its parse outcome (a failure outcome when it could not be read).</summary>
public sealed record ScanResult(ScanItem Item, ParseOutcome Outcome)
{
    /// <summary>The bytes the message held in the pipeline's read-ahead budget (its item may no longer hold them).</summary>
    internal int BudgetBytes { get; init; } = Item.Bytes.Length;
}

/// <summary>
/// Parses messages in parallel and hands the results back in source order. The producer reads the sources one
/// after another and groups the messages into small batches; each batch becomes one task in a bounded channel
/// (back-pressure: a few batches per worker are in memory at once); the consumer awaits the tasks in order, so
/// output order never depends on timing.
/// </summary>
/// <remarks>With no parser (null) it only reads the messages with MimeKit: the practical ceiling, for benchmarks.
/// A batch is only filled while the source has messages ready (an mbox or a directory); a slow source (IMAP, a pipe)
/// sends what it has before waiting, so results never wait for messages that have not arrived. Batching spares one
/// task, one thread-pool hand-off and one channel write per message.
/// Read-ahead is bounded twice: at most <see cref="Capacity"/> messages in the channel (plus one batch being
/// filled and one being handed out), and at most <see cref="MaxBytesInFlight"/> bytes of messages that arrive as raw
/// bytes (mbox, IMAP, standard input); a single larger message still goes through, alone.</remarks>
public sealed class ScanPipeline(BounceParser? parser, Language language, int parallelism, long maxBytesInFlight = ScanPipeline.DefaultMaxBytesInFlight)
{
    /// <summary>The default byte budget of messages read ahead of the consumer: 64 MB.</summary>
    public const long DefaultMaxBytesInFlight = 64L * 1024 * 1024;

    /// <summary>Most messages one worker task parses in a row.</summary>
    public const int BatchSize = 16;

    private readonly int _parallelism = Math.Max(1, parallelism);

    /// <summary>How many messages may wait in the channel: two batches per worker.</summary>
    public int Capacity => _parallelism * 2 * BatchSize;

    /// <summary>How many bytes of raw messages may be read ahead of the consumer.</summary>
    public long MaxBytesInFlight { get; } = Math.Max(1, maxBytesInFlight);

    /// <summary>Runs the sources through the parser; results in the order the sources produced the messages.</summary>
    public async IAsyncEnumerable<ScanResult> RunAsync(IAsyncEnumerable<ScanItem> items, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var channel = Channel.CreateBounded<Task<ScanResult[]>>(new BoundedChannelOptions(_parallelism * 2) { SingleReader = true, SingleWriter = true, FullMode = BoundedChannelFullMode.Wait });
        using var workers = new SemaphoreSlim(_parallelism);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var budget = new ByteBudget(MaxBytesInFlight);
        var producer = Task.Run(() => ProduceAsync(items, channel.Writer, budget, workers, stop.Token), CancellationToken.None);

        try
        {
            while (await channel.Reader.WaitToReadAsync(CancellationToken.None).ConfigureAwait(false))
            {
                while (channel.Reader.TryRead(out var next))
                {
                    ScanResult[] batch;
                    try
                    {
                        batch = await next.ConfigureAwait(false);
                    }
                    catch (OperationCanceledException)
                    {
                        yield break;
                    }
                    foreach (var result in batch)
                    {
                        budget.Give(result.BudgetBytes);
                        yield return result;
                        if (cancellationToken.IsCancellationRequested) yield break;
                    }
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

    /// <summary>Reads the sources into batches and hands each batch to a worker, in order.</summary>
    private async Task ProduceAsync(IAsyncEnumerable<ScanItem> items, ChannelWriter<Task<ScanResult[]>> writer, ByteBudget budget, SemaphoreSlim workers, CancellationToken cancellationToken)
    {
        var batch = new List<ScanItem>(BatchSize);
        try
        {
            var source = items.GetAsyncEnumerator(cancellationToken);
            await using (source.ConfigureAwait(false))
            {
                while (true)
                {
                    var next = source.MoveNextAsync();
                    // The source has nothing ready: send what is waiting rather than hold it back.
                    if (!next.IsCompleted && batch.Count > 0) await SendAsync().ConfigureAwait(false);
                    if (!await next.ConfigureAwait(false)) break;
                    var item = source.Current;
                    if (!budget.TryTake(item.Bytes.Length))
                    {
                        // The bytes in flight include this batch's: send it before waiting for room.
                        if (batch.Count > 0) await SendAsync().ConfigureAwait(false);
                        await budget.TakeAsync(item.Bytes.Length, cancellationToken).ConfigureAwait(false);
                    }
                    batch.Add(item);
                    if (batch.Count == BatchSize) await SendAsync().ConfigureAwait(false);
                }
            }
            if (batch.Count > 0) await SendAsync().ConfigureAwait(false);
            writer.TryComplete();
        }
        catch (Exception e)
        {
            // A source that failed after some of its messages were read: those are still parsed and handed out
            // (as they were when every message was sent on its own), then the failure surfaces.
            if (e is not OperationCanceledException && batch.Count > 0)
            {
                try { await SendAsync().ConfigureAwait(false); } catch (OperationCanceledException) { }
            }
            writer.TryComplete(e);
        }

        async Task SendAsync()
        {
            var work = RunBatchAsync([.. batch], workers, cancellationToken);
            batch.Clear();
            await writer.WriteAsync(work, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<ScanResult[]> RunBatchAsync(ScanItem[] batch, SemaphoreSlim workers, CancellationToken cancellationToken)
    {
        await workers.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await Task.Run(() => ParseBatch(batch, cancellationToken), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            workers.Release();
        }
    }

    private ScanResult[] ParseBatch(ScanItem[] batch, CancellationToken cancellationToken)
    {
        var results = new ScanResult[batch.Length];
        // One MIME reader per batch: its buffers are reused for every message the batch holds.
        var reader = new MimeParser(Stream.Null, MimeFormat.Entity, persistent: true);
        for (var i = 0; i < batch.Length; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            results[i] = GiveBack(ParseOne(batch[i], reader, cancellationToken));
        }
        return results;
    }

    /// <summary>
    /// Returns a rented message array (<see cref="ScanItem.Rented"/>) to the pool once its message is parsed: the
    /// message is disposed and the results hold strings of their own. The item handed out no longer has the bytes.
    /// </summary>
    private static ScanResult GiveBack(ScanResult result)
    {
        if (result.Item.Rented is not { } array) return result;
        System.Buffers.ArrayPool<byte>.Shared.Return(array);
        return result with { Item = result.Item with { Bytes = default, Rented = null } };
    }

    /// <summary>Reads and parses one message; any failure becomes a Failed outcome, never an exception.</summary>
    public ScanResult ParseOne(ScanItem item, CancellationToken cancellationToken = default) => ParseOne(item, null, cancellationToken);

    private ScanResult ParseOne(ScanItem item, MimeParser? reader, CancellationToken cancellationToken)
    {
        if (item.Error is not null) return new ScanResult(item, new ParseOutcome(ParseOutcomeKind.Failed, [], item.Error));
        try
        {
            // Disposed as soon as it is read: MimeKit's messages and parts have finalizers, so an undisposed message
            // survives its first collection with all it holds and waits for the finalizer thread. In a bulk scan
            // that doubled the collector's work (docs/performance.md, "Fifth session").
            using var message = item.Load(reader, cancellationToken);
            return new ScanResult(item, parser is null ? ParseOutcome.NotABounce : parser.Parse(message, item.Source, item.Index, language));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return new ScanResult(item, new ParseOutcome(ParseOutcomeKind.Failed, [], ReadFailure.Describe(e, language)));
        }
    }

    /// <summary>Bytes of messages handed to the workers and not yet taken by the consumer; the producer waits for room.</summary>
    private sealed class ByteBudget(long limit)
    {
        private readonly object _gate = new();
        private long _inFlight;
        private TaskCompletionSource _room = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private bool _awaited;

        /// <summary>Takes the bytes when they fit now (or nothing else is in flight); false when the caller must wait.</summary>
        public bool TryTake(long bytes)
        {
            if (bytes <= 0) return true;
            lock (_gate)
            {
                if (_inFlight != 0 && _inFlight + bytes > limit) return false;
                _inFlight += bytes;
                return true;
            }
        }

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
                    _awaited = true;
                }
                await wait.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        public void Give(long bytes)
        {
            if (bytes <= 0) return;
            TaskCompletionSource? room = null;
            lock (_gate)
            {
                _inFlight -= bytes;
                // Wake the producer only when it waits; otherwise the same signal stays armed.
                if (_awaited)
                {
                    room = _room;
                    _room = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                    _awaited = false;
                }
            }
            room?.TrySetResult();
        }
    }
}
