using System.Text.RegularExpressions;

namespace Bounceback.Core.Bounces.Reasons;

/// <summary>Finds which SMTP command a failure answered, from the wording servers use to say so.</summary>
public static partial class SmtpCommand
{
    /// <summary>RCPT, MAIL, DATA, HELO/EHLO or CONNECT; null when the text does not say.</summary>
    /// <param name="text">Diagnostic wording or a whole notice with its session transcript.</param>
    /// <param name="recipient">When given and the transcript quotes an error reply naming this address, the command
    /// before that reply is the one that failed for this recipient (a notice may hold several sessions).</param>
    /// <param name="allRecipients">Every recipient the notice reports, when known: in a notice without a session
    /// transcript that lists several, only a command named in this recipient's own paragraph counts.</param>
    /// <param name="ownReply">The recipient's own reply, when known: in a transcript whose replies do not name the
    /// recipient, the command before the reply that reads the same is the one that failed for it.</param>
    public static string? Find(string? text, string? recipient = null, IReadOnlyList<string>? allRecipients = null, string? ownReply = null) =>
        Find(text.AsSpan(), recipient, allRecipients, ownReply);

    /// <summary>Like <see cref="Find(string?, string?, IReadOnlyList{string}?, string?)"/>, over text that need not be a string
    /// (a squeezed notice in a pooled buffer).</summary>
    internal static string? Find(ReadOnlySpan<char> text, string? recipient = null, IReadOnlyList<string>? allRecipients = null, string? ownReply = null)
    {
        if (text.IsEmpty) return null;
        var span = text[..Math.Min(text.Length, 16384)];
        var first = NextSaid(span, 0);
        while (first is { } f && QuotedConnectionFailure(span, f)) first = NextSaid(span, f.End);
        if (first is not { } m)
            return RefusedInTheGreeting(span) || RefusedInCouriersGreeting(OwnText(span, recipient, allRecipients)) ? "CONNECT" : null;
        var naming = ReplyNaming(span, recipient, allRecipients) ?? FirstReplyUnderHeading(span, recipient, allRecipients) ?? ReplyReading(span, ownReply);
        // sendmail's own line for a recipient ("550 5.1.2 <addr>... Host unknown") before any command of its transcript:
        // the failure was found locally, in no SMTP session, so another recipient's session says nothing about it.
        if (naming is null && LocalFailureLine(span, recipient)) return null;
        // Courier's own line for a recipient ("<addr>:" then "*** Connection refused") in a notice whose other recipient has
        // a session transcript: this recipient's failure came before any command, and the transcript is another's.
        if (naming is null && allRecipients is { Count: > 1 } && OwnText(span, recipient, allRecipients) is { Length: > 0 } ownText && ownText != span
            && ownText.Contains("*** ", StringComparison.Ordinal) && !ownText.Contains("<<< ", StringComparison.Ordinal) && !ownText.Contains(">>> ", StringComparison.Ordinal)) return null;
        if (naming is null && !string.IsNullOrEmpty(recipient) && allRecipients is { Count: > 1 }
            && !span.Contains("<<< ", StringComparison.Ordinal) && !span.Contains(">>> ", StringComparison.Ordinal))
        {
            if (OwnParagraph(span, recipient, allRecipients) is not { } own) return null;
            m = own;
        }
        // In a session transcript the failing command is the last one sent before the first error reply.
        var firstError = naming ?? FirstErrorReply(span);
        // ... unless that reply names another recipient of the notice and this recipient's own reply has another code (or
        // none): then the first later reply that does not (a pipelined session's refusal of the message after another
        // recipient's refusal), and none when every reply is another's (sendmail's notice of one refused address and one
        // still deferred after a connection timeout).
        if (naming is null && firstError > 0)
        {
            var tries = 0;
            while (firstError > 0 && ReplyNamesAnother(span[firstError..], recipient, allRecipients) && !SameCode(span[firstError..], ownReply) && tries++ < 16)
            {
                var next = FirstErrorReply(span[(firstError + 4)..]);
                firstError = next < 0 ? -1 : firstError + 4 + next;
            }
            if (firstError < 0) return null;
        }
        if (firstError > 0)
        {
            Said? last = null;
            for (var t = NextSaid(span, 0); t is { } said && said.Index < firstError; t = NextSaid(span, said.End)) last = t;
            // (Not a command of an earlier session: sendmail's "... while talking to mx.:" after it opened the session
            // whose server refused in its greeting, "<<< 421 ...", with no command sent.)
            if (last is { } before && span[before.End..firstError].Contains("while talking to ", StringComparison.OrdinalIgnoreCase)
                && !span[before.End..firstError].Contains(">>> ", StringComparison.Ordinal)) return "CONNECT";
            if (last is { } found) m = found;
            // A session whose server refused in its greeting, before any command was sent ("... while talking to
            // mx.: <<< 554 ..."), in a notice whose later sessions did send commands.
            else if (span[..firstError].Contains("while talking to ", StringComparison.OrdinalIgnoreCase)) return "CONNECT";
            // sendmail pipelines MAIL, RCPT and DATA and shows only ">>> DATA": an answer about the address (x.1.1 to
            // x.1.6, x.1.10) that names the recipient answered its RCPT, not the message.
            if (naming is not null && AddressStatus(span[firstError..]) && CommandOf(span.Slice(m.Index, m.Length)).Contains("DATA", StringComparison.OrdinalIgnoreCase))
                return "RCPT";
        }
        var named = CommandOf(span.Slice(m.Index, m.Length));
        Span<char> c = stackalloc char[named.Length];
        named.ToUpperInvariant(c);
        if (c.StartsWith("RCPT", StringComparison.Ordinal)) return "RCPT";
        if (c.StartsWith("MAIL", StringComparison.Ordinal) || c.SequenceEqual("SENDER")) return "MAIL";
        if (c.SequenceEqual("MY NAME")) return "EHLO";
        // qmail-remote names the step, not the command: "does not like recipient", "failed after I sent the message".
        if (c.SequenceEqual("RECIPIENT")) return "RCPT";
        if (c.SequenceEqual("MESSAGE") || c.SequenceEqual("MESSAGE BODY")) return "DATA";
        // hMailServer's "hMailServer sent: ." is the final dot that ends the message; Yahoo's "[end of input]" tags a
        // reply to the message's end.
        if (c.SequenceEqual(".") || c.SequenceEqual("END OF INPUT")) return "DATA";
        // "TEXT": GMX's, WEB.DE's and 1&1's name for the message content they refused ("for TEXT command").
        if (c.Contains("DATA", StringComparison.Ordinal) || c.SequenceEqual("BDAT") || c.SequenceEqual("TEXT")) return "DATA";
        if (c.StartsWith("HELO", StringComparison.Ordinal) || c.StartsWith("EHLO", StringComparison.Ordinal)) return "EHLO";
        if (c.Contains("CONNECT", StringComparison.Ordinal) || c.Contains("GREETING", StringComparison.Ordinal) || c.SequenceEqual("TALK")) return "CONNECT";
        return null;
    }

    /// <summary>
    /// Whether a "connect to host[ip]:25: Connection refused" stands after another server's reply code on its line ("450 4.1.1
    /// &lt;addr&gt;: Recipient address rejected: unverified address: connect to ..."): that server's report of its own
    /// failed connection (a filter checking the address with its backend), not the failed step of this session, which the
    /// reply answered.
    /// </summary>
    private static bool QuotedConnectionFailure(ReadOnlySpan<char> text, Said said)
    {
        if (!text.Slice(said.Index, said.Length).StartsWith("connect to ", StringComparison.OrdinalIgnoreCase)) return false;
        var line = text[..said.Index];
        line = line[(line.LastIndexOf('\n') + 1)..];
        for (var i = 0; i + 4 <= line.Length; i++)
        {
            if (line[i] is '4' or '5' && char.IsAsciiDigit(line[i + 1]) && char.IsAsciiDigit(line[i + 2]) && line[i + 3] is ' ' or '-'
                && (i == 0 || line[i - 1] is ' ' or ':' or '(' or '"')) return true;
        }
        return false;
    }

    /// <summary>Where the text says which command failed: found as a position, so that searching makes no objects.</summary>
    private readonly record struct Said(int Index, int Length)
    {
        public int End => Index + Length;
    }

    /// <summary>
    /// The command a wording of <see cref="SaidPattern"/> names (its group "c"), from the wording's shape: "[RCPT_TO]",
    /// "but sender was rejected", "for DATA command", or a lead with the command at its end ("after RCPT TO"). Each shape
    /// starts with a character no other starts with; of the commands at the end, only "end of data" ends with another,
    /// "data", and both mean DATA.
    /// </summary>
    private static ReadOnlySpan<char> CommandOf(ReadOnlySpan<char> said)
    {
        if (said[0] == '[') return said[1..^1];
        if (said.StartsWith("but ", StringComparison.OrdinalIgnoreCase))
        {
            // (s/qmail: "Connected to 192.0.2.70 but sender was greylisted.")
            if (said.EndsWith(" failed", StringComparison.OrdinalIgnoreCase)) return said[4..^" failed".Length];
            return said.EndsWith(" was greylisted", StringComparison.OrdinalIgnoreCase) ? said[4..^" was greylisted".Length] : said[4..^" was rejected".Length];
        }
        if (said.StartsWith("for ", StringComparison.OrdinalIgnoreCase)) return said[4..^" command".Length];
        if (said.EndsWith(" closing ", StringComparison.OrdinalIgnoreCase)) return said[..^" closing ".Length];
        // A socket error only a connection attempt gets (Exim's "Delay reason: No route to host").
        if (IsSocketError(said)) return "CONNECT";
        foreach (var command in CommandsAtEnd)
        {
            if (said.EndsWith(command, StringComparison.OrdinalIgnoreCase)) return said[^command.Length..];
        }
        // A letter the pattern takes as another's case but ordinal comparison does not: the pattern says which.
        return SaidPattern().Match(said.ToString()).Groups["c"].Value;
    }

    /// <summary>The commands the pattern's first shape ends with, longest first.</summary>
    private static readonly string[] CommandsAtEnd =
        ["end of data", "message body", "initial connection", "MAIL FROM", "RCPT TO", "greeting", "RCPT", "MAIL", "DATA", "BDAT", "HELO", "EHLO"];

    /// <summary>
    /// The first command named from shortly before the recipient's first mention up to the next mention of another
    /// recipient of the same notice, or null: a command said about another recipient is not this one's.
    /// </summary>
    private static Said? OwnParagraph(ReadOnlySpan<char> text, string recipient, IReadOnlyList<string> allRecipients)
    {
        // The first mention may be in a list of all the recipients (Exim's warning template "Recipients: a, b"), where
        // the next one's name follows at once: then a later mention heads this recipient's own paragraph.
        const int MaxMentions = 4;
        var at = text.IndexOf(recipient, StringComparison.OrdinalIgnoreCase);
        for (var mention = 0; at >= 0 && mention < MaxMentions; mention++)
        {
            if (OwnParagraphAt(text, at, recipient, allRecipients) is { } said) return said;
            var next = text[(at + recipient.Length)..].IndexOf(recipient, StringComparison.OrdinalIgnoreCase);
            at = next < 0 ? -1 : at + recipient.Length + next;
        }
        return null;
    }

    private static Said? OwnParagraphAt(ReadOnlySpan<char> text, int at, string recipient, IReadOnlyList<string> allRecipients)
    {
        const int Before = 40, Window = 4096, MaxAts = 64, MaxToken = 254;
        // The next address after this one that is another recipient of the notice ends this recipient's paragraph.
        // Bounded: a window after the mention, a number of '@' signs, and the length of an address.
        var others = new HashSet<string>(allRecipients.Take(1000), StringComparer.OrdinalIgnoreCase);
        var end = text.Length;
        var limit = Math.Min(text.Length, at + recipient.Length + Window);
        var seen = 0;
        // Another recipient named inside parentheses opened after this one's mention is part of this recipient's reply
        // (Barracuda's "(a@example.com:blocked, b@example.com:550 5.1.1 ...)"), not the start of its own paragraph.
        var depth = 0;
        var counted = at + recipient.Length;
        for (var i = IndexOf(text, '@', at + recipient.Length); i >= 0 && i < limit && seen < MaxAts; i = IndexOf(text, '@', i + 1), seen++)
        {
            var start = i;
            while (start > 0 && i - start < MaxToken && !IsDelimiter(text[start - 1])) start--;
            for (; counted < start; counted++)
            {
                if (text[counted] == '(') depth++;
                else if (text[counted] == ')' && depth > 0) depth--;
            }
            var stop = i;
            while (stop + 1 < text.Length && stop - i < MaxToken && !IsDelimiter(text[stop + 1])) stop++;
            var token = text[start..(stop + 1)].TrimEnd('.');
            // (An apostrophe may also stand inside a local part, "o'brien@example.net", where it is no quote mark.)
            var quoted = start;
            while (quoted > 0 && i - quoted < MaxToken && (text[quoted - 1] == '\'' || !IsDelimiter(text[quoted - 1]))) quoted--;
            var named = others.Contains(token.ToString()) ? start
                : quoted < start && text[quoted..(stop + 1)].TrimEnd('.') is var withQuote && others.Contains(withQuote.ToString()) ? quoted : -1;
            if (depth == 0 && named >= 0 && !text[named..(stop + 1)].TrimEnd('.').Equals(recipient, StringComparison.OrdinalIgnoreCase))
            {
                end = named;
                break;
            }
        }
        var m = NextSaid(text, Math.Max(0, at - Before));
        // A command before the address counts only when it names it ("after RCPT TO:<addr>"), not when it ends the
        // paragraph of the recipient listed before; a tag such as Yahoo's "[RCPT_TO]" always ends the reply before it, and a
        // socket error (Exim's "Delay reason: No route to host") names no address after it.
        // (Naming it means the colon of the command: "RCPT TO:<addr>". Postfix's "timed out while sending MAIL FROM" of the
        // recipient before, its paragraphs joined, runs on into this one's "<addr>:" without one.)
        while (m is { } said && said.Index < at && (text[said.Index] == '[' || at - said.End > 3 || IsSocketError(text.Slice(said.Index, said.Length))
            || !text[said.End..at].Contains(':'))) m = NextSaid(text, said.End);
        return m is { } own && own.Index < end ? own : null;
    }

    // (Also Go's "dial tcp 203.0.113.25:25: i/o timeout" (maddy) and nullmailer's "smtp: Failed: Connect failed".)
    private static bool IsSocketError(ReadOnlySpan<char> said) =>
        said.StartsWith("no route to host", StringComparison.OrdinalIgnoreCase) || said.StartsWith("network is unreachable", StringComparison.OrdinalIgnoreCase)
        || said.StartsWith("dial tcp", StringComparison.OrdinalIgnoreCase) || said.StartsWith("connect failed", StringComparison.OrdinalIgnoreCase);

    private static bool IsDelimiter(char c) => char.IsWhiteSpace(c) || c is '<' or '>' or '(' or ')' or '"' or ',' or ';' or ':' or '[' or ']' or '\'';

    /// <summary>
    /// A Courier notice's reply to a recipient with no command before it: the server's name and address, then at once its
    /// reply ("mx.example.com [192.0.2.150]:" and "&lt;&lt;&lt; 421 4.7.0 ... Too many concurrent SMTP connections").
    /// </summary>
    private static bool RefusedInCouriersGreeting(ReadOnlySpan<char> text)
    {
        if (text.Contains(">>> ", StringComparison.Ordinal)) return false;
        var reply = text.IndexOf("<<< ", StringComparison.Ordinal);
        return reply > 0 && text[..reply].TrimEnd() is [.., ']', ':'];
    }

    /// <summary>The text from the recipient's first mention to the next other recipient's (all of it without a recipient).</summary>
    private static ReadOnlySpan<char> OwnText(ReadOnlySpan<char> text, string? recipient, IReadOnlyList<string>? allRecipients)
    {
        if (string.IsNullOrEmpty(recipient)) return text;
        var at = text.IndexOf(recipient, StringComparison.OrdinalIgnoreCase);
        if (at < 0) return [];
        var end = text.Length;
        if (allRecipients is not null)
        {
            for (var i = 0; i < allRecipients.Count && i < 1000; i++)
            {
                var other = allRecipients[i];
                if (string.IsNullOrEmpty(other) || other.Equals(recipient, StringComparison.OrdinalIgnoreCase)) continue;
                var next = text[(at + recipient.Length)..].IndexOf(other, StringComparison.OrdinalIgnoreCase);
                if (next >= 0) end = Math.Min(end, at + recipient.Length + next);
            }
        }
        return text[at..end];
    }

    /// <summary>
    /// A sendmail transcript whose server refused in its greeting: "... while talking to host.:" and then the reply
    /// ("&lt;&lt;&lt; 554 ...") with no command sent at all.
    /// </summary>
    private static bool RefusedInTheGreeting(ReadOnlySpan<char> text)
    {
        var talking = text.IndexOf("while talking to ", StringComparison.OrdinalIgnoreCase);
        if (talking < 0 || text.Contains(">>> ", StringComparison.Ordinal)) return false;
        // (The reply's code is not looked at: a squeezed notice drops a code the lines before it repeat.)
        return IndexOf(text, "<<< ", talking, StringComparison.Ordinal) >= 0;
    }

    /// <summary>Whether the first address the reply at the start of the text names (in its first 200 characters) is
    /// another recipient of the notice than this one.</summary>
    private static bool ReplyNamesAnother(ReadOnlySpan<char> reply, string? recipient, IReadOnlyList<string>? allRecipients)
    {
        if (string.IsNullOrEmpty(recipient) || allRecipients is not { Count: > 1 }) return false;
        var head = ReplyOnly(reply[..Math.Min(reply.Length, 200)]);
        var at = head.IndexOf('@');
        if (at <= 0) return false;
        var from = at;
        while (from > 0 && !IsDelimiter(head[from - 1])) from--;
        var to = at;
        while (to < head.Length && !IsDelimiter(head[to])) to++;
        var address = head[from..to].TrimEnd('.');
        if (address.Equals(recipient, StringComparison.OrdinalIgnoreCase)) return false;
        for (var i = 0; i < allRecipients.Count; i++)
        {
            if (address.Equals(allRecipients[i], StringComparison.OrdinalIgnoreCase)) return true;
        }
        return false;
    }

    /// <summary>Whether the recipient's own reply starts with the code of the transcript reply at the start of the text
    /// ("&lt;&lt;&lt; 550 ..."): a recipient refused alike may have been refused in that session too.</summary>
    private static bool SameCode(ReadOnlySpan<char> reply, string? ownReply)
    {
        if (string.IsNullOrEmpty(ownReply) || reply.Length < 7) return false;
        var code = reply.Slice(4, 3);
        var own = ownReply.AsSpan().TrimStart();
        return own.StartsWith(code, StringComparison.Ordinal) && (own.Length == 3 || !char.IsAsciiDigit(own[3]));
    }

    /// <summary>Whether the text names a recipient of the notice other than this one.</summary>
    private static bool NamesAnother(ReadOnlySpan<char> text, string recipient, IReadOnlyList<string>? allRecipients)
    {
        if (allRecipients is not { Count: > 1 }) return false;
        for (var i = 0; i < allRecipients.Count; i++)
        {
            var other = allRecipients[i];
            if (other.Length > 0 && !other.Equals(recipient, StringComparison.OrdinalIgnoreCase) && text.Contains(other, StringComparison.OrdinalIgnoreCase)) return true;
        }
        return false;
    }

    /// <summary>The reply at the start of a squeezed transcript ("&lt;&lt;&lt; 504 5.5.2 ..."), up to the next line that starts
    /// with a reply code of its own (sendmail's local "554 addr... Service unavailable") or the next command or reply.</summary>
    private static ReadOnlySpan<char> ReplyOnly(ReadOnlySpan<char> text)
    {
        const int Skip = 8;
        for (var i = Skip; i + 4 < text.Length; i++)
        {
            if (text[i] != ' ') continue;
            var rest = text[(i + 1)..];
            if (rest.StartsWith("<<< ", StringComparison.Ordinal) || rest.StartsWith(">>> ", StringComparison.Ordinal)) return text[..i];
            if (rest.Length > 4 && rest[0] is '4' or '5' && char.IsAsciiDigit(rest[1]) && char.IsAsciiDigit(rest[2]) && rest[3] == ' ') return text[..i];
        }
        return text;
    }

    /// <summary>Where the transcript's reply line that names the recipient starts, or null.</summary>
    private static int? ReplyNaming(ReadOnlySpan<char> text, string? recipient, IReadOnlyList<string>? allRecipients)
    {
        if (string.IsNullOrEmpty(recipient)) return null;
        const int Window = 200;
        var tries = 0;
        for (var at = text.IndexOf(recipient, StringComparison.OrdinalIgnoreCase); at >= 0 && tries < 64; at = IndexOf(text, recipient, at + recipient.Length, StringComparison.OrdinalIgnoreCase), tries++)
        {
            // Only a reply a short way before this mention, with no command sent in between, is about this recipient.
            var from = Math.Max(0, at - Window);
            var reply = text[from..at].IndexOf("<<< ", StringComparison.Ordinal);
            if (reply < 0) continue;
            reply += from;
            // The last reply from that one up to the mention.
            var last = reply + text[reply..(at + 1)].LastIndexOf("<<< ", StringComparison.Ordinal);
            if (text[last..at].Contains(">>> ", StringComparison.Ordinal)) continue;
            // A reply that names another recipient first is that one's; this mention only follows it (sendmail's
            // "&lt;addr&gt;... Deferred: Connection timed out" line after another recipient's refusal).
            if (ReplyNamesAnother(text[last..at], recipient, allRecipients)) continue;
            // sendmail's own "550 5.1.2 <addr>... Host unknown": its name server lookup failed, so no session was held,
            // whichever session's reply it follows ("<<< 503 5.5.2 Need rcpt command" of another recipient's).
            if (HostUnknownLine(text, at)) continue;
            // Courier heads each recipient's session with the address ("<addr>: host [ip]: >>> DATA"): that heading
            // follows the previous recipient's reply but is not named by it.
            if (HeadsASession(text, at + recipient.Length) && !OpensTheReply(text[(last + 4)..at])) continue;
            return last;
        }
        return null;
    }

    /// <summary>Where the transcript's reply that begins as the recipient's own reply does ("&lt;&lt;&lt; 554 5.7.1 Service
    /// unavailable; ..."), or null: the reply of another session than the first, when no reply names the recipient.</summary>
    private static int? ReplyReading(ReadOnlySpan<char> text, string? ownReply)
    {
        const int Compared = 40, Lead = 20;
        if (string.IsNullOrEmpty(ownReply)) return null;
        // The reply starts at its code, after a label such as sendmail's "(reason: ".
        var start = -1;
        for (var i = 0; i + 3 < ownReply.Length && i <= Lead && start < 0; i++)
        {
            if (ownReply[i] is '4' or '5' && char.IsAsciiDigit(ownReply[i + 1]) && char.IsAsciiDigit(ownReply[i + 2]) && ownReply[i + 3] == ' '
                && (i == 0 || !char.IsAsciiLetterOrDigit(ownReply[i - 1]))) start = i;
        }
        if (start < 0 || ownReply.Length - start < 12) return null;
        Span<char> quoted = stackalloc char[Compared + 4];
        "<<< ".CopyTo(quoted);
        var head = ownReply.AsSpan(start, Math.Min(ownReply.Length - start, Compared));
        head.CopyTo(quoted[4..]);
        var at = text.IndexOf(quoted[..(head.Length + 4)], StringComparison.OrdinalIgnoreCase);
        return at < 0 ? null : at;
    }

    /// <summary>Whether the reply at the start of the text ("&lt;&lt;&lt; 550 5.1.1 ...") has a status about the recipient's
    /// address: x.1.1 to x.1.6 or x.1.10.</summary>
    private static bool AddressStatus(ReadOnlySpan<char> reply)
    {
        if (!reply.StartsWith("<<< ", StringComparison.Ordinal)) return false;
        var r = reply[4..];
        if (r.Length < 10 || !char.IsAsciiDigit(r[0]) || r[3] is not (' ' or '-')) return false;
        r = r[4..];
        // "5.1.1 " or "5.1.10 "
        if (r.Length < 6 || r[0] is not ('4' or '5') || r[1] != '.' || r[2] != '1' || r[3] != '.') return false;
        var detail = r[4..];
        var end = detail.IndexOfAnyExceptInRange('0', '9');
        if (end <= 0) return false;
        return int.TryParse(detail[..end], out var d) && d is >= 1 and <= 6 or 10;
    }

    /// <summary>Where the first error reply of the session this recipient heads starts (Courier's "&lt;addr&gt;: host
    /// [ip]: &gt;&gt;&gt; DATA &lt;&lt;&lt; 552 ..."), or null: a reply that does not name the recipient is still its own.</summary>
    private static int? FirstReplyUnderHeading(ReadOnlySpan<char> text, string? recipient, IReadOnlyList<string>? allRecipients)
    {
        if (string.IsNullOrEmpty(recipient)) return null;
        var tries = 0;
        for (var at = text.IndexOf(recipient, StringComparison.OrdinalIgnoreCase); at >= 0 && tries < 64; at = IndexOf(text, recipient, at + recipient.Length, StringComparison.OrdinalIgnoreCase), tries++)
        {
            if (!HeadsASession(text, at + recipient.Length)) continue;
            var reply = FirstErrorReply(text[at..]);
            if (reply < 0) return null;
            // Another recipient's heading before that reply: this one's own session held no command (Courier's
            // "<addr>: *** Connection refused" above the next recipient's "<addr2>: host: >>> RCPT TO").
            if (reply > recipient.Length && NamesAnother(text.Slice(at + recipient.Length, reply - recipient.Length), recipient, allRecipients)) return null;
            return at + reply;
        }
        return null;
    }

    /// <summary>Whether the address that ends just before <paramref name="after"/> heads a session: a colon right after it,
    /// then a command sent a short way on with no reply in between.</summary>
    private static bool HeadsASession(ReadOnlySpan<char> text, int after)
    {
        const int Reach = 100;
        var rest = text[after..];
        if (rest.StartsWith(">")) rest = rest[1..];
        if (!rest.StartsWith(":")) return false;
        rest = rest[..Math.Min(rest.Length, Reach)];
        var command = rest.IndexOf(">>> ", StringComparison.Ordinal);
        var reply = rest.IndexOf("<<< ", StringComparison.Ordinal);
        return command >= 0 && (reply < 0 || command < reply);
    }

    /// <summary>Whether a reply names the address first, after only its codes ("550 5.1.1 &lt;").</summary>
    private static bool OpensTheReply(ReadOnlySpan<char> beforeMention) => ReplyOpening().IsMatch(beforeMention);

    [GeneratedRegex(@"\A[245]\d\d[ -](?:[245]\.\d{1,3}\.\d{1,3} )?<?\z", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: RegexBudget.Milliseconds)]
    private static partial Regex ReplyOpening();

    private static bool LocalFailureLine(ReadOnlySpan<char> text, string? recipient)
    {
        if (string.IsNullOrEmpty(recipient) || !text.Contains("<<< ", StringComparison.Ordinal)) return false;
        var firstCommand = text.IndexOf(">>> ", StringComparison.Ordinal);
        // sendmail writes the address with angle brackets or without ("550 5.1.1 kees@example.org... User unknown").
        foreach (var echo in (ReadOnlySpan<string>)["<" + recipient + ">...", recipient + "..."])
        {
            if (LocalFailureLine(text, echo, firstCommand)) return true;
        }
        return false;
    }

    private static bool LocalFailureLine(ReadOnlySpan<char> text, string echo, int firstCommand)
    {
        var tries = 0;
        for (var at = text.IndexOf(echo, StringComparison.OrdinalIgnoreCase); at >= 0 && tries < 64; at = IndexOf(text, echo, at + echo.Length, StringComparison.OrdinalIgnoreCase), tries++)
        {
            // Before any command of the transcript (so in no session), with the reply code (and status) right before
            // the address and no "<<<" marking it as the remote server's.
            var from = Math.Max(0, at - 30);
            if (!LocalReplyBefore().IsMatch(text[from..at])) continue;
            // Inside the sessions only when the line says the recipient's host is unknown, which no session gives.
            return firstCommand < 0 || firstCommand > at || HostUnknownLine(text, at + 1);
        }
        return false;
    }

    /// <summary>Whether the address at <paramref name="at"/> is in sendmail's own "&lt;addr&gt;... Host unknown" line.</summary>
    private static bool HostUnknownLine(ReadOnlySpan<char> text, int at)
    {
        if (at < 1 || text[at - 1] != '<') return false;
        var rest = text[at..];
        var close = rest.IndexOf(">...", StringComparison.Ordinal);
        return close > 0 && rest[(close + 4)..].TrimStart().StartsWith("Host unknown", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The first place of a character at or after <paramref name="from"/>, as a position in the whole text; -1 if none.</summary>
    private static int IndexOf(ReadOnlySpan<char> text, char c, int from)
    {
        var at = text[from..].IndexOf(c);
        return at < 0 ? -1 : from + at;
    }

    /// <summary>The first place of a phrase at or after <paramref name="from"/>, as a position in the whole text; -1 if none.</summary>
    private static int IndexOf(ReadOnlySpan<char> text, string phrase, int from, StringComparison comparison)
    {
        var at = text[from..].IndexOf(phrase, comparison);
        return at < 0 ? -1 : from + at;
    }

    private static int FirstErrorReply(ReadOnlySpan<char> text)
    {
        var first = -1;
        // sendmail's "<<< 550 ..." and IceWarp's "<-- 550 ...".
        foreach (var mark in ErrorReplyMarks)
        {
            var at = text.IndexOf(mark, StringComparison.Ordinal);
            if (at >= 0 && (first < 0 || at < first)) first = at;
        }
        return first;
    }

    private static readonly string[] ErrorReplyMarks = ["<<< 5", "<<< 4", "<-- 5", "<-- 4"];

    [GeneratedRegex(@"(?<!<<<\s)(?<![\w.])[45]\d\d(?: [245]\.\d{1,3}\.\d{1,3})? \z", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: RegexBudget.Milliseconds)]
    private static partial Regex LocalReplyBefore();

    /// <summary>
    /// The first place at or after <paramref name="from"/> where the text says which command failed, or null. Every such
    /// wording starts with one of <see cref="SaidLeads"/>: those are found with one vectorised search and the wording is
    /// checked there with <see cref="SaidPattern"/> anchored at that place. A regex that looks for its own start would try
    /// nearly every letter of a notice, since its alternatives start with common letters.
    /// </summary>
    private static Said? NextSaid(ReadOnlySpan<char> text, int from)
    {
        while (from < text.Length)
        {
            var at = text[from..].IndexOfAny(SaidLeads);
            if (at < 0) return null;
            from += at;
            // Anchored (\G) at the start of the rest of the text; the pattern looks at nothing before it.
            // (qmail's "TLS connect failed: ... handshake failure; connected to 192.0.2.1" is the encryption that failed on
            // a connection made, not a connection that failed.)
            if (!IsTlsConnect(text, from))
            {
                foreach (var m in SaidPattern().EnumerateMatches(text[from..])) return new Said(from + m.Index, m.Length);
            }
            from++;
        }
        return null;
    }

    /// <summary>Whether the lead at <paramref name="at"/> is the "connect failed" of "TLS connect failed" or "SSL connect failed".</summary>
    private static bool IsTlsConnect(ReadOnlySpan<char> text, int at) =>
        at >= 4 && text[(at - 4)..at] is var before && (before.Equals("TLS ", StringComparison.OrdinalIgnoreCase) || before.Equals("SSL ", StringComparison.OrdinalIgnoreCase))
        && text[at..].StartsWith("connect failed", StringComparison.OrdinalIgnoreCase);

    /// <summary>How each wording <see cref="SaidPattern"/> accepts begins (ASCII, compared ignoring case as the regex does). "did
    /// not like" stops before its "k": the regex ignoring case also takes the Kelvin sign for a "k", ordinal comparison
    /// does not.</summary>
    private static readonly System.Buffers.SearchValues<string> SaidLeads = System.Buffers.SearchValues.Create(
        ["in reply to ", "in response to ", "while receiving the initial server ", "while performing the ", "after ", "during ", "did not li", ">>> ", "--> ", "while sending ", "error in ", "error on ", "server sent: ", "command: ", "befehl: ",
         "but my name was rejected", "but sender was rejected", "but sender was greylisted", "but greeting failed", "does not like recipient", "failed after I sent the message",
         "failed on DATA command", "for RCPT TO command", "for MAIL FROM command",
         "for DATA command", "for TEXT command", "for HELO command", "for EHLO command", "[RCPT_TO]", "[MAIL_FROM]", "[DATA]", "[end of input]", "rejected command '", "refused to talk to me", "did not accept our requests to connect", "connect to ", "DATA closing ",
         "cannot connect to ", "could not connect to ", "unable to connect to ", "failed to connect to ", "while connecting to ", "socket connection failed", "establish an SMTP connection",
         "no route to host", "network is unreachable", "dial tcp", "connect failed", "connection to remote server failed"],
        StringComparison.OrdinalIgnoreCase);

    // "Command: RCPT TO:<addr> Response: 550 ...": GroupWise's transcript, its lines squeezed into one ("Befehl:" in German).
    // "server sent: RCPT TO:<addr>": hMailServer's line before the remote reply ("hMailServer sent: ..."; "sent: ." is
    // the message's final dot).
    // "rejected command 'RCPT TO:<addr>'": Stalwart ("host 'mx' rejected command 'BDAT 2048 LAST' with code 552").
    // "connect to mx.example.org[192.0.2.1]:25: Connection timed out": Postfix, for a connection that failed.
    // "--> RCPT TO:<addr>", "--> .": IceWarp's session transcript (its own lines "-->", the server's "<--").
    // "Cannot connect to host", "could not connect to mx.example.org": a notice that names the failed connection
    // (Kerio Connect), or "Connection refused while connecting to 192.0.2.1:25"; only a host, server or address, not what
    // a local program could not reach ("cannot connect to database").
    // "refused to talk to me": Postfix, for a refusal in the server's greeting (the connection); "did not accept our
    // requests to connect": Gmail, for connections refused or timed out; "Socket connection failed": MDaemon's transcript;
    // "I wasn't able to establish an SMTP connection": qmail, for a connection refused or timed out.
    // "No route to host", "Network is unreachable": socket errors that only a connection attempt gets (Exim's delay reason).
    // "in response to end of data": Exim ("Remote host closed connection in response to end of data"); "while receiving
    // the initial server greeting": Postfix's timeout in the greeting; "while performing the EHLO handshake", "while
    // sending message body": Postfix's lost or timed-out connection at those steps.
    // "during MAIL FROM": Microsoft 365's 5.7.57 ("Client not authenticated to send mail during MAIL FROM").
    // "for RCPT TO command": 1&1 / IONOS ("SMTP error from remote server for RCPT TO command, host: ...").
    // "DATA closing 550 ...": chasquid, for a refusal after the message's final dot.
    [GeneratedRegex(@"\G(?:(?:in reply to |in response to |while receiving the initial server |after |during |did not like our |>>> |--> |while sending |after sending |error (?:in|on) |server sent: |command: |befehl: )(?:pipelined |final )?(?<c>end of data|end of DATA|RCPT TO|RCPT|MAIL FROM|MAIL|DATA|HELO|EHLO|initial connection|connect|greeting|message body)|while performing the (?<c>EHLO|HELO) handshake|but (?<c>my name|sender) was (?:rejected|greylisted)|but (?<c>greeting) failed|does not like (?<c>recipient)|failed after I sent the (?<c>message)|failed on (?<c>DATA) command|for (?<c>RCPT TO|MAIL FROM|DATA|TEXT|HELO|EHLO) command|rejected command '(?<c>RCPT TO|MAIL FROM|DATA|BDAT|HELO|EHLO)|refused to (?<c>talk) to me|(?<c>connect) to [^\s:\[]{1,255}(?:\[[0-9A-Fa-f.:]{1,45}\])?:\d{1,5}: |did not accept our requests to (?<c>connect)|socket (?<c>connect)ion failed|(?<c>no route to host|network is unreachable|dial tcp|connect failed)|(?<c>connect)ion to remote server failed|establish an SMTP (?<c>connect)ion|(?:(?:cannot|could not|unable to|failed to) (?<c>connect)|while (?<c>connect)ing) to (?:(?:the )?(?:remote |mail |smtp |destination )?(?:host|server)\b|[a-z0-9-]{1,63}\.[a-z0-9.-]{1,200}\.[a-z]{2,24}\b|\[?\d{1,3}(?:\.\d{1,3}){3}\b)|(?-i:\[(?<c>RCPT_TO|MAIL_FROM|DATA|end of input)\])|(?<c>DATA) closing (?=[45]\d\d)|(?:server sent: |--> )(?<c>\.)(?!\S))", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: RegexBudget.Milliseconds)]
    private static partial Regex SaidPattern();
}
