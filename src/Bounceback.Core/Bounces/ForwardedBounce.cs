using System.Text;
using Bounceback.Core.Bounces.Decoders;
using MimeKit;

namespace Bounceback.Core.Bounces;

/// <summary>
/// A bounce that a person forwarded (to a helpdesk, say): attached as a message (Outlook's, Gmail's and Thunderbird's
/// "forward as attachment"), or inline below the forwarder's own words after the mail program's header block (Gmail's
/// "---------- Forwarded message ---------", Thunderbird's "-------- Forwarded Message --------", Outlook's "From: ...
/// Sent: ... To: ... Subject: ...", their Dutch forms), or quoted in a reply ("On ... wrote:", "> ..."). The bounce is
/// read on its own, so the forwarder and the addresses of the forward's header block are never taken for recipients.
/// </summary>
internal static class ForwardedBounce
{
    private const int MaxLines = 4000;
    private const int MaxHeaderLines = 12;

    /// <summary>Subject prefixes of a forward (English, Dutch, German, French, Spanish, Portuguese, Nordic).</summary>
    private static readonly string[] ForwardPrefixes = ["fw", "fwd", "doorst", "wg", "tr", "rv", "enc", "vs", "vb", "fs"];

    /// <summary>Senders of mail systems: their messages are notices themselves, never a person's forward.</summary>
    private static readonly string[] SystemSenders = ["mailer-daemon", "postmaster", "mail delivery", "mailerdaemon", "microsoftexchange", "mail administrator"];

    /// <summary>The separator lines of a forwarded message's header block, without the dashes around them.</summary>
    private static readonly string[] Separators =
    [
        "forwarded message", "doorgestuurd bericht", "original message", "oorspronkelijk bericht", "begin forwarded message:",
        // Apple Mail's in Dutch and German.
        "begin doorgestuurd bericht:", "anfang der weitergeleiteten nachricht:",
        // Outlook's and Thunderbird's in German, French and Spanish.
        "ursprüngliche nachricht", "weitergeleitete nachricht", "message d'origine", "message transféré", "mensaje original", "mensaje reenviado",
        // ezmlm's warning and probe to a member whose address bounced, above the bounce it received.
        "below this line is a copy of the bounce message i received.",
    ];

    /// <summary>Header names of a forward's header block and the message header each stands for.</summary>
    private static readonly Dictionary<string, string> Fields = new(StringComparer.OrdinalIgnoreCase)
    {
        ["From"] = "From", ["Van"] = "From",
        ["Date"] = "Date", ["Sent"] = "Date", ["Datum"] = "Date", ["Verzonden"] = "Date",
        ["To"] = "To", ["Aan"] = "To",
        ["Cc"] = "Cc", ["Bcc"] = "Bcc",
        ["Subject"] = "Subject", ["Onderwerp"] = "Subject",
        ["Reply-To"] = "Reply-To", ["Antwoord aan"] = "Reply-To",
        // German, French and Spanish mail programs.
        ["Von"] = "From", ["Gesendet"] = "Date", ["An"] = "To", ["Betreff"] = "Subject", ["Antwort an"] = "Reply-To",
        ["De"] = "From", ["Envoyé"] = "Date", ["À"] = "To", ["Objet"] = "Subject",
        ["Enviado"] = "Date", ["Fecha"] = "Date", ["Para"] = "To", ["Asunto"] = "Subject",
    };

    /// <summary>
    /// The messages <paramref name="message"/> may forward, in the order to try them: the one attached to it, then the one
    /// below a header block or reply quote in its text; none when it is a notice itself.
    /// </summary>
    /// <returns>Each message (<see cref="Candidate"/>): whether it was built here from a header block and text, and
    /// whether the caller owns it (disposes it).</returns>
    public static IEnumerable<Candidate> Find(MimeMessage message)
    {
        if (PastedWithHeaderBlock(message) is { } pasted)
        {
            yield return new(pasted, FromText: true, Owned: true);
            yield break;
        }
        if (!FromAPerson(message))
        {
            // A list manager's notice to its owner that attaches a bounce it could not read (Mailman's "Uncaught bounce
            // notification", from the list's -bounces or the site's postmaster address): the bounce is the attachment.
            // A spam filter's wrapper (SpamAssassin's report_safe: "Spam detection software ... has identified this
            // incoming email as possible spam", the message attached) keeps the notice's own headers; the notice is
            // the attachment, whose text is the server's and not the filter's.
            // (The subject may carry a gateway's tag first: "[EXTERNAL] Uncaught bounce notification".)
            if ((message.Subject?.Trim().EndsWith("Uncaught bounce notification", StringComparison.OrdinalIgnoreCase) == true || SpamFilterWrapper(message))
                && AttachedMessage(message) is ({ } wrapped, var wrappedOwned))
                yield return new(wrapped, FromText: false, wrappedOwned);
            yield break;
        }
        // Under a forward's subject, or under one of the forwarder's own ("mail komt terug") when the attached message is
        // a notice itself: a person's message that attaches another person's is no forward of a bounce.
        // (Each attached message: a person may forward several bounces at once.)
        var count = 0;
        foreach (var (attached, owned) in AttachedMessages(message))
        {
            if (count++ < MaxAttached && (HasForwardPrefix(message.Subject) || !FromAPerson(attached))) yield return new(attached, FromText: false, owned);
            else if (owned) attached.Dispose();
        }
        if (Inline(MessageParts.NoticeText(message)) is { } inline) yield return new(inline, FromText: true, Owned: true);
    }

    /// <summary>
    /// Whether the message is a person's forward (by its subject) that attaches a message, read or not: when that
    /// message is no bounce, or cannot be read (cut short), the forward is none either.
    /// </summary>
    public static bool ForwardsAnAttachment(MimeMessage message)
    {
        if (!HasForwardPrefix(message.Subject) || !FromAPerson(message)) return false;
        foreach (var entity in MessageParts.Walk(message.Body, intoMessages: false))
        {
            if (entity.ContentType.IsMimeType("message", "rfc822") || entity.ContentType.IsMimeType("message", "global")) return true;
        }
        return false;
    }

    /// <summary>A message a forward may carry.</summary>
    /// <param name="Message">The message.</param>
    /// <param name="FromText">Built from a header block and the text below it: its headers are only those the block
    /// shows.</param>
    /// <param name="Owned">Made here (from text, or from an attachment in a transfer encoding): the caller disposes it.
    /// Otherwise it is a part of the outer message.</param>
    internal readonly record struct Candidate(MimeMessage Message, bool FromText, bool Owned);

    /// <summary>
    /// Text pasted with the header block a mail program shows above a message in the reader's language ("Van: ...
    /// Verzonden: ... Aan: ... Onderwerp: ..."): MimeKit reads those lines as headers it does not know, so the message
    /// has no sender and no subject. It is rebuilt with the headers they stand for; else null.
    /// </summary>
    private static MimeMessage? PastedWithHeaderBlock(MimeMessage message)
    {
        if (message.Headers.Contains(HeaderId.From) || message.Headers.Contains(HeaderId.Subject) || message.Body is not TextPart) return null;
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var header in message.Headers)
        {
            if (Fields.TryGetValue(header.Field, out var name)) headers[name] = header.Value.Trim();
        }
        if (!headers.ContainsKey("From")) return null;
        var lines = MessageParts.Lines(MessageParts.NoticeText(message), MaxLines);
        return Build(headers, lines, 0, Math.Min(lines.Length, MaxLines));
    }

    /// <summary>Whether the message is a spam filter's wrapper around the message it judged: flagged as spam, and a
    /// multipart whose own parts are the filter's text report and the message (no delivery report of its own).</summary>
    private static bool SpamFilterWrapper(MimeMessage message) =>
        message.Headers["X-Spam-Flag"]?.Trim().Equals("YES", StringComparison.OrdinalIgnoreCase) == true
        && message.Body is Multipart multipart && !HoldsAReport(multipart)
        && MessageParts.NoticeContains(message, "Spam detection software");

    /// <summary>Whether one of the multipart's own parts is a report.</summary>
    /// <remarks>A loop rather than Any with a lambda: every message is asked whether it is a person's forward.</remarks>
    private static bool HoldsAReport(Multipart multipart)
    {
        for (var i = 0; i < multipart.Count; i++)
        {
            if (multipart[i] is MultipartReport) return true;
        }
        return false;
    }

    /// <summary>Not a notice itself: no report, no mail system's sender, no header that only notices carry.</summary>
    private static bool FromAPerson(MimeMessage message) =>
        !(message.Headers["Auto-Submitted"] is { } auto && !auto.Trim().StartsWith("no", StringComparison.OrdinalIgnoreCase)) && FromAPersonsMailbox(message);

    /// <summary>
    /// Whether the message is a person's mailbox answering by itself (Auto-Submitted: auto-replied, from no mail system's
    /// sender, no report): an out-of-office reply. A forwarded bounce in it is only the copy of the message it answers
    /// (Exim's autoreply returns it after "This is a copy of your message"), so the reply itself is the result.
    /// </summary>
    internal static bool IsPersonsAutoReply(MimeMessage message) =>
        message.Headers["Auto-Submitted"] is { } auto && auto.Contains("auto-replied", StringComparison.OrdinalIgnoreCase)
        && FromAPersonsMailbox(message) && !AutoReplyDecoder.SubjectIsAFailure(message.Subject);

    private static bool FromAPersonsMailbox(MimeMessage message)
    {
        // A report, also one a gateway wrapped in a multipart of its own to add a footer.
        if (message.Body is MultipartReport || (message.Body is Multipart outer && HoldsAReport(outer))) return false;
        if (message.Headers.Contains("X-Failed-Recipients") || message.Headers.Contains("X-MS-Exchange-Message-Is-Ndr")) return false;
        var from = message.Headers["From"];
        if (string.IsNullOrWhiteSpace(from)) return false;
        foreach (var s in SystemSenders)
        {
            if (from.Contains(s, StringComparison.OrdinalIgnoreCase)) return false;
        }
        return true;
    }

    /// <summary>Whether the subject starts with a forward's prefix ("Fwd:", "FW:", "Doorst:", ...), after a gateway's tag.</summary>
    internal static bool HasForwardPrefix(string? subject) => MessageParts.SubjectHasPrefix(subject, ForwardPrefixes, 7);

    /// <summary>At most this many attached messages of one forward are read.</summary>
    private const int MaxAttached = 20;

    /// <summary>Every message attached to the forward itself (not one inside an attached message), in order.</summary>
    private static IEnumerable<(MimeMessage Message, bool Owned)> AttachedMessages(MimeMessage message)
    {
        foreach (var entity in MessageParts.Walk(message.Body, intoMessages: false))
        {
            if (entity is MessagePart { Message: { } attached } and not TextRfc822Headers) yield return (attached, false);
            else if (entity is ReturnedMessage { Message: { } returned }) yield return (returned, false);
            else if (entity is MimePart part && MessageParts.EncodedMessage(part) is { } decoded) yield return (decoded, true);
        }
    }

    private static (MimeMessage? Message, bool Owned) AttachedMessage(MimeMessage message)
    {
        foreach (var entity in MessageParts.Walk(message.Body, intoMessages: false))
        {
            if (entity is MessagePart { Message: { } attached } and not TextRfc822Headers) return (attached, false);
            if (entity is ReturnedMessage { Message: { } returned }) return (returned, false);
            if (entity is MimePart part && MessageParts.EncodedMessage(part) is { } decoded) return (decoded, true);
        }
        return (null, false);
    }

    /// <summary>The message below the first forward header block or reply quote in the text, read by MimeKit; else null.</summary>
    /// <param name="text">The text.</param>
    /// <param name="separatorRead">The text follows a separator already read (one that was quoted): its header block
    /// starts at the first line that is not blank.</param>
    internal static MimeMessage? Inline(string text, bool separatorRead = false)
    {
        if (text.Length == 0) return null;
        var lines = MessageParts.Lines(text, MaxLines);
        var end = Math.Min(lines.Length, MaxLines);
        if (separatorRead)
        {
            var first = 0;
            while (first < end && lines[first].Trim().Length == 0) first++;
            return HeaderBlock(lines, first, end) is { } block ? Build(block.Headers, lines, block.Next, end) : WholeMessage(lines, first, end);
        }
        for (var i = 0; i < end; i++)
        {
            var t = lines[i].Trim();
            if (t.Length == 0) continue;
            if (t[0] == '>' && IsSeparator(Unquote(t).Trim()))
            {
                // Apple Mail quotes the whole forwarded message, its separator and header block too ("> Begin
                // doorgestuurd bericht:"): read on without the quote's marks.
                var unquoted = new string[end - i - 1];
                for (var j = 0; j < unquoted.Length; j++) unquoted[j] = Unquote(lines[i + 1 + j]);
                return Inline(string.Join('\n', unquoted), separatorRead: true);
            }
            if (IsSeparator(t))
            {
                var first = i + 1;
                while (first < end && lines[first].Trim().Length == 0) first++;
                if (HeaderBlock(lines, first, end) is { } block) return Build(block.Headers, lines, block.Next, end);
                // The message copied whole, with the fields of its transport (ezmlm: Return-Path, Received, ...).
                if (WholeMessage(lines, first, end) is { } whole) return whole;
            }
            else if (t.Trim('_').Length == 0 && t.Length >= 10 || Fields.TryGetValue(FieldName(t) ?? "", out var f) && f is "From" or "Date")
            {
                // Outlook: a rule of underscores (or nothing) and then From, Sent, To, Subject; webmail (Horde) starts its
                // block with the date ("Datum: ... Van: ... Onderwerp: ... Aan: ...").
                var first = t.Trim('_').Length == 0 ? i + 1 : i;
                if (HeaderBlock(lines, first, end) is { } block && block.Headers.ContainsKey("Date") && block.Headers.ContainsKey("Subject"))
                {
                    return Build(block.Headers, lines, block.Next, end);
                }
            }
            else if ((t[0] == '>' ? QuotedAttribution(lines, i, end) : Attribution(lines, i, end)) is var (said, quoteAt) && quoteAt > 0)
            {
                var from = FirstAddressOrNull(said!);
                var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                if (from is not null) headers["From"] = from;
                return Build(headers, lines, quoteAt, end);
            }
        }
        return null;
    }

    /// <summary>The line without one level of a reply's quote mark ("&gt; " or "&gt;").</summary>
    private static string Unquote(string line) =>
        !line.StartsWith('>') ? line : line.Length > 1 && line[1] == ' ' ? line[2..] : line[1..];

    /// <summary>A line of dashes around a forward's name ("---------- Forwarded message ---------"), or Apple Mail's line.</summary>
    private static bool IsSeparator(string t)
    {
        var name = t.Trim('-', ' ');
        if (name.Length == t.Length && !t.EndsWith(':')) return false;
        foreach (var s in Separators)
        {
            if (name.Equals(s, StringComparison.OrdinalIgnoreCase) || name.Equals(s.TrimEnd(':'), StringComparison.OrdinalIgnoreCase)) return true;
        }
        return false;
    }

    /// <summary>
    /// A reply's attribution at line <paramref name="i"/> ("On ... wrote:", "Op ... schreef ...:", Apple Mail's "Op ... heeft
    /// ... het volgende geschreven:", "Am ... schrieb ...:"), also wrapped over two lines as Gmail writes a long one ("... schreef Mail Delivery Subsystem &lt;" then
    /// "mailer-daemon@googlemail.com&gt;:"), followed by its quote, after at most one blank line: the attribution and
    /// the line where the quote starts; (null, 0) when there is none.
    /// </summary>
    private static (string? Said, int QuoteAt) Attribution(string[] lines, int i, int end)
    {
        var t = lines[i].Trim();
        var next = i + 1;
        if (!t.EndsWith(':') && next < end && t.Length < 300 && lines[next].Trim() is { Length: > 0 and < 120 } rest && rest.EndsWith(':'))
        {
            t = t + " " + rest;
            next++;
        }
        if (!IsAttribution(t)) return (null, 0);
        if (next < end && lines[next].Trim().Length == 0) next++;
        return next < end && lines[next].StartsWith('>') ? (t, next) : (null, 0);
    }

    /// <summary>
    /// Apple Mail's reply puts its attribution inside the quote ("&gt; Op 12 mrt 2026, om 14:10 heeft Mail Delivery System
    /// &lt;...&gt; het volgende geschreven:", then "&gt; " lines): the attribution read without its quote mark, and the line
    /// where the rest of the quote starts; (null, 0) when there is none.
    /// </summary>
    private static (string? Said, int QuoteAt) QuotedAttribution(string[] lines, int i, int end)
    {
        var t = Unquote(lines[i]).Trim();
        var next = i + 1;
        if (!t.EndsWith(':') && next < end && t.Length < 300 && lines[next].StartsWith('>') && Unquote(lines[next]).Trim() is { Length: > 0 and < 120 } rest && rest.EndsWith(':'))
        {
            t = t + " " + rest;
            next++;
        }
        if (!IsAttribution(t)) return (null, 0);
        return next < end && lines[next].StartsWith('>') ? (t, next) : (null, 0);
    }

    private static bool IsAttribution(string t) =>
        t.Length < 400 && t.EndsWith(':') &&
        (t.StartsWith("On ", StringComparison.Ordinal) && t.Contains(" wrote", StringComparison.Ordinal) ||
         t.StartsWith("Op ", StringComparison.Ordinal) && (t.Contains(" schreef", StringComparison.Ordinal) || t.Contains(" het volgende geschreven", StringComparison.Ordinal)) ||
         t.StartsWith("Am ", StringComparison.Ordinal) && t.Contains(" schrieb", StringComparison.Ordinal));

    private static string? FirstAddressOrNull(string line) => PlainTextReader.FirstAddress(line)?.Address;

    /// <summary>The name of a header block's field on this line ("Van" in "Van: ..."), or null.</summary>
    private static string? FieldName(string t)
    {
        var colon = t.IndexOf(':');
        if (colon is < 2 or > 14) return null;
        var name = t[..colon].Trim();
        return Fields.ContainsKey(name) ? name : null;
    }

    /// <summary>
    /// The fields of a forward's header block starting at <paramref name="first"/>, up to the blank line after it;
    /// null unless it names who sent the forwarded message. A line that is no field continues the one before it.
    /// </summary>
    private static (Dictionary<string, string> Headers, int Next)? HeaderBlock(string[] lines, int first, int end)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        string? last = null;
        var i = first;
        for (; i < end && i < first + MaxHeaderLines; i++)
        {
            var t = lines[i].Trim();
            if (t.Length == 0) break;
            if (FieldName(t) is { } name)
            {
                last = Fields[name];
                headers[last] = t[(t.IndexOf(':') + 1)..].Trim();
            }
            else if (last is not null && headers.Count > 0)
            {
                headers[last] = headers[last] + " " + t;
            }
            else
            {
                return null;
            }
        }
        if (i < end && lines[i].Trim().Length != 0) return null;
        return headers.ContainsKey("From") ? (headers, i) : null;
    }

    /// <summary>
    /// A message copied whole as text from <paramref name="first"/> on: a header block of fields with any names that
    /// names its sender (From), read by MimeKit; else null.
    /// </summary>
    private static MimeMessage? WholeMessage(string[] lines, int first, int end)
    {
        var hasFrom = false;
        for (var i = first; i < end && i < first + 4 * MaxHeaderLines; i++)
        {
            var t = lines[i];
            if (t.Length == 0) break;
            if (t[0] is ' ' or '\t') continue;
            var colon = t.IndexOf(':');
            if (colon < 1 || !IsFieldName(t.AsSpan(0, colon))) return null;
            hasFrom |= t.StartsWith("From:", StringComparison.OrdinalIgnoreCase);
        }
        if (!hasFrom) return null;
        var bytes = Encoding.UTF8.GetBytes(string.Join('\n', lines, first, end - first));
        using var stream = new MemoryStream(bytes, writable: false);
        return MimeMessage.Load(stream);
    }

    // RFC 5322 field names: printable ASCII without the colon (and without spaces, which no mail program writes there).
    private static bool IsFieldName(ReadOnlySpan<char> name)
    {
        foreach (var c in name)
        {
            if (c is <= ' ' or > '~' or ':') return false;
        }
        return true;
    }

    /// <summary>The forwarded message: its header block as headers, the lines after it (unquoted) as its text.</summary>
    private static MimeMessage? Build(Dictionary<string, string> headers, string[] lines, int from, int end)
    {
        var body = new StringBuilder();
        var quoted = Quoted(lines, from, end);
        for (var i = from; i < end; i++)
        {
            var line = lines[i];
            if (quoted) line = Unquote(line);
            body.Append(line).Append('\n');
        }
        if (body.ToString().Trim().Length == 0) return null;
        // Built with MimeKit's object model: the block's fields as headers (MimeKit reads their addresses and date), the
        // lines after it as the one text part.
        var message = new MimeMessage();
        message.Headers.Clear();
        foreach (var (name, value) in headers)
        {
            // Gmail and Outlook show the date in the reader's local time without its offset ("Thu, 5 Mar 2026 at 09:41"):
            // read as UTC it would be wrong by hours, so only a date with its zone is kept.
            if (name == "Date" && !HasZone(value)) continue;
            if (value.Length > 0) message.Headers.Add(name, value.Replace('\r', ' ').Replace('\n', ' '));
        }
        message.Body = new TextPart("plain") { Text = body.ToString() };
        return message;
    }

    private static bool HasZone(string date)
    {
        for (var i = 0; i + 4 < date.Length; i++)
        {
            if (date[i] is '+' or '-' && i > 0 && date[i - 1] == ' ' && char.IsAsciiDigit(date[i + 1]) && char.IsAsciiDigit(date[i + 2]) &&
                char.IsAsciiDigit(date[i + 3]) && char.IsAsciiDigit(date[i + 4])) return true;
        }
        return date.Contains(" GMT", StringComparison.Ordinal) || date.Contains(" UTC", StringComparison.Ordinal);
    }

    /// <summary>Whether most of the lines that follow are quoted with "&gt;".</summary>
    private static bool Quoted(string[] lines, int from, int end)
    {
        int quoted = 0, other = 0;
        for (var i = from; i < end; i++)
        {
            if (lines[i].Trim().Length == 0) continue;
            if (lines[i].StartsWith('>')) quoted++;
            else other++;
        }
        return quoted > other;
    }
}
