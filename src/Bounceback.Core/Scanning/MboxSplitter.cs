using System.Buffers;

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
    public static bool LooksLikeMbox(ReadOnlySpan<byte> head) => head.StartsWith(FromSpace);

    /// <summary>Yields each message of the stream in order, as a fresh byte array.</summary>
    /// <param name="stream">The mbox, positioned at its start.</param>
    /// <param name="maxMessageBytes">A message larger than this is cut there (the rest skipped), to bound memory.</param>
    /// <param name="lengthHint">The stream's length when the caller knows it (an mbox file already in memory), so
    /// a small mbox gets small buffers; null for a stream of unknown length.</param>
    public static IEnumerable<byte[]> Split(Stream stream, int maxMessageBytes = 256 * 1024 * 1024, long? lengthHint = null)
    {
        var buffer = lengthHint is { } n ? (int)Math.Clamp(n + 1, 4096, ReadBufferBytes) : ReadBufferBytes;
        var reader = new LineReader(stream, buffer);
        try
        {
            var message = new ArrayBufferWriter<byte>(Math.Min(buffer, 64 * 1024));
            var started = false;
            var previousBlank = true;
            var pendingBlank = new ArrayBufferWriter<byte>(64);
            while (reader.TryReadLine(out var line, out var length))
            {
                var content = TrimEol(line.AsSpan(0, length));
                if (previousBlank && content.StartsWith(FromSpace))
                {
                    if (started && message.WrittenCount > 0) yield return message.WrittenSpan.ToArray();
                    message.ResetWrittenCount();
                    started = true;
                    previousBlank = false;
                    pendingBlank.ResetWrittenCount();
                    continue;
                }
                started = true;
                if (content.IsEmpty)
                {
                    // Empty lines just before a separator belong to the format: hold them back until a line follows.
                    Append(pendingBlank, line.AsSpan(0, length), 1 << 20);
                    previousBlank = true;
                    continue;
                }
                Append(message, pendingBlank.WrittenSpan, maxMessageBytes);
                pendingBlank.ResetWrittenCount();
                previousBlank = false;
                var start = content[0] == (byte)'>' && IsQuotedFrom(content) ? 1 : 0;
                Append(message, line.AsSpan(start, length - start), maxMessageBytes);
            }
            if (message.WrittenCount > 0) yield return message.WrittenSpan.ToArray();
        }
        finally
        {
            reader.Dispose();
        }
    }

    private static bool IsQuotedFrom(ReadOnlySpan<byte> content)
    {
        var i = 0;
        while (i < content.Length && content[i] == (byte)'>') i++;
        return content[i..].StartsWith(FromSpace);
    }

    private static ReadOnlySpan<byte> TrimEol(ReadOnlySpan<byte> line)
    {
        if (line.Length > 0 && line[^1] == (byte)'\n') line = line[..^1];
        if (line.Length > 0 && line[^1] == (byte)'\r') line = line[..^1];
        return line;
    }

    private static void Append(ArrayBufferWriter<byte> writer, ReadOnlySpan<byte> bytes, int max)
    {
        var room = max - writer.WrittenCount;
        if (room <= 0) return;
        if (bytes.Length > room) bytes = bytes[..room];
        bytes.CopyTo(writer.GetSpan(bytes.Length));
        writer.Advance(bytes.Length);
    }

    /// <summary>The read buffer of a stream of unknown length.</summary>
    private const int ReadBufferBytes = 256 * 1024;

    /// <summary>Reads lines (with their line ending) through one pooled buffer; a line over 1 MB comes in pieces.</summary>
    private sealed class LineReader(Stream stream, int bufferBytes) : IDisposable
    {
        private const int MaxLine = 1024 * 1024;
        private byte[] _buffer = ArrayPool<byte>.Shared.Rent(bufferBytes);
        private byte[] _line = ArrayPool<byte>.Shared.Rent(4096);
        private int _start;
        private int _end;
        private bool _eof;

        /// <summary>The next line, copied into a reused array (valid until the next call).</summary>
        public bool TryReadLine(out byte[] line, out int length)
        {
            while (true)
            {
                var available = _buffer.AsSpan(_start, _end - _start);
                var nl = available.IndexOf((byte)'\n');
                if (nl >= 0 || _eof || available.Length >= MaxLine)
                {
                    var take = nl >= 0 ? nl + 1 : available.Length;
                    if (take == 0) { line = _line; length = 0; return false; }
                    if (_line.Length < take)
                    {
                        ArrayPool<byte>.Shared.Return(_line);
                        _line = ArrayPool<byte>.Shared.Rent(take);
                    }
                    available[..take].CopyTo(_line);
                    _start += take;
                    line = _line;
                    length = take;
                    return true;
                }
                Fill();
            }
        }

        private void Fill()
        {
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
            ArrayPool<byte>.Shared.Return(_line);
            _buffer = [];
            _line = [];
        }
    }
}
