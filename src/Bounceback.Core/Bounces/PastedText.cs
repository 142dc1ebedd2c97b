using System.Text;
using MimeKit;

namespace Bounceback.Core.Bounces;

/// <summary>
/// Text pasted without a message's header block, such as the visible text of a notice copied from a mail program: read
/// as a message whose only part is that text, so the decoders find the notice's wording as they do in a real one.
/// </summary>
public static partial class PastedText
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
        var body = new TextPart("plain") { Text = WithLineBreaksRestored(text.TrimStart('\uFEFF')) };
        body.ContentType.Charset = "utf-8";
        var message = new MimeMessage();
        // A pasted text has no header of its own: none of the sender, date or id MimeKit gives a new message.
        message.Headers.Clear();
        message.Body = body;
        return message;
    }

    /// <summary>A pasted line longer than this that holds a report's fields or a notice's recipient lines lost its breaks.</summary>
    private const int LongLine = 400;

    /// <summary>
    /// The text with the line breaks a notice had put back where a phone or a web form joined its lines into one: before
    /// each field of a delivery report ("Final-Recipient:", "Status:", "Diagnostic-Code:"; a blank line before each
    /// recipient's group) and before each recipient's line ("&lt;addr&gt;: host ..."). Only in lines that are very long
    /// and hold two of the report's fields or two recipient lines; other text is left as it is.
    /// </summary>
    internal static string WithLineBreaksRestored(string text)
    {
        if (text.Length < LongLine || !HasLongLine(text)) return text;
        var lines = text.Split('\n');
        var changed = false;
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].Length < LongLine) continue;
            try
            {
                if (JoinedFields().Count(lines[i]) + JoinedRecipients().Count(lines[i]) < 2) continue;
                var line = JoinedRecipients().Replace(lines[i], "\n\n");
                line = JoinedGroupStart().Replace(line, "\n\n");
                lines[i] = JoinedFields().Replace(line, "\n");
                changed = true;
            }
            catch (System.Text.RegularExpressions.RegexMatchTimeoutException)
            {
                // Left as it was.
            }
        }
        return changed ? string.Join('\n', lines) : text;

        static bool HasLongLine(string t)
        {
            var start = 0;
            for (var nl = t.IndexOf('\n'); ; nl = t.IndexOf('\n', start))
            {
                var end = nl < 0 ? t.Length : nl;
                if (end - start >= LongLine) return true;
                if (nl < 0) return false;
                start = nl + 1;
            }
        }
    }

    // The space before a report field joined to the text before it.
    [System.Text.RegularExpressions.GeneratedRegex(@"(?<=\S) +(?=(?:Reporting-MTA|X-Postfix-Queue-ID|X-Postfix-Sender|Arrival-Date|Original-Recipient|Action|Status|Remote-MTA|Diagnostic-Code|Last-Attempt-Date|Will-Retry-Until): )",
        System.Text.RegularExpressions.RegexOptions.CultureInvariant, matchTimeoutMilliseconds: RegexBudget.Milliseconds)]
    private static partial System.Text.RegularExpressions.Regex JoinedFields();

    // The space before a recipient's group (its first field) or the report's own fields.
    [System.Text.RegularExpressions.GeneratedRegex(@"(?<=\S) +(?=(?:Final-Recipient|Reporting-MTA): )",
        System.Text.RegularExpressions.RegexOptions.CultureInvariant, matchTimeoutMilliseconds: RegexBudget.Milliseconds)]
    private static partial System.Text.RegularExpressions.Regex JoinedGroupStart();

    // The space before a notice's recipient line joined to the text before it ("... The mail system <ann@example.org>: host"),
    // not a reply's echo of the address after its codes ("550 5.1.1 <ann@example.org>: Recipient address rejected").
    [System.Text.RegularExpressions.GeneratedRegex(@"(?<=\S)(?<![245]\d\d|[245]\.\d{1,3}\.\d{1,3}) +(?=<[^\s<>@]{1,64}@[^\s<>]{1,255}>: )",
        System.Text.RegularExpressions.RegexOptions.CultureInvariant, matchTimeoutMilliseconds: RegexBudget.Milliseconds)]
    private static partial System.Text.RegularExpressions.Regex JoinedRecipients();

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
