using System.Buffers;
using System.Collections.Frozen;
using System.Globalization;
using System.Text;
using MimeKit;
using MimeKit.Encodings;

namespace Bounceback.Core.Bounces.Decoders;

/// <summary>Helpers over MimeKit's tree that every decoder needs: the notice text, the returned original, addresses.</summary>
internal static class MessageParts
{
    /// <summary>Most text a notice part is read for; the rest of a huge body is ignored.</summary>
    internal const int MaxNoticeChars = 64 * 1024;

    /// <summary>Every entity of the message, depth first, descending into attached messages up to a fixed depth.</summary>
    /// <param name="root">Where to start.</param>
    /// <param name="intoMessages">Whether to descend into attached messages.</param>
    /// <param name="into">When given, an attached message left unparsed (<see cref="ReturnedMessage"/>) is descended into
    /// only when this says so: parsing it is the costly part.</param>
    public static EntityWalk Walk(MimeEntity? root, bool intoMessages = true, Func<ReturnedMessage, bool>? into = null) => new(root, intoMessages, into);

    /// <summary>The human-readable notice: the first text part outside any attached message, bounded in size.</summary>
    public static string NoticeText(MimeMessage message)
    {
        foreach (var entity in Walk(message.Body, intoMessages: false))
        {
            if (entity is TextPart { IsAttachment: false } text && (text.IsPlain || text.IsHtml))
            {
                var notice = new NoticeWriter();
                try
                {
                    AppendText(ref notice, text);
                    return notice.ToString();
                }
                finally
                {
                    notice.Dispose();
                }
            }
        }
        return "";
    }

    /// <summary>The joined notice text per message: every text decoder reads it, so it is built once per message.</summary>
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<MimeMessage, string> NoticeCache = new();

    /// <summary>Every plain text part outside attached messages joined, bounded in size; built once per message.</summary>
    public static string AllNoticeText(MimeMessage message) => NoticeCache.GetValue(message, BuildAllNoticeText);

    private static string BuildAllNoticeText(MimeMessage message)
    {
        // Each piece is decoded straight into one buffer, followed by a line break, and the string made once: a string
        // per part (and per HTML view) before the joined one was a large share of the parse's allocations.
        var notice = new NoticeWriter();
        try
        {
            HashSet<MimeEntity>? sameAsPlain = null;
            foreach (var entity in Walk(message.Body, intoMessages: false))
            {
                if (entity is MultipartAlternative alternative) (sameAsPlain ??= []).UnionWith(HtmlBesidePlain(alternative));
                if (sameAsPlain is not null && sameAsPlain.Contains(entity)) continue;
                if (entity is Multipart { Count: 0 } empty)
                {
                    // A multipart whose boundary never appears: MimeKit keeps the whole body as its preamble.
                    notice.Append(empty.Preamble);
                    notice.Append('\n');
                    notice.Append(empty.Epilogue);
                    notice.Append('\n');
                }
                if (entity is TextPart { IsAttachment: false } text && !text.ContentType.IsMimeType("text", "rfc822-headers"))
                {
                    AppendText(ref notice, text);
                    notice.Append('\n');
                    // Nothing more would be kept.
                    if (notice.Full) break;
                }
            }
            return notice.ToString();
        }
        finally
        {
            notice.Dispose();
        }
    }

    /// <summary>A text part's text, an HTML one's as <see cref="HtmlText"/> views it.</summary>
    private static void AppendText(ref NoticeWriter notice, TextPart part)
    {
        using var decoded = Decoded(part);
        var start = notice.Length;
        if (part.IsHtml) HtmlText.AppendPlain(decoded.Chars, ref notice);
        else notice.Append(decoded.Chars);
        // A gateway's footer below the part's text, or a part of its own after the notice's, is no part of the notice;
        // nor is a gateway's banner above it.
        if (GatewayText.FooterStart(notice.From(start), mayOpen: start > 0) is var footer and >= 0) notice.Truncate(start + footer);
        if (GatewayText.BannerLength(notice.From(start)) is var banner and > 0) notice.Remove(start, banner);
    }

    /// <summary>
    /// The HTML parts of a multipart/alternative that also has a plain-text part with text in it: the alternatives say the
    /// same thing, and reading the HTML one as well (decoding it and taking the tags out) cost more than the plain one.
    /// </summary>
    private static IEnumerable<MimeEntity> HtmlBesidePlain(MultipartAlternative alternative)
    {
        var hasPlain = false;
        foreach (var child in alternative)
        {
            if (child is TextPart { IsAttachment: false, IsPlain: true } plain && HasText(plain)) hasPlain = true;
        }
        if (!hasPlain) yield break;
        foreach (var child in alternative)
        {
            if (child is TextPart { IsAttachment: false, IsHtml: true }) yield return child;
        }
    }

    private static bool HasText(TextPart part)
    {
        using var decoded = Decoded(part);
        return !decoded.Chars.IsWhiteSpace();
    }

    /// <summary>Most bytes of one text part that are read; a bounce's own wording is far shorter.</summary>
    private const int MaxPartBytes = 256 * 1024;

    /// <summary>The decoded text of a part (MimeKit undoes the transfer encoding), read up to a fixed size.</summary>
    public static string SafeText(TextPart part)
    {
        using var decoded = Decoded(part);
        return new string(decoded.Chars);
    }

    /// <summary>The decoded characters of a part in a rented array; <see cref="Dispose"/> gives it back.</summary>
    private readonly struct DecodedChars(char[]? array, int length) : IDisposable
    {
        public ReadOnlySpan<char> Chars => array.AsSpan(0, length);

        public void Dispose()
        {
            if (array is not null) ArrayPool<char>.Shared.Return(array);
        }
    }

    /// <summary>What <see cref="SafeText"/> gives, in a rented array: none when the part has no content or cannot be read.</summary>
    private static DecodedChars Decoded(TextPart part)
    {
        if (part.Content is null) return default;
        char[]? chars = null;
        var bytes = ArrayPool<byte>.Shared.Rent(MaxPartBytes);
        try
        {
            var total = ReadBounded(part.Content, bytes);
            var encoding = UndeclaredEightBit(part.ContentType, bytes.AsSpan(0, total)) ?? EncodingOf(part.ContentType);
            chars = ArrayPool<char>.Shared.Rent(encoding.GetMaxCharCount(total));
            return new DecodedChars(chars, encoding.GetChars(bytes.AsSpan(0, total), chars));
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or FormatException or InvalidOperationException or IOException or DecoderFallbackException)
        {
            if (chars is not null) ArrayPool<char>.Shared.Return(chars);
            return default;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
        }
    }

    /// <summary>The content's bytes (MimeKit undoes the transfer encoding), up to <see cref="MaxPartBytes"/>; gives how many.</summary>
    private static int ReadBounded(IMimeContent content, byte[] buffer)
    {
        var unencoded = Unencoded(content);
        if (unencoded is null && DecoderOf(content.Encoding) is { } decoder && content.Stream is { CanSeek: true } encoded)
        {
            return DecodeBounded(encoded, decoder, buffer);
        }
        var stream = unencoded ?? content.Open();
        try
        {
            if (unencoded is not null) stream.Position = 0;
            var total = 0;
            int n;
            while (total < MaxPartBytes && (n = stream.Read(buffer, total, MaxPartBytes - total)) > 0) total += n;
            return total;
        }
        finally
        {
            // The content's own stream stays open: the message may be read again.
            if (unencoded is null) stream.Dispose();
        }
    }

    /// <summary>Bytes of encoded content read at a time.</summary>
    private const int EncodedBlockBytes = 16 * 1024;

    /// <summary>MimeKit's decoder of a transfer encoding, the one its decoding stream uses; null for content stored as it reads.</summary>
    private static IMimeDecoder? DecoderOf(ContentEncoding encoding) => encoding switch
    {
        ContentEncoding.Base64 => new Base64Decoder(),
        ContentEncoding.QuotedPrintable => new QuotedPrintableDecoder(),
        ContentEncoding.UUEncode => new UUDecoder(),
        _ => null,
    };

    /// <summary>
    /// The content decoded as MimeKit's decoding stream (<see cref="IMimeContent.Open"/>) gives it, up to
    /// <see cref="MaxPartBytes"/>: the same decoder over the encoded bytes read a block at a time (it keeps its state
    /// between blocks), but in rented buffers instead of the stream's own, which were new for every part read.
    /// </summary>
    private static int DecodeBounded(Stream encoded, IMimeDecoder decoder, byte[] output)
    {
        var block = ArrayPool<byte>.Shared.Rent(EncodedBlockBytes);
        var decoded = ArrayPool<byte>.Shared.Rent(decoder.EstimateOutputLength(EncodedBlockBytes));
        try
        {
            encoded.Position = 0;
            var total = 0;
            int n;
            while (total < MaxPartBytes && (n = encoded.Read(block, 0, EncodedBlockBytes)) > 0)
            {
                // The decoder asks for room by its state as well (a quoted-printable escape cut at the block's end).
                if (decoded.Length < decoder.EstimateOutputLength(n))
                {
                    ArrayPool<byte>.Shared.Return(decoded);
                    decoded = ArrayPool<byte>.Shared.Rent(decoder.EstimateOutputLength(n));
                }
                var count = Math.Min(decoder.Decode(block, 0, n, decoded), MaxPartBytes - total);
                decoded.AsSpan(0, count).CopyTo(output.AsSpan(total));
                total += count;
            }
            return total;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(decoded);
            ArrayPool<byte>.Shared.Return(block);
        }
    }

    /// <summary>
    /// The content's own stream when it is stored as it reads (7bit, 8bit, binary), else null. Such content is read
    /// straight from it, without MimeKit's decoding stream and that stream's buffer; the bytes are the same.
    /// </summary>
    private static Stream? Unencoded(IMimeContent content) =>
        content.Encoding is ContentEncoding.Default or ContentEncoding.SevenBit or ContentEncoding.EightBit or ContentEncoding.Binary && content.Stream is { CanSeek: true } stream
            ? stream
            : null;

    /// <summary>
    /// The encoding of 8-bit text whose part declares no charset, or US-ASCII: UTF-8 when the bytes are UTF-8, else
    /// Windows-1252 (which Western servers that leave the charset out mostly write); null for other parts and for text
    /// that is ASCII, which the declared charset reads.
    /// </summary>
    private static Encoding? UndeclaredEightBit(ContentType type, ReadOnlySpan<byte> bytes)
    {
        if (type.Charset is { Length: > 0 } declared && !declared.Equals("us-ascii", StringComparison.OrdinalIgnoreCase)) return null;
        if (!bytes.ContainsAnyExceptInRange((byte)0, (byte)0x7F)) return null;
        return System.Text.Unicode.Utf8.IsValid(bytes) ? Encoding.UTF8 : CommonCharsets["windows-1252"];
    }

    /// <summary>The encoding a part's text is read with: <see cref="ResolveCharset"/>, looked up first among the common charsets.</summary>
    internal static Encoding EncodingOf(ContentType type) =>
        type.Charset is { } name && CommonCharsets.TryGetValue(name, out var common) ? common : ResolveCharset(type);

    /// <summary>
    /// The charsets of most notices, each resolved once as <see cref="ResolveCharset"/> resolves it. MimeKit's lookup
    /// throws and catches an exception for every part in a charset that .NET does not have built in (ISO-2022-JP,
    /// Shift_JIS, windows-125x), about 1% of a bulk run; encodings are thread-safe, so one instance serves every part.
    /// </summary>
    private static readonly FrozenDictionary<string, Encoding> CommonCharsets =
        new[] { "utf-8", "us-ascii", "iso-8859-1", "iso-8859-15", "iso-2022-jp", "shift_jis", "euc-jp", "gb2312", "big5", "koi8-r", "windows-1250", "windows-1251", "windows-1252",
            // UTF-7, which .NET no longer decodes: read as UTF-8, again after an exception each time.
            "utf-7", "unicode-1-1-utf-7" }
        .ToFrozenDictionary(name => name, name => ResolveCharset(new ContentType("text", "plain") { Charset = name }), StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// A header value with raw ISO-2022-JP runs (ESC $ B ... ESC ( B, 7-bit, so no charset decoding touched them) read as
    /// Japanese: Japanese servers write a report's Diagnostic-Code that way. Any other text is returned as it is.
    /// </summary>
    internal static string WithIso2022JpRead(string text)
    {
        if (!text.Contains('\u001B') || text.AsSpan().ContainsAnyExceptInRange('\0', '\u007F')) return text;
        return CommonCharsets["iso-2022-jp"].GetString(Encoding.ASCII.GetBytes(text));
    }

    /// <summary>
    /// The encoding of a content type's charset as MimeKit knows it (with its aliases); charsets outside .NET's built-in
    /// set (ISO-2022-JP, Shift_JIS, windows-125x) from the code-pages provider; else UTF-8.
    /// </summary>
    internal static Encoding ResolveCharset(ContentType type)
    {
        try
        {
            return type.CharsetEncoding
                ?? (type.Charset is { Length: > 0 } name ? CodePagesEncodingProvider.Instance.GetEncoding(name) : null)
                ?? Encoding.UTF8;
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException)
        {
            return Encoding.UTF8;
        }
    }

    /// <summary>The headers of the returned original message (message/rfc822 or text/rfc822-headers), if any.</summary>
    public static HeaderList? OriginalHeaders(MimeMessage message)
    {
        foreach (var entity in Walk(message.Body, intoMessages: false))
        {
            switch (entity)
            {
                case TextRfc822Headers { Message: { } headersOnly }:
                    return headersOnly.Headers;
                case MessagePart { Message: { } original } when entity is not MessageDeliveryStatus:
                    return original.Headers;
                case ReturnedMessage { OriginalHeaders: { } returned }:
                    return returned;
                case MimePart { Content: { } content } encoded when IsEncodedCopy(encoded):
                    if (EncodedCopyHeaders(content) is { } headers) return headers;
                    break;
            }
        }
        return null;
    }

    /// <summary>
    /// An attached message or header block sent in base64 or quoted-printable (which RFC 2046 forbids for message/rfc822,
    /// but servers do): MimeKit then leaves it a plain <see cref="MimePart"/> rather than a parsed message.
    /// </summary>
    private static bool IsEncodedCopy(MimePart part) =>
        part is not ReturnedMessage && part.ContentTransferEncoding is ContentEncoding.Base64 or ContentEncoding.QuotedPrintable
        && (part.ContentType.IsMimeType("message", "rfc822") || part.ContentType.IsMimeType("message", "global")
            || part.ContentType.IsMimeType("text", "rfc822-headers"));

    /// <summary>
    /// An attached message sent in base64 or quoted-printable (<see cref="IsEncodedCopy"/>, not a header block alone),
    /// decoded and parsed by MimeKit; the caller disposes it. Null for any other part and when it holds no message.
    /// </summary>
    public static MimeMessage? EncodedMessage(MimePart part)
    {
        if (!IsEncodedCopy(part) || part.ContentType.IsMimeType("text", "rfc822-headers") || part.Content is null) return null;
        try
        {
            using var decoded = part.Content.Open();
            return MimeMessage.Load(decoded);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>The header block of an encoded copy, decoded and read by MimeKit; null when it holds none.</summary>
    private static HeaderList? EncodedCopyHeaders(IMimeContent content)
    {
        try
        {
            using var decoded = content.Open();
            return HeaderList.Load(decoded);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>
    /// A mailbox's address with an internationalised domain in its ASCII (punycode) form, the form SMTP and the notice's
    /// own text give: MimeKit's <see cref="MailboxAddress.Address"/> decodes "xn--" labels, so the same recipient read
    /// from a header and from the text would otherwise differ (and a malformed label would decode to noise).
    /// </summary>
    public static string AddressOf(MailboxAddress mailbox)
    {
        try
        {
            return mailbox.GetAddress(idnEncode: true);
        }
        catch (ArgumentException)
        {
            return mailbox.Address;
        }
    }

    /// <summary>A bare address: trims spaces, angle brackets, quotes and an "rfc822;" type prefix.</summary>
    public static string CleanAddress(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return "";
        // Cut as a span and made a string once (none when nothing is cut): every recipient and original is read so.
        var s = value.AsSpan().Trim();
        var semi = s.IndexOf(';');
        if (semi >= 0 && semi < 12) s = s[(semi + 1)..].Trim();
        var lt = s.LastIndexOf('<');
        var gt = s.LastIndexOf('>');
        if (lt >= 0 && gt > lt) s = s[(lt + 1)..gt];
        s = s.Trim();
        // A comment after the address ("accounts@example.net (Accounts Payable)", RFC 5322) is no part of it.
        var at = s.IndexOf('@');
        if (at > 0 && s.Length > 0 && s[^1] == ')')
        {
            var open = s[at..].IndexOf(" (", StringComparison.Ordinal);
            if (open < 0) open = s[at..].IndexOf("\t(", StringComparison.Ordinal);
            if (open > 0) s = s[..(at + open)].TrimEnd();
        }
        // A quoted local part ("jan de vries"@example.com, RFC 5321) keeps its quotes; only what is around it goes.
        var quoted = s.Length > 2 && s[0] == '"' && s.IndexOf("\"@", StringComparison.Ordinal) > 0;
        s = quoted ? s.TrimEnd("<>\"' \t:,.()[]") : s.Trim("<>\"' \t:,.()[]");
        if (s.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase)) s = s[7..];
        if (s.Contains("\\x{", StringComparison.OrdinalIgnoreCase)) return DecodeEmbeddedUnicode(s);
        return WholeOrPart(value, s);
    }

    /// <summary>
    /// An address of RFC 6533's utf-8 type written in ASCII, each non-ASCII character as "\x{HEX}" ("s\x{F8}ren@example.dk"
    /// is "søren@example.dk"). A sequence that is not a valid code point is left as written.
    /// </summary>
    private static string DecodeEmbeddedUnicode(ReadOnlySpan<char> s)
    {
        var sb = new StringBuilder(s.Length);
        var i = 0;
        while (i < s.Length)
        {
            if (s[i] == '\\' && i + 3 < s.Length && s[i + 1] is 'x' or 'X' && s[i + 2] == '{')
            {
                var close = s[(i + 3)..].IndexOf('}');
                if (close is > 0 and <= 6 && int.TryParse(s.Slice(i + 3, close), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var point)
                    && point is > 0 and <= 0x10FFFF and (< 0xD800 or > 0xDFFF))
                {
                    sb.Append(char.ConvertFromUtf32(point));
                    i += 3 + close + 1;
                    continue;
                }
            }
            sb.Append(s[i]);
            i++;
        }
        return sb.ToString();
    }

    /// <summary>The part of <paramref name="value"/> as a string: the value itself when the part is all of it.</summary>
    private static string WholeOrPart(string value, ReadOnlySpan<char> part) => part.Length == value.Length ? value : new string(part);

    /// <summary>The value after an RFC 3464 type prefix ("smtp; 550 ..." gives "550 ...").</summary>
    public static (string? Type, string Value) SplitTyped(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return (null, "");
        var s = value.AsSpan().Trim();
        var semi = s.IndexOf(';');
        // A type name has no white space in it; a careless report puts a space before the semicolon ("smtp ; 550 ...").
        if (semi > 0 && semi < 16 && s[..semi].TrimEnd(' ') is { Length: > 0 } name && IsTypeName(name)) return (LowerTypeName(name), new string(s[(semi + 1)..].Trim()));
        return (null, WholeOrPart(value, s));
    }

    /// <summary>The type names of almost every report, lower case, so that the common ones need no string of their own.</summary>
    private static readonly string[] CommonTypeNames = ["smtp", "dns", "rfc822", "x-unix", "x-local-hostname", "x-postfix", "utf-8"];

    /// <summary>A type name (at most 15 characters) lower-cased the invariant way.</summary>
    private static string LowerTypeName(ReadOnlySpan<char> name)
    {
        Span<char> buffer = stackalloc char[16];
        var lower = buffer[..name.ToLowerInvariant(buffer)];
        foreach (var common in CommonTypeNames)
        {
            if (lower.SequenceEqual(common)) return common;
        }
        return new string(lower);
    }

    /// <summary>Letters, digits, '-' and '_' only (a loop: three fields of every recipient of a report are read so).</summary>
    private static bool IsTypeName(ReadOnlySpan<char> name)
    {
        foreach (var c in name)
        {
            if (!char.IsLetterOrDigit(c) && c is not ('-' or '_')) return false;
        }
        return true;
    }

    public static string? OriginalSender(HeaderList? headers) =>
        headers is null ? null : NullIfEmpty(MailboxOf(headers["Return-Path"] is { Length: > 3 } rp ? rp : headers["From"]));

    /// <summary>The address of an address field as MimeKit reads it ("MAILER-DAEMON@host (Mail Delivery System)", "Name
    /// &lt;addr&gt;"); a value MimeKit cannot read is cleaned as a report field is.</summary>
    private static string MailboxOf(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return "";
        if (value.Contains('(') && InternetAddressList.TryParse(value, out var list) && list.Mailboxes.FirstOrDefault() is { } mailbox) return mailbox.Address;
        return CleanAddress(value);
    }

    public static string? OriginalMessageId(HeaderList? headers) =>
        headers is null ? null : NullIfEmpty(CleanAddress(headers["Message-ID"]));

    public static string? OriginalSubject(HeaderList? headers) => headers is null ? null : NullIfEmpty(headers["Subject"]?.Trim());

    /// <summary>
    /// Whether a subject starts with one of the words (case-insensitive) after the tags a list, a helpdesk or a gateway
    /// put first ("[EXTERNAL] [Support] Re: ...", at most three of them).
    /// </summary>
    public static bool SubjectStartsWith(string subject, string[] words)
    {
        var s = subject.AsSpan().TrimStart();
        for (var tags = 0; tags < 3 && s.StartsWith("[") && s.IndexOf(']') is var close and > 0 and < 60; tags++) s = s[(close + 1)..].TrimStart();
        foreach (var w in words)
        {
            if (s.StartsWith(w, StringComparison.OrdinalIgnoreCase)) return true;
        }
        return false;
    }

    public static string? NullIfEmpty(string? s) => string.IsNullOrWhiteSpace(s) ? null : s;

    /// <summary>Whether the subject opens (after a gateway's tag, "[EXTERNAL] ") with one of the prefixes and a colon
    /// ("FW:", "Re:"), the prefix at most <paramref name="maxLength"/> characters.</summary>
    public static bool SubjectHasPrefix(string? subject, string[] prefixes, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(subject)) return false;
        var s = subject.AsSpan().TrimStart();
        if (s.StartsWith("[") && s.IndexOf(']') is var close and > 0 and < 40) s = s[(close + 1)..].TrimStart();
        var colon = s.IndexOf(':');
        if (colon < 2 || colon > maxLength) return false;
        var prefix = s[..colon].Trim();
        foreach (var p in prefixes)
        {
            if (prefix.Equals(p, StringComparison.OrdinalIgnoreCase)) return true;
        }
        return false;
    }

    /// <summary>The lines of the text's first paragraph (up to its first empty line after some text), trimmed; a list
    /// manager's notice says what happened there.</summary>
    public static List<string> FirstParagraph(string text, int maxLines = 400)
    {
        var paragraph = new List<string>();
        foreach (var raw in Lines(text, maxLines))
        {
            var line = raw.Trim();
            if (line.Length == 0)
            {
                if (paragraph.Count > 0) break;
                continue;
            }
            paragraph.Add(line);
        }
        return paragraph;
    }

    /// <summary>The text split into lines (any line ending), at most <paramref name="max"/> lines.</summary>
    public static string[] Lines(string text, int max = 4000) =>
        text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Split('\n', max + 1);

    /// <summary>
    /// The text's lines with each wrapped line joined back: a line that starts with white space right under a line of
    /// text continues it (servers fold long lines so, Postfix with four spaces). A rule of one repeated character
    /// ("=====", "*****") is never continued, so a centred title under it stays a line of its own.
    /// </summary>
    public static List<string> UnfoldedLines(string text, int max = 4000)
    {
        var unfolded = new List<string>();
        foreach (var line in Lines(text, max))
        {
            if (line.Length > 0 && line[0] is ' ' or '\t' && unfolded.Count > 0 && unfolded[^1].Trim() is { Length: > 0 } previous
                && !previous.All(c => c == previous[0]))
            {
                unfolded[^1] = unfolded[^1].TrimEnd() + " " + line.Trim();
                continue;
            }
            unfolded.Add(line);
        }
        return unfolded;
    }

    /// <summary>A failure report of <paramref name="recipients"/> with the returned original's headers; null when there are none.</summary>
    public static DecodedBounce? Failure(MimeMessage message, IReadOnlyList<RecipientFacts> recipients, string? notice, string? reportingMta = null)
    {
        if (recipients.Count == 0) return null;
        // The original's headers, attached or quoted as text after the notice.
        var original = OriginalHeaders(message) ?? PlainTextReader.CopiedHeaders(AllNoticeText(message));
        return new DecodedBounce
        {
            Kind = ReportKind.Failure,
            Recipients = recipients,
            ReportingMta = reportingMta ?? ReportingHost.Find(message, notice),
            Sender = OriginalSender(original),
            OriginalMessageId = OriginalMessageId(original),
            OriginalSubject = OriginalSubject(original),
            NoticeText = NullIfEmpty(notice),
        };
    }

    /// <summary>True when the From header (name or address) contains any of the fragments.</summary>
    public static bool FromContains(MimeMessage message, params ReadOnlySpan<string> fragments)
    {
        var from = message.Headers["From"];
        if (string.IsNullOrEmpty(from)) return false;
        foreach (var f in fragments)
        {
            if (from.Contains(f, StringComparison.OrdinalIgnoreCase)) return true;
        }
        return false;
    }

    /// <summary>True when the subject contains any of the fragments.</summary>
    public static bool SubjectContains(MimeMessage message, params ReadOnlySpan<string> fragments)
    {
        var subject = message.Subject;
        if (string.IsNullOrEmpty(subject)) return false;
        foreach (var f in fragments)
        {
            if (subject.Contains(f, StringComparison.OrdinalIgnoreCase)) return true;
        }
        return false;
    }

    /// <summary>Whether the first 8 KB of the notice text hold one of the markers of a prepared case-insensitive search.</summary>
    public static bool NoticeContainsAny(MimeMessage message, PhraseSearch markers)
    {
        var text = AllNoticeText(message).AsSpan();
        return markers.ContainsAny(text.Length > 8192 ? text[..8192] : text);
    }

    /// <summary>Whether the first 8 KB of the notice text hold one of the markers (case-insensitive).</summary>
    public static bool NoticeContains(MimeMessage message, params ReadOnlySpan<string> markers)
    {
        var text = AllNoticeText(message).AsSpan();
        if (text.Length > 8192) text = text[..8192];
        foreach (var m in markers)
        {
            if (text.Contains(m, StringComparison.OrdinalIgnoreCase)) return true;
        }
        return false;
    }
}
