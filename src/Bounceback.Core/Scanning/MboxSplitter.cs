using System.Buffers;
using System.Runtime.CompilerServices;

namespace Bounceback.Core.Scanning;

/// <summary>
/// Splits an mbox stream into its messages' raw bytes without reading the whole file: a message starts at a
/// "From " line at the start of the file or after an empty line (mboxo/mboxrd). The separator line is dropped, and
/// one '&gt;' is removed from lines that read "&gt;From " (mboxrd quoting). MIME itself is left to MimeKit; splitting
/// here lets the pipeline's workers parse the messages of one mbox in parallel.
/// </summary>
public static class MboxSplitter
{
    private static ReadOnlySpan<byte> FromSpace => "From "u8;

    /// <summary>True when the first bytes of a stream look like an mbox separator line.</summary>
    public static bool LooksLikeMbox(ReadOnlySpan<byte> head) => SkipLead(head).StartsWith(FromSpace);

    /// <summary>How many bytes a sniffed head needs: a byte-order mark and a few empty lines before the first separator.</summary>
    public const int HeadBytes = 64;

    /// <summary>The text after a UTF-8 byte-order mark and empty lines, which some tools write before an mbox's first
    /// "From " line.</summary>
    private static ReadOnlySpan<byte> SkipLead(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith(ByteOrderMark)) head = head[ByteOrderMark.Length..];
        return head.TrimStart("\r\n"u8);
    }

    private static ReadOnlySpan<byte> ByteOrderMark => [0xEF, 0xBB, 0xBF];

    /// <summary>Yields each message of the stream in order, as a fresh byte array.</summary>
    /// <param name="stream">The mbox, positioned at its start.</param>
    /// <param name="maxMessageBytes">A message larger than this is cut there (the rest skipped), to bound memory.</param>
    /// <param name="lengthHint">The stream's length when the caller knows it (an mbox file already in memory), so
    /// a small mbox gets small buffers; null for a stream of unknown length.</param>
    public static IEnumerable<byte[]> Split(Stream stream, int maxMessageBytes = 256 * 1024 * 1024, long? lengthHint = null)
    {
        using var splitter = new Splitter(stream, BufferBytes(lengthHint), maxMessageBytes, rent: false);
        while (splitter.Next() is { } message) yield return message.Array;
    }

    /// <summary>
    /// As <see cref="Split"/>, but each message is copied into an array rented from <see cref="ArrayPool{T}.Shared"/>
    /// (its first <see cref="RentedMessage.Length"/> bytes): the scan pipeline gives the array back once the message is
    /// parsed, so a mailbox is not one fresh array per message for the collector to clear and collect.
    /// </summary>
    internal static IEnumerable<RentedMessage> SplitRented(Stream stream, int maxMessageBytes, long? lengthHint = null)
    {
        using var splitter = new Splitter(stream, BufferBytes(lengthHint), maxMessageBytes, rent: true);
        while (splitter.Next() is { } message) yield return message;
    }

    /// <summary>A message in the first <paramref name="Length"/> bytes of <paramref name="Array"/>.</summary>
    internal readonly record struct RentedMessage(byte[] Array, int Length);

    private static int BufferBytes(long? lengthHint) => lengthHint is { } n ? (int)Math.Clamp(n + 1, 4096, ReadBufferBytes) : ReadBufferBytes;

    private static bool IsQuotedFrom(ReadOnlySpan<byte> content)
    {
        var i = 0;
        while (i < content.Length && content[i] == (byte)'>') i++;
        return content[i..].StartsWith(FromSpace);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ReadOnlySpan<byte> TrimEol(ReadOnlySpan<byte> line)
    {
        if (line.Length > 0 && line[^1] == (byte)'\n') line = line[..^1];
        if (line.Length > 0 && line[^1] == (byte)'\r') line = line[..^1];
        return line;
    }

    /// <summary>Appends bytes to a message being built, up to its size limit (the rest is dropped).</summary>
    internal static void Append(ArrayBufferWriter<byte> writer, ReadOnlySpan<byte> bytes, int max)
    {
        var room = max - writer.WrittenCount;
        if (room <= 0) return;
        if (bytes.Length > room) bytes = bytes[..room];
        bytes.CopyTo(writer.GetSpan(bytes.Length));
        writer.Advance(bytes.Length);
    }

    /// <summary>The read buffer of a stream of unknown length.</summary>
    private const int ReadBufferBytes = 256 * 1024;

    /// <summary>
    /// Reads an mbox through one pooled buffer, line by line but without copying lines: a message is a run of the
    /// buffer's bytes, copied once when it is complete (twice when it spans a refill of the buffer). The rules are
    /// those of <see cref="Split"/>: a line over 1 MB is taken in pieces, empty lines before a separator are dropped
    /// (at most 1 MB of them is kept otherwise), and a message is cut at the given size.
    /// </summary>
    private sealed class Splitter(Stream stream, int bufferBytes, int maxMessageBytes, bool rent) : IDisposable
    {
        private const int MaxLine = 1024 * 1024;
        private const int MaxPendingBlank = 1 << 20;

        private byte[] _buffer = ArrayPool<byte>.Shared.Rent(bufferBytes);
        private int _start;     // the next line to read
        private int _end;       // the end of the bytes read
        private bool _eof;
        private bool _done;
        private bool _previousBlank = true;
        private bool _first = true;

        // The message so far: what was copied out of the buffer, then the run of buffer bytes since.
        private readonly ArrayBufferWriter<byte> _message = new(Math.Min(bufferBytes, 64 * 1024));
        private int _runStart = -1;
        private int _runEnd;

        // Empty lines held back: still in the buffer from _pendingStart to _start, or copied out before a refill.
        private int _pendingStart = -1;
        private readonly ArrayBufferWriter<byte> _pendingCopied = new(64);

        /// <summary>The next message, or null at the end of the stream.</summary>
        /// <remarks>Optimized from its first call: it runs once per line of the whole mbox on the one thread that feeds
        /// the workers, and in a JIT build the tiered compiler left it unoptimized (without inlining) for most of a run.</remarks>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public RentedMessage? Next()
        {
            while (!_done)
            {
                if (!TryReadLine(out var lineStart, out var lineEnd))
                {
                    _done = true;
                    return TakeMessage();
                }
                var line = _buffer.AsSpan(lineStart, lineEnd - lineStart);
                var content = TrimEol(line);
                // A byte-order mark before the first separator is no part of any message.
                if (_first && content.StartsWith(ByteOrderMark) && content[ByteOrderMark.Length..].StartsWith(FromSpace)) content = content[ByteOrderMark.Length..];
                _first = false;
                if (_previousBlank && content.StartsWith(FromSpace))
                {
                    var message = TakeMessage();
                    _previousBlank = false;
                    if (message is not null) return message;
                    continue;
                }
                if (content.IsEmpty)
                {
                    // Empty lines just before a separator belong to the format: hold them back until a line follows.
                    if (_pendingCopied.WrittenCount > 0) Append(_pendingCopied, line, MaxPendingBlank);
                    else if (_pendingStart < 0) _pendingStart = lineStart;
                    _previousBlank = true;
                    continue;
                }
                AddPendingBlank(lineStart);
                _previousBlank = false;
                var quoted = content[0] == (byte)'>' && IsQuotedFrom(content) ? 1 : 0;
                AddRange(lineStart + quoted, lineEnd + PlainLinesAfter(lineEnd));
            }
            return null;
        }

        /// <summary>
        /// How many bytes of whole plain lines follow a line of text: lines that start with a byte other than a line
        /// break or '&gt;' (so are neither empty nor quoted, and after a line of text not a separator either) and end
        /// within the buffer. They go to the message as they are, without the line-by-line reading (most lines of a
        /// mailbox are such lines); the first line that is not one is left to it.
        /// </summary>
        private int PlainLinesAfter(int start)
        {
            var at = start;
            while (at < _end && _buffer[at] is not ((byte)'\n' or (byte)'\r' or (byte)'>'))
            {
                var nl = _buffer.AsSpan(at, _end - at).IndexOf((byte)'\n');
                if (nl < 0) break;
                at += nl + 1;
            }
            _start = at;
            return at - start;
        }

        /// <summary>The empty lines held back belong to the message after all: a line other than a separator follows.</summary>
        private void AddPendingBlank(int lineStart)
        {
            if (_pendingCopied.WrittenCount > 0)
            {
                FlushRun();
                Append(_message, _pendingCopied.WrittenSpan, maxMessageBytes);
                _pendingCopied.ResetWrittenCount();
            }
            else if (_pendingStart >= 0)
            {
                AddRange(_pendingStart, Math.Min(lineStart, _pendingStart + MaxPendingBlank));
            }
            _pendingStart = -1;
        }

        /// <summary>Adds bytes of the buffer to the message: to the run when they follow it, else as a new run.</summary>
        private void AddRange(int start, int end)
        {
            if (_runStart >= 0 && _runEnd == start)
            {
                _runEnd = end;
                return;
            }
            FlushRun();
            _runStart = start;
            _runEnd = end;
        }

        private void FlushRun()
        {
            if (_runStart < 0) return;
            Append(_message, _buffer.AsSpan(_runStart, _runEnd - _runStart), maxMessageBytes);
            _runStart = -1;
        }

        /// <summary>The message read so far (cut at the size limit) in an array of its own (fresh, or rented when the
        /// splitter rents), null when empty; starts the next one.</summary>
        private RentedMessage? TakeMessage()
        {
            ReadOnlySpan<byte> bytes;
            if (_message.WrittenCount == 0 && _runStart >= 0)
            {
                bytes = _buffer.AsSpan(_runStart, Math.Min(_runEnd - _runStart, maxMessageBytes));
            }
            else
            {
                FlushRun();
                bytes = _message.WrittenSpan;
            }
            RentedMessage? message = null;
            if (!bytes.IsEmpty)
            {
                var array = rent ? ArrayPool<byte>.Shared.Rent(bytes.Length) : new byte[bytes.Length];
                bytes.CopyTo(array);
                message = new RentedMessage(array, bytes.Length);
            }
            _runStart = -1;
            _message.ResetWrittenCount();
            _pendingStart = -1;
            _pendingCopied.ResetWrittenCount();
            return message;
        }

        /// <summary>The next line (with its line ending) as a range of the buffer, valid until the next call.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private bool TryReadLine(out int lineStart, out int lineEnd)
        {
            while (true)
            {
                var available = _buffer.AsSpan(_start, _end - _start);
                var nl = available.IndexOf((byte)'\n');
                if (nl >= 0 || _eof || available.Length >= MaxLine)
                {
                    var take = nl >= 0 ? nl + 1 : available.Length;
                    lineStart = _start;
                    lineEnd = _start + take;
                    _start = lineEnd;
                    return take > 0;
                }
                Fill();
            }
        }

        private void Fill()
        {
            // What the message and the held-back lines still need of the buffer is copied out before it moves.
            FlushRun();
            if (_pendingStart >= 0)
            {
                Append(_pendingCopied, _buffer.AsSpan(_pendingStart, _start - _pendingStart), MaxPendingBlank);
                _pendingStart = -1;
            }
            if (_start > 0)
            {
                Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
                _end -= _start;
                _start = 0;
            }
            if (_end == _buffer.Length)
            {
                var bigger = ArrayPool<byte>.Shared.Rent(_buffer.Length * 2);
                Buffer.BlockCopy(_buffer, 0, bigger, 0, _end);
                ArrayPool<byte>.Shared.Return(_buffer);
                _buffer = bigger;
            }
            var n = stream.Read(_buffer, _end, _buffer.Length - _end);
            if (n == 0) _eof = true;
            _end += n;
        }

        public void Dispose()
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = [];
        }
    }
}
