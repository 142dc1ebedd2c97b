namespace Bounceback.Cli.Output;

/// <summary>A read-only stream that first returns bytes already read (to sniff the format), then the rest of the inner stream.</summary>
internal sealed class PrefixStream(ReadOnlyMemory<byte> prefix, Stream inner) : Stream
{
    private int _offset;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count)
    {
        if (_offset < prefix.Length)
        {
            var n = Math.Min(count, prefix.Length - _offset);
            prefix.Span.Slice(_offset, n).CopyTo(buffer.AsSpan(offset, n));
            _offset += n;
            return n;
        }
        return inner.Read(buffer, offset, count);
    }

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
