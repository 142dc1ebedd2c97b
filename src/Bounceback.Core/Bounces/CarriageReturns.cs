namespace Bounceback.Core.Bounces;

/// <summary>
/// Text whose lines end in a carriage return alone (old Mac OS mail programs and relays): MimeKit takes only a line
/// feed for a line break, so such a message would be one long header line. Its line ends are made line feeds before
/// MimeKit reads it. Only text whose first bytes have more such line ends than line feeds is changed, so ordinary
/// messages (LF, CRLF) are read as they are.
/// </summary>
public static class CarriageReturns
{
    /// <summary>How many bytes of the start decide.</summary>
    public const int HeadBytes = 8192;

    /// <summary>Whether most lines at the start of the data end in a carriage return alone: more bare CRs than line feeds
    /// (a message written again by a program that wrote its own header lines with LF keeps its body's CRs).</summary>
    public static bool OnlyCarriageReturns(ReadOnlySpan<byte> data)
    {
        var head = data[..Math.Min(data.Length, HeadBytes)];
        // Vectorised counts (every message passes here): most have no CR at all, the rest mostly CRLF only.
        if (!head.Contains((byte)'\r')) return false;
        var bare = head.Count((byte)'\r') - head.Count("\r\n"u8);
        return bare > 0 && bare > head.Count((byte)'\n');
    }

    /// <summary>The data with every CR and CRLF made one LF.</summary>
    public static byte[] ToLineFeeds(ReadOnlySpan<byte> data)
    {
        var output = new byte[data.Length];
        var previousCr = false;
        var n = Convert(data, output, ref previousCr);
        return n == output.Length ? output : output[..n];
    }

    // Writes the converted bytes to output (never longer than input); previousCr carries a CR that ended the last call,
    // whose LF (in the next call) is then dropped.
    private static int Convert(ReadOnlySpan<byte> input, Span<byte> output, ref bool previousCr)
    {
        var n = 0;
        foreach (var b in input)
        {
            if (b == (byte)'\n' && previousCr)
            {
                previousCr = false;
                continue;
            }
            previousCr = b == (byte)'\r';
            output[n++] = previousCr ? (byte)'\n' : b;
        }
        return n;
    }

    /// <summary>A stream that reads another one with every CR and CRLF made one LF, for a file too large to read whole.</summary>
    public sealed class LineFeedStream(Stream inner) : Stream
    {
        private bool _previousCr;
        private byte[] _buffer = [];

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            if (buffer.IsEmpty) return 0;
            if (_buffer.Length < buffer.Length) _buffer = new byte[buffer.Length];
            while (true)
            {
                var read = inner.Read(_buffer, 0, buffer.Length);
                if (read == 0) return 0;
                var n = Convert(_buffer.AsSpan(0, read), buffer, ref _previousCr);
                // A read of nothing but the LF of a CRLF gives no byte: read on rather than signal the end.
                if (n > 0) return n;
            }
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing) inner.Dispose();
            base.Dispose(disposing);
        }
    }
}
