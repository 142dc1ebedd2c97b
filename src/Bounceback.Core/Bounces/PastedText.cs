using System.Text;
using MimeKit;

namespace Bounceback.Core.Bounces;

/// <summary>
/// Text pasted without a message's header block, such as the visible text of a notice copied from a mail program: read
/// as a message whose only part is that text, so the decoders find the notice's wording as they do in a real one.
/// </summary>
public static class PastedText
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>How much of data without headers is looked at to tell text from binary data.</summary>
    private const int BinaryHead = 8192;

    /// <summary>Whether data without headers is binary (a NUL byte near its start, which no mail text has): an image,
    /// an archive or a program, not a message or a pasted text.</summary>
    public static bool IsBinary(ReadOnlySpan<byte> raw) => raw[..Math.Min(raw.Length, BinaryHead)].Contains((byte)0);

    /// <summary>
    /// True when the bytes do not start with a header field ("Name: value", the name without spaces) or an mbox
    /// "From " line: MimeKit cannot read them as a message, and they are the text of one.
    /// </summary>
    public static bool LacksHeaders(ReadOnlySpan<byte> raw)
    {
        var at = 0;
        if (raw.StartsWith("\uFEFF"u8)) at = 3;
        while (at < raw.Length && raw[at] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n') at++;
        if (at >= raw.Length) return false;
        var line = raw[at..];
        var end = line.IndexOfAny((byte)'\r', (byte)'\n');
        if (end >= 0) line = line[..end];
        if (line.StartsWith("From "u8)) return false;
        var colon = line.IndexOf((byte)':');
        if (colon is < 1 or > 76) return true;
        foreach (var b in line[..colon])
        {
            if (b is <= (byte)' ' or > (byte)'~') return true;
        }
        return false;
    }

    /// <summary>A message whose one text part is the pasted text (UTF-8, or Latin-1 when it is not valid UTF-8).</summary>
    public static MimeMessage ToMessage(ReadOnlySpan<byte> raw)
    {
        string text;
        try
        {
            text = StrictUtf8.GetString(raw);
        }
        catch (DecoderFallbackException)
        {
            text = Encoding.Latin1.GetString(raw);
        }
        var body = new TextPart("plain") { Text = text.TrimStart('\uFEFF') };
        body.ContentType.Charset = "utf-8";
        var message = new MimeMessage();
        // A pasted text has no header of its own: none of the sender, date or id MimeKit gives a new message.
        message.Headers.Clear();
        message.Body = body;
        return message;
    }

    /// <summary>Reads raw bytes as a message with MimeKit, or as pasted text when they start without a header.</summary>
    public static MimeMessage Load(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanSeek) return MimeMessage.Load(stream);
        var start = stream.Position;
        var head = new byte[Math.Min(1024, Math.Max(0, stream.Length - start))];
        stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        stream.Position = start;
        // Lines that end in a carriage return alone are made ordinary lines first.
        if (CarriageReturns.OnlyCarriageReturns(head))
        {
            using var lines = new MemoryStream();
            stream.CopyTo(lines);
            return Load(new MemoryStream(CarriageReturns.ToLineFeeds(lines.GetBuffer().AsSpan(0, (int)lines.Length))));
        }
        if (!LacksHeaders(head)) return MimeMessage.Load(stream);
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return ToMessage(copy.GetBuffer().AsSpan(0, (int)copy.Length));
    }
}
