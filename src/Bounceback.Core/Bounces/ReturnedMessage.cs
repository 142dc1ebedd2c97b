using MimeKit;

namespace Bounceback.Core.Bounces;

/// <summary>
/// An attached message (message/rfc822, message/global) that MimeKit leaves unparsed until it is needed. A bounce
/// returns the original message, and of it a bulk parse reads only a few header fields (the original's sender, id
/// and subject); parsing every returned message's headers and parts was a fifth of MimeKit's work over a mailbox of
/// bounces. <see cref="OriginalHeaders"/> hands MimeKit just the wanted fields; <see cref="Message"/> parses the whole message
/// with MimeKit the first time something looks inside it (a forwarded bounce, a report nested in a forward).
/// </summary>
/// <remarks>Used by the bulk reader (<see cref="Options"/>, <see cref="Scanning.ScanItem"/>); a message read any other
/// way keeps MimeKit's own <see cref="MessagePart"/>, and the readers accept both (<see cref="Decoders.MessageParts"/>).
/// A test parses every fixture both ways and requires the same results.</remarks>
public sealed class ReturnedMessage : MimePart
{
    /// <summary>MimeKit's parser options with attached messages left unparsed as <see cref="ReturnedMessage"/>.</summary>
    public static ParserOptions Options { get; } = CreateOptions();

    private static ParserOptions CreateOptions()
    {
        var options = ParserOptions.Default.Clone();
        options.RegisterMimeType("message/rfc822", typeof(ReturnedMessage));
        options.RegisterMimeType("message/global", typeof(ReturnedMessage));
        return options;
    }

    /// <summary>The header fields of the returned message that the readers use.</summary>
    private static readonly string[] WantedFields = ["Return-Path", "From", "Message-ID", "Subject", "To", "X-HmXmrOriginalRecipient"];

    /// <summary>Most bytes of a header block read for the wanted fields.</summary>
    private const int MaxHeaderBytes = 256 * 1024;

    private MimeMessage? _message;
    private bool _parsed;
    private HeaderList? _headers;

    /// <summary>Made by MimeKit's parser (<see cref="Options"/>).</summary>
    public ReturnedMessage(MimeEntityConstructorArgs args) : base(args)
    {
    }

    /// <summary>The whole returned message, parsed by MimeKit on first use; null when there is no content or MimeKit
    /// cannot read it as a message.</summary>
    public MimeMessage? Message
    {
        get
        {
            if (_parsed) return _message;
            _parsed = true;
            if (Content is null) return null;
            try
            {
                // Bytes in memory are parsed in place (the parts' contents stay ranges of them); others through MimeKit's
                // decoding stream.
                if (ContentBytes.TryGetStored(Content, out var stored))
                {
                    var bytes = new MemoryStream(stored.Array!, stored.Offset, stored.Count, writable: false, publiclyVisible: true);
                    _message = ThreadParser.Message(Options, bytes, persistent: true);
                }
                else
                {
                    using var stream = Content.Open();
                    _message = ThreadParser.Message(Options, stream, persistent: false);
                }
            }
            catch (FormatException)
            {
                // Not a message MimeKit reads on its own (its first line is no header field); read as a part of a
                // message, as the full parse does, MimeKit still finds what it can. Failing that, nothing to look into.
                _message = AsAttachedPart();
            }
            return _message;
        }
    }

    /// <summary>The content read the way MimeKit reads an attached message inside a whole message (a message/rfc822
    /// entity), or null.</summary>
    private MimeMessage? AsAttachedPart()
    {
        try
        {
            using var joined = new MemoryStream();
            joined.Write("Content-Type: message/rfc822\r\n\r\n"u8);
            Content!.DecodeTo(joined);
            joined.Position = 0;
            return MimeEntity.Load(AttachedPartOptions, joined) is MessagePart { Message: { } message } ? message : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>MimeKit's default options: the message read by <see cref="AsAttachedPart"/> is read whole.</summary>
    private static readonly ParserOptions AttachedPartOptions = new();

    /// <summary>
    /// The returned message's header fields that the readers use (<see cref="WantedFields"/>, in the order the message
    /// has them), each parsed by MimeKit; the other fields (the long Received: lines) are skipped. Null when there is no
    /// content. When the whole message has been parsed, its own header list.
    /// </summary>
    public HeaderList? OriginalHeaders
    {
        get
        {
            // A message MimeKit could not parse whole may still have the wanted fields: they are read as below.
            if (_parsed && _message is not null) return _message.Headers;
            if (_headers is not null || Content is null) return _headers;
            if (ContentBytes.TryGetStored(Content, out var stored))
            {
                var length = EndOfHeaders(stored.AsSpan(0, Math.Min(stored.Count, MaxHeaderBytes)), 0);
                _headers = WantedHeaders(stored.Array!, stored.Offset, length >= 0 ? length : Math.Min(stored.Count, MaxHeaderBytes));
                return _headers;
            }
            using var stream = Content.Open();
            var block = ReadHeaderBlock(stream);
            _headers = WantedHeaders(block, 0, block.Length);
            return _headers;
        }
    }

    /// <summary>
    /// Whether the message's bytes (after its transfer encoding is undone) hold the ASCII word, compared ignoring case:
    /// a part of a kind the word names cannot be inside it otherwise. Read in blocks, without parsing.
    /// </summary>
    public bool Mentions(ReadOnlySpan<byte> word)
    {
        if (word.IsEmpty) return true;
        if (Content is null) return false;
        if (ContentBytes.TryGetStored(Content, out var stored)) return Contains(stored, word);
        using var stream = Content.Open();
        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            var kept = 0;
            int n;
            while ((n = stream.Read(buffer, kept, buffer.Length - kept)) > 0)
            {
                var span = buffer.AsSpan(0, kept + n);
                if (Contains(span, word)) return true;
                // The last bytes may hold the start of the word: they begin the next block.
                kept = Math.Min(word.Length - 1, span.Length);
                span[^kept..].CopyTo(buffer);
            }
            return false;
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>ASCII case-insensitive search: at each place the word's first letter (either case) appears, the rest is compared.</summary>
    private static bool Contains(ReadOnlySpan<byte> text, ReadOnlySpan<byte> word)
    {
        var lower = (byte)char.ToLowerInvariant((char)word[0]);
        var upper = (byte)char.ToUpperInvariant((char)word[0]);
        for (var at = text.IndexOfAny(lower, upper); at >= 0 && at <= text.Length - word.Length; )
        {
            if (System.Text.Ascii.EqualsIgnoreCase(text.Slice(at, word.Length), word)) return true;
            var next = text[(at + 1)..].IndexOfAny(lower, upper);
            at = next < 0 ? -1 : at + 1 + next;
        }
        return false;
    }

    /// <summary>The bytes of the header block: up to the first empty line, or a fixed size.</summary>
    private static byte[] ReadHeaderBlock(Stream stream)
    {
        using var block = new MemoryStream();
        var buffer = new byte[4096];
        int n;
        while (block.Length < MaxHeaderBytes && (n = stream.Read(buffer, 0, buffer.Length)) > 0)
        {
            var start = (int)Math.Max(0, block.Length - 3);
            block.Write(buffer, 0, n);
            var end = EndOfHeaders(block.GetBuffer().AsSpan(0, (int)block.Length), start);
            if (end >= 0) return block.GetBuffer().AsSpan(0, end).ToArray();
        }
        return block.GetBuffer().AsSpan(0, (int)Math.Min(block.Length, MaxHeaderBytes)).ToArray();
    }

    /// <summary>Where the empty line that ends the header block starts (after the line break before it), or -1.</summary>
    private static int EndOfHeaders(ReadOnlySpan<byte> bytes, int from)
    {
        if (bytes.Length > 0 && bytes[0] is (byte)'\n') return 0;
        if (bytes.Length > 1 && bytes[0] == '\r' && bytes[1] == '\n') return 0;
        for (var i = Math.Max(from, 1); i < bytes.Length; i++)
        {
            if (bytes[i - 1] != '\n') continue;
            if (bytes[i] == '\n' || (bytes[i] == '\r' && i + 1 < bytes.Length && bytes[i + 1] == '\n')) return i;
        }
        return -1;
    }

    /// <summary>The wanted fields of a header block (<paramref name="length"/> bytes from <paramref name="start"/>), each with its
    /// continuation lines, parsed by MimeKit.</summary>
    /// <remarks>The fields are copied together and read by the thread's parser in one go (<see cref="ThreadParser"/>):
    /// <see cref="Header.TryParse(ParserOptions, byte[], int, int, out Header)"/> per field copied the parser options
    /// for every field. A block MimeKit cannot read that way is read field by field, as before.</remarks>
    private static HeaderList WantedHeaders(byte[] bytes, int start, int length)
    {
        var wanted = System.Buffers.ArrayPool<byte>.Shared.Rent(length + 2);
        try
        {
            var used = 0;
            var at = start;
            var stop = start + length;
            while (at < stop)
            {
                // One field: its first line and the continuation lines (starting with a space or a tab) after it.
                var end = NextLine(bytes, at, stop);
                while (end < stop && bytes[end] is (byte)' ' or (byte)'\t') end = NextLine(bytes, end, stop);
                if (IsWanted(bytes.AsSpan(at, end - at)))
                {
                    bytes.AsSpan(at, end - at).CopyTo(wanted.AsSpan(used));
                    used += end - at;
                    if (wanted[used - 1] != (byte)'\n') wanted[used++] = (byte)'\n';
                }
                at = end;
            }
            if (used == 0) return [];
            // The empty line that ends a header block.
            wanted[used++] = (byte)'\n';
            return ParseTogether(wanted, used) ?? OneByOne(wanted, used);
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(wanted);
        }
    }

    /// <summary>The fields read as one header block; null when MimeKit cannot read them so.</summary>
    private static HeaderList? ParseTogether(byte[] fields, int length)
    {
        var parser = ThreadParser.Take(Options, new MemoryStream(fields, 0, length, writable: false), persistent: false);
        try
        {
            return parser.ParseHeaders();
        }
        catch (FormatException)
        {
            return null;
        }
        finally
        {
            ThreadParser.Give(parser);
        }
    }

    /// <summary>The fields (each ending with a line break) parsed one at a time; one MimeKit cannot read is left out.</summary>
    private static HeaderList OneByOne(byte[] fields, int length)
    {
        var headers = new HeaderList();
        var at = 0;
        var stop = length - 1;
        while (at < stop)
        {
            var end = NextLine(fields, at, stop);
            while (end < stop && fields[end] is (byte)' ' or (byte)'\t') end = NextLine(fields, end, stop);
            if (Header.TryParse(Options, fields, at, end - at, out var header)) headers.Add(header);
            at = end;
        }
        return headers;
    }

    private static int NextLine(byte[] bytes, int at, int stop)
    {
        var nl = bytes.AsSpan(at, stop - at).IndexOf((byte)'\n');
        return nl < 0 ? stop : at + nl + 1;
    }

    private static bool IsWanted(ReadOnlySpan<byte> field)
    {
        var colon = field.IndexOf((byte)':');
        if (colon < 1) return false;
        var name = field[..colon].TrimEnd(" \t"u8);
        foreach (var wanted in WantedFields)
        {
            if (name.Length == wanted.Length && System.Text.Ascii.EqualsIgnoreCase(name, wanted)) return true;
        }
        return false;
    }

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing) _message?.Dispose();
        base.Dispose(disposing);
    }
}
