using System.Buffers;

namespace Bounceback.Core.Bounces.Decoders;

/// <summary>
/// The characters of a notice, collected in one rented buffer of <see cref="MessageParts.MaxNoticeChars"/> and made a
/// string once: what is appended past that many is dropped, as the notice's text is cut there. Passed by reference;
/// <see cref="Dispose"/> returns the buffer.
/// </summary>
internal struct NoticeWriter : IDisposable
{
    private char[]? _buffer;
    private int _length;

    public NoticeWriter() => _buffer = ArrayPool<char>.Shared.Rent(MessageParts.MaxNoticeChars);

    /// <summary>Whether the notice holds its most characters: nothing appended from now on is kept.</summary>
    public readonly bool Full => _length == MessageParts.MaxNoticeChars;

    public void Append(ReadOnlySpan<char> text)
    {
        var room = MessageParts.MaxNoticeChars - _length;
        var kept = text.Length > room ? text[..room] : text;
        kept.CopyTo(_buffer.AsSpan(_length));
        _length += kept.Length;
    }

    public void Append(char c)
    {
        if (!Full) _buffer![_length++] = c;
    }

    /// <summary>How many characters the notice holds.</summary>
    public readonly int Length => _length;

    /// <summary>The characters from <paramref name="start"/> on.</summary>
    public readonly ReadOnlySpan<char> From(int start) => _buffer.AsSpan(start, _length - start);

    /// <summary>Drops <paramref name="count"/> characters from <paramref name="start"/> on, moving the rest up.</summary>
    public void Remove(int start, int count)
    {
        count = Math.Clamp(count, 0, _length - start);
        _buffer.AsSpan(start + count, _length - start - count).CopyTo(_buffer.AsSpan(start));
        _length -= count;
    }

    /// <summary>Drops what was appended after the first <paramref name="length"/> characters.</summary>
    public void Truncate(int length) => _length = Math.Clamp(length, 0, _length);

    public override readonly string ToString() => new(_buffer.AsSpan(0, _length));

    public void Dispose()
    {
        if (_buffer is null) return;
        ArrayPool<char>.Shared.Return(_buffer);
        _buffer = null;
    }
}
