using System.Buffers;
using System.Text;
using System.Text.RegularExpressions;
using MimeKit;

namespace Bounceback.Core.Bounces.Decoders;

/// <summary>
/// Reads bounces written for people rather than machines (qmail, Exim, Postfix's plain form, Gmail, ...): finds the
/// lines that name a failed recipient and the wording that follows each one, up to where the returned copy starts.
/// </summary>
internal static partial class PlainTextReader
{
    private const int MaxLines = 4000;
    private const int MaxDiagnosticLines = 14;
    private const int MaxRecipients = 1000;
    // How far below a listed recipient its reply is looked for: bounds the search when many recipients have none.
    private const int MaxLinesToLaterReply = 200;

    /// <summary>Line starts that mark the start of the returned original message.</summary>
    private static readonly string[] CopyMarkers =
    [
        "below this line is a copy", "this is a copy of the message", "original message follows", "----- original message",
        "message headers follow", "header of the original message", "original message header", "------ original message",
        "the original message headers", "unsent message below", "----- message header", "-- original message", "returned message follows",
        "included below is the original", "a copy of your message", "the text of your message", "here are the first",
        "original message below", "message text follows", "--- the header", "lines of the message follow", "content-type: message/rfc822", "original message:",
        // The same in the sender's language (Gmail's "----- Original message -----", Exchange's "Original message headers:").
        "----- oorspronkelijk bericht", "----- ursprüngliche nachricht", "----- message d'origine", "----- mensaje original", "----- messaggio originale", "----- mensagem original",
        "oorspronkelijke berichtkoppen", "ursprüngliche nachrichtenkopfzeilen", "en-têtes du message d'origine", "encabezados del mensaje original",
        "intestazioni originali del messaggio", "cabeçalhos da mensagem original",
    ];

    // All the markers in one case-insensitive search, the same test as Contains with OrdinalIgnoreCase for each.
    private static readonly PhraseSearch CopyMarkerSearch = new(CopyMarkers);

    /// <summary>
    /// A notice split into lines (at most <see cref="MaxLines"/>, the rest in the last) and where the returned copy of the
    /// original starts in it: a decoder that reads one notice several ways splits and searches it once. A line is read
    /// as a span of the notice; it becomes a string of its own only when a reading asks for one (a line that names an
    /// address, a diagnostic's line), since most lines are only looked at.
    /// </summary>
    internal sealed class NoticeLines
    {
        // The notice with each line break a '\n': the lines joined, as the copy markers are searched for.
        private readonly string _joined;
        // Where each line starts in _joined, and one more entry: one past the end of the text, as if a line break followed.
        private readonly int[] _starts;
        private int _copyStart = -1;

        public NoticeLines(string text)
        {
            _joined = text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
            _starts = LineStarts(_joined);
        }

        /// <summary>The lines as <c>Split('\n', MaxLines + 1)</c> would give them, as where each starts.</summary>
        private static int[] LineStarts(string joined)
        {
            var count = Math.Min(joined.AsSpan().Count('\n') + 1, MaxLines + 1);
            var starts = new int[count + 1];
            for (var i = 1; i < count; i++) starts[i] = joined.IndexOf('\n', starts[i - 1]) + 1;
            starts[count] = joined.Length + 1;
            return starts;
        }

        /// <summary>How many lines there are, as <see cref="MessageParts.Lines"/> gives them.</summary>
        public int Count => _starts.Length - 1;

        /// <summary>Line <paramref name="i"/>, without its line break.</summary>
        public ReadOnlySpan<char> Span(int i) => _joined.AsSpan(_starts[i], _starts[i + 1] - 1 - _starts[i]);

        /// <summary>
        /// Line <paramref name="i"/> as a string, made anew at each call: few lines are asked for, and a table of the
        /// strings made cost more than making one of them twice.
        /// </summary>
        public string this[int i] => Count == 1 ? _joined : new string(Span(i));

        /// <summary>Lines 0 to <paramref name="end"/> (not included) joined with '\n': the start of the notice.</summary>
        public string Before(int end) => end >= Count ? _joined : end <= 0 ? "" : _joined[..(_starts[end] - 1)];

        /// <summary>The first line of the returned copy (a copy marker, Received: or Return-Path:), or the number of lines read when there is none.</summary>
        public int CopyStart => _copyStart >= 0 ? _copyStart : _copyStart = FindCopyStart();

        /// <summary>
        /// The first line from line 1 on that starts the copy, with the markers found in one search of the joined lines
        /// rather than one per line (a marker holds no line break, so the first one found is on the first line that has one).
        /// </summary>
        private int FindCopyStart()
        {
            var end = Math.Min(Count, MaxLines);
            if (end <= 1) return end;
            var after = _joined.AsSpan(_starts[1]);
            var hit = CopyMarkerSearch.Scan(after).Next();
            var markerLine = hit < 0 ? end : Math.Min(end, 1 + after[..hit].Count('\n'));
            for (var i = 1; i < markerLine; i++)
            {
                if (IsCopyHeader(Span(i))) return i;
            }
            return markerLine;
        }
    }

    /// <summary>The notice up to where the returned copy of the original message starts.</summary>
    public static string NoticeOnly(string text) => SplitAtCopy(new NoticeLines(text), withHeaders: false).Notice;

    /// <summary>
    /// The notice up to where the returned copy of the original message starts, and the header block of that copy
    /// when it is quoted as text (see <see cref="CopiedHeaders(string)"/>).
    /// </summary>
    public static (string Notice, HeaderList? Headers) SplitAtCopy(NoticeLines notice, bool withHeaders = true)
    {
        var end = notice.CopyStart;
        return (notice.Before(end), withHeaders ? HeadersFrom(notice, end) : null);
    }

    /// <summary>A line that starts a returned copy's header block (Received:, Return-Path:), after any indentation.</summary>
    private static bool IsCopyHeader(ReadOnlySpan<char> line)
    {
        var l = line.TrimStart();
        return l.StartsWith("Received: ", StringComparison.OrdinalIgnoreCase) || l.StartsWith("Return-Path:", StringComparison.OrdinalIgnoreCase);
    }

    /// <param name="text">The notice text.</param>
    /// <param name="knownRecipients">The recipients when a header names them (X-Failed-Recipients); else found in the text.</param>
    /// <param name="senders">The original sender's addresses: a reply line or an indented continuation line that echoes
    /// one of them ("553 5.1.8 &lt;sender&gt;: Sender address rejected") after a recipient was named is that recipient's
    /// refusal, not another recipient.</param>
    public static IReadOnlyList<RecipientFacts> Read(string text, IReadOnlyList<string>? knownRecipients = null, IReadOnlyCollection<string>? senders = null) =>
        Read(new NoticeLines(text), knownRecipients, senders);

    /// <inheritdoc cref="Read(string, IReadOnlyList{string}?, IReadOnlyCollection{string}?)"/>
    public static IReadOnlyList<RecipientFacts> Read(NoticeLines notice, IReadOnlyList<string>? knownRecipients = null, IReadOnlyCollection<string>? senders = null)
    {
        var lines = notice;
        if (Unquoted(notice) is { } unquoted) lines = unquoted;
        var end = lines.CopyStart;

        var found = new List<(string Address, int Line, string Remainder)>();
        var remoteReplies = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        // The last line that named a recipient, also a repeated one (a notice may list its recipients twice, in two languages).
        (string Address, int Line, string Remainder)? lastMention = null;
        for (var i = 0; i < end && found.Count < MaxRecipients; i++)
        {
            if (!MayNameRecipient(lines.Span(i))) continue;
            var wrapped = WrappedReply(lines, i);
            if (RecipientOnLine(wrapped ?? lines[i], knownRecipients) is not { } hit) continue;
            if (IntroducedAsNoRecipient(lines, i)) continue;
            if (found.Count > 0 && senders is { Count: > 0 } && knownRecipients is not { Count: > 0 } && IsSenderEcho(lines, i, hit.Address, senders)) continue;
            // (A line that carries its reply's code on the line before is read with it, above, not skipped as its rest.)
            // Before any recipient, such a rest that echoes the sender is the refusal of the sender, not a recipient.
            if (wrapped is null && (found.Count > 0 || (senders is not null && senders.Contains(hit.Address, StringComparer.OrdinalIgnoreCase))) && ContinuesAReply(lines, i)) continue;
            if (lastMention is { } mention && IsReplyLine(lines.Span(i)) && AwaitsItsReply(lines, mention, i)) continue;
            lastMention = (hit.Address, i, hit.Remainder);
            if (!IsFound(hit.Address, found))
            {
                found.Add((hit.Address, i, hit.Remainder));
            }
            else if (FoundInBareList(found, hit.Address, lines, end) is { } listed && DetailFollows(lines, i, end, hit.Address))
            {
                // A notice that first lists its recipients bare (Mail.Ru's preamble in Russian, above the English
                // report) and then reports each with its host and reply: the report is the recipient's.
                found[listed] = (hit.Address, i, hit.Remainder);
            }
            else if (RemoteServerReturned(lines, i + 1, end) is { } reply)
            {
                // Exchange names the address again under "Diagnostic information for administrators", followed by the
                // remote server's own reply; the first mention had only Microsoft's words for people.
                remoteReplies.TryAdd(hit.Address, reply);
            }
        }

        var results = new List<RecipientFacts>(found.Count);
        for (var k = 0; k < found.Count; k++)
        {
            var (address, line, rest) = found[k];
            // sendmail's list of "successful delivery notifications": "<addr>  (relayed to non-DSN-aware mailer)",
            // "(delivered to mailbox)", "(expanded to: ...)". That is all there is of this recipient; what follows is the
            // failed recipients' transcript.
            if (SuccessNote(rest) is { } success)
            {
                results.Add(new RecipientFacts { Recipient = address, DiagnosticCode = rest.Trim(), Action = success, Status = "2.0.0" });
                continue;
            }
            var stop = Math.Min(end, k + 1 < found.Count ? found[k + 1].Line : end);
            var parts = new List<string>();
            if (rest.Length > 0) parts.Add(rest);
            var collected = 0;
            // Parts are only added, so each is searched for a code once, at the first blank line after it.
            var searched = 0;
            for (var i = line + 1; i < stop && collected < MaxDiagnosticLines; i++)
            {
                var t = lines.Span(i).Trim();
                if (t.Length == 0)
                {
                    // A paragraph without any code is often only the introduction: read on into the next one.
                    // The line count first: past it, whether there is a code makes no difference.
                    if (parts.Count > 0 && (collected >= MaxDiagnosticLines / 2 || HasCode(parts, ref searched))) break;
                    continue;
                }
                if (IsRule(t)) break;
                // A section heading between rules ("----- Delivery to the following addresses failed -----") is the
                // notice's own wording, not this recipient's: what follows it may still be (a session transcript).
                if (IsFramedHeading(t)) continue;
                // Exchange repeats the message's subject under the recipient ("Subject: ...", "Betreff: ..."): the
                // sender's words, which may hold anything, a number like a reply code too.
                if (IsSubjectLine(t)) continue;
                // InterMail's and Coremail's closing "Please reply to <Postmaster@host> if you feel this message to be in
                // error." ends the notice; it is no recipient's wording.
                if (t.StartsWith("please reply to ", StringComparison.OrdinalIgnoreCase)) break;
                // OpenSMTPD's delay notice closes with "Please note that this is only a temporary failure report."
                if (t.StartsWith("please note that this is only a ", StringComparison.OrdinalIgnoreCase)) break;
                // A line holding nothing but a recipient's address starts Exchange's section for administrators, which
                // names every recipient again with its own reply; that reply is attached below, not read here.
                if (t.Contains('@') && IsBareAddressOf(t, found)) break;
                parts.Add(new string(t));
                collected++;
            }
            // What was read runs into the sessions of other recipients (sendmail's transcript after a bare address): the
            // line there that names this recipient with a reply ("550 5.1.2 <addr>... Host unknown") is its own wording.
            if (parts.Count > 1 && found.Count > 1 && OwnReplyAmongOthers(parts, address, found) is { } own)
            {
                parts.Clear();
                parts.Add(own);
            }
            // A list of recipients first, the servers' replies in a section of their own further on ("Technical details:
            // SMTP:RCPT host 192.0.2.1: 553 5.3.0 <addr>... No such user"): the reply that names the address is its wording.
            if (parts.Count == 0 && ReplyNamingLater(lines, address, line, end) is { } later) parts.Add(later);
            // Nothing but an introduction ("Did not reach the following recipient: addr"): that wording is all there is.
            if (parts.Count == 0 && (IntroductionOf(lines[line], address) ?? IntroductionBefore(lines, line)) is { } intro) parts.Add(intro);
            // The reason above the list of addresses, under its introduction (InterMail: "This Message was undeliverable
            // due to the following reason:", the reason, then the addresses).
            if (parts.Count == 0 && ReasonAbove(lines, line) is { } above) parts.Add(above);
            if (remoteReplies.TryGetValue(address, out var remote) && !parts.Any(p => Reasons.ReasonClassifier.FindReply(p) is not null))
            {
                // The remote server's own reply is the recipient's wording; Microsoft's sentence for people above it only
                // restates the status in general words, which may name another cause ("address not found" over "550 5.2.1
                // Mailbox disabled"), in any language.
                parts.Clear();
                parts.Add(remote);
            }
            results.Add(new RecipientFacts { Recipient = address, DiagnosticCode = MessageParts.NullIfEmpty(string.Join(' ', parts)) });
        }
        // A pasted or forwarded bounce often starts with the person's own words and signature, with their own address:
        // the original sender is no failed recipient when others are named and nothing of its own says it failed (no reply
        // code or status). Mail sent to oneself that bounced still names its code.
        if (results.Count > 1 && senders is { Count: > 0 } && knownRecipients is not { Count: > 0 })
        {
            results.RemoveAll(r => senders.Contains(r.Recipient, StringComparer.OrdinalIgnoreCase)
                && Reasons.ReasonClassifier.FindReply(r.DiagnosticCode ?? "") is null && Reasons.ReasonClassifier.FindStatus(r.DiagnosticCode ?? "") is null);
        }
        return results;
    }

    /// <summary>
    /// The lines without the "&gt; " of a bounce forwarded with quoting (before every line, or "&gt;" alone on an empty
    /// one); null when no line has it, so that the lines as they are serve.
    /// </summary>
    private static NoticeLines? Unquoted(NoticeLines lines)
    {
        string[]? unquoted = null;
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines.Span(i);
            if (!line.StartsWith("> ", StringComparison.Ordinal) && !line.SequenceEqual(">")) continue;
            if (unquoted is null)
            {
                unquoted = new string[lines.Count];
                for (var k = 0; k < unquoted.Length; k++) unquoted[k] = lines[k];
            }
            unquoted[i] = line.Length > 2 ? new string(line[2..]) : "";
        }
        // Joined again, the lines split as they are: only the last line can hold a line break, and it stays the last.
        return unquoted is null ? null : new NoticeLines(string.Join('\n', unquoted));
    }

    /// <summary>Labels of the subject line Exchange shows under a recipient, in the languages of its notices.</summary>
    private static readonly string[] SubjectLabels = ["subject:", "betreff:", "onderwerp:", "objet :", "objet:", "asunto:", "oggetto:", "assunto:"];

    private static bool IsSubjectLine(ReadOnlySpan<char> line)
    {
        foreach (var label in SubjectLabels)
        {
            if (line.StartsWith(label, StringComparison.OrdinalIgnoreCase)) return true;
        }
        return false;
    }

    /// <summary>A heading between rules: "----- Transcript of session follows -----", "== Delivery failed ==".</summary>
    private static bool IsFramedHeading(ReadOnlySpan<char> line) =>
        line.Length >= 8 && line[0] is '-' or '=' or '*' && line[1] == line[0] && line[^1] == line[0] && line[^2] == line[0];

    /// <summary>A rule of dashes, equals signs, stars or underscores (also an empty line).</summary>
    private static bool IsRule(ReadOnlySpan<char> line) => line.IndexOfAnyExcept("-=*_") < 0;

    /// <summary>
    /// An indented line right after a line that ends in a reply code (and status): the wrapped rest of that reply, such as
    /// Postfix's "said: 550 5.1.1" followed by "    &lt;addr&gt;: Recipient address rejected", whatever address it echoes.
    /// </summary>
    private static bool ContinuesAReply(NoticeLines lines, int i)
    {
        if (i == 0 || lines.Span(i).Length == 0 || !char.IsWhiteSpace(lines.Span(i)[0])) return false;
        var previous = lines.Span(i - 1).TrimEnd();
        return previous.Length is > 3 and < 1000 && EndsWithReply().IsMatch(previous);
    }

    // A reply code with or without its status, or the status alone when the reply code was wrapped onto the line before.
    [GeneratedRegex(@"(?:^|\s)(?:[245]\d\d(?: [245]\.\d{1,3}\.\d{1,3})?|[245]\.\d{1,3}\.\d{1,3})\z", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: RegexBudget.Milliseconds)]
    private static partial Regex EndsWithReply();

    /// <summary>
    /// Line <paramref name="i"/> joined to the line before it when that line ends in a reply code (and status) that this
    /// indented line continues and no line of the paragraph before names an address, else null: a wrapped
    /// "&lt;mx.example #5.1.1 smtp;550 5.1.1" followed by "    &lt;addr&gt;... User unknown&gt;" names its recipient with
    /// the reply, as the unwrapped line does.
    /// </summary>
    private static string? WrappedReply(NoticeLines lines, int i)
    {
        var line = lines.Span(i);
        if (i == 0 || line.Length == 0 || !char.IsWhiteSpace(line[0])) return null;
        var previous = lines.Span(i - 1).Trim();
        if (previous.Length is <= 3 or >= 1000 || previous.Contains('@') || !EndsWithWrappedReply().IsMatch(previous)) return null;
        // When the paragraph named an address before, the reply is that recipient's, and this line its echo or rest.
        for (var k = i - 2; k >= 0 && k >= i - MaxDiagnosticLines; k--)
        {
            var above = lines.Span(k);
            if (above.Trim().Length == 0) break;
            if (above.Contains('@')) return null;
        }
        return string.Concat(previous, " ", line.Trim());
    }

    /// <summary>A reply code (and status) at the end of a line, after white space or a diagnostic type ("smtp;550 5.1.1").</summary>
    [GeneratedRegex(@"(?:^|[\s;])[245]\d\d(?: [245]\.\d{1,3}\.\d{1,3})?\z", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: RegexBudget.Milliseconds)]
    private static partial Regex EndsWithWrappedReply();

    private static bool IsReplyLine(ReadOnlySpan<char> line)
    {
        var t = line.TrimStart();
        return t.Length >= 4 && char.IsAsciiDigit(t[0]) && char.IsAsciiDigit(t[1]) && char.IsAsciiDigit(t[2]) && t[3] is ' ' or '-';
    }

    /// <summary>
    /// True when the recipient found last has no reply yet and its paragraph runs on, without a blank line, to line
    /// <paramref name="i"/>: a reply there is that recipient's, even when it echoes another address (an alias the remote
    /// server rewrote it to), as in GMX's "address", "SMTP error ... after RCPT command:", "host: ...", "550 5.1.1 &lt;other&gt;".
    /// </summary>
    private static bool AwaitsItsReply(NoticeLines lines, (string Address, int Line, string Remainder) last, int i)
    {
        if (i - last.Line > MaxDiagnosticLines) return false;
        if (Reasons.ReasonClassifier.FindReply(last.Remainder) is not null) return false;
        for (var k = last.Line + 1; k < i; k++)
        {
            var t = lines.Span(k).Trim();
            if (IsRule(t)) return false;
            if (Reasons.ReasonClassifier.FindReply(new string(t)) is not null) return false;
        }
        return true;
    }

    private static bool IsSenderEcho(NoticeLines lines, int i, string address, IReadOnlyCollection<string> senders)
    {
        // A reply line ("553 5.1.8 <sender>: ...") or an indented continuation of the line above it (Postfix wraps
        // "said: 550 5.7.1\n    <sender>: Sender address rejected"). A sender who was also a recipient is listed as one
        // (Exim indents its list, but after a blank line), and is kept.
        var line = lines.Span(i);
        var continuation = line.Length > 0 && char.IsWhiteSpace(line[0]) && i > 0 && !lines.Span(i - 1).IsWhiteSpace();
        if (!continuation && !IsReplyLine(line)) return false;
        foreach (var s in senders)
        {
            if (s.Equals(address, StringComparison.OrdinalIgnoreCase)) return true;
        }
        return false;
    }

    private static bool IsBareAddressOf(ReadOnlySpan<char> line, List<(string Address, int Line, string Remainder)> found) =>
        IsFound(line.Trim("<> "), found);

    /// <summary>
    /// Whether a recipient found has this address (case-insensitive). A loop rather than Any with a lambda: the lambda's
    /// captured address was a closure allocated for every line the reading looked at.
    /// </summary>
    /// <summary>The index of the found recipient when it was found on a line of its own with nothing after it but other
    /// such lines or an empty line (a bare list); else null.</summary>
    private static int? FoundInBareList(List<(string Address, int Line, string Remainder)> found, string address, NoticeLines lines, int end)
    {
        for (var k = 0; k < found.Count; k++)
        {
            if (!address.Equals(found[k].Address, StringComparison.OrdinalIgnoreCase)) continue;
            var line = found[k].Line;
            if (!lines.Span(line).Trim().Trim("<>").Equals(address, StringComparison.OrdinalIgnoreCase)) return null;
            var next = line + 1;
            while (next < end && next < line + 100 && found.Exists(f => f.Line == next)) next++;
            return next >= end || lines.Span(next).Trim().IsEmpty ? k : null;
        }
        return null;
    }

    /// <summary>Whether the mention is the address alone on its line with lines indented under it that tell more of
    /// the recipient (its host, the reply).</summary>
    private static bool DetailFollows(NoticeLines lines, int i, int end, string address)
    {
        if (i + 1 >= end) return false;
        var mention = lines.Span(i);
        if (!mention.Trim().Trim("<>").Equals(address, StringComparison.OrdinalIgnoreCase)) return false;
        var raw = lines.Span(i + 1);
        return !raw.Trim().IsEmpty && raw.Length - raw.TrimStart().Length > mention.Length - mention.TrimStart().Length;
    }

    private static bool IsFound(ReadOnlySpan<char> address, List<(string Address, int Line, string Remainder)> found)
    {
        foreach (var f in found)
        {
            if (address.Equals(f.Address, StringComparison.OrdinalIgnoreCase)) return true;
        }
        return false;
    }

    /// <summary>
    /// The next non-empty line (after the remote host's name on a line of its own) when it is Exchange's remote reply:
    /// "Remote Server returned '550 ...'", the same line in
    /// the notice's language (Dutch "Externe server heeft '550 ...' geretourneerd": a reply quoted near its start), or
    /// Exchange 2007-2010's "#550 5.1.1 ... ##"; else null.
    /// </summary>
    private static string? RemoteServerReturned(NoticeLines lines, int from, int end)
    {
        var hostSkipped = false;
        for (var i = from; i < end && i < from + 4; i++)
        {
            var t = lines.Span(i).Trim();
            if (t.Length == 0) continue;
            // Exchange 2010 and later name the remote host on a line of its own between the address and its reply.
            if (!hostSkipped && IsHostName(t))
            {
                hostSkipped = true;
                continue;
            }
            // A long reply wrapped by the notice's writer (or by a mail program, within the quote itself: "returned '400"
            // then "    4.4.7 Message delayed'") goes on in indented lines.
            var reply = new string(t);
            for (var k = i + 1; k < end && k <= i + 4; k++)
            {
                var next = lines.Span(k);
                if (next.Trim().Length == 0 || !char.IsWhiteSpace(next[0])) break;
                reply = string.Concat(reply, " ", next.Trim());
            }
            if (!reply.StartsWith("Remote Server returned", StringComparison.OrdinalIgnoreCase) && !QuotedRemoteReply().IsMatch(reply)) return null;
            // A delay notice: Exchange's own "400 4.4.7 Message delayed" first, each attempt's remote reply below it.
            if (ExchangeAttempts.LastRemoteReply(reply) is null && reply.Contains("'400 4.4.7", StringComparison.Ordinal))
            {
                var block = new System.Text.StringBuilder();
                for (var k = i + 1; k < end && k <= i + 16 && lines.Span(k).Trim().Length > 0; k++) block.Append(lines.Span(k).Trim()).Append(' ');
                if (ExchangeAttempts.LastRemoteReply(block.ToString()) is { } attempt) return attempt;
            }
            return reply;
        }
        return null;
    }

    /// <summary>The action a sendmail success note after the address names ("(relayed to non-DSN-aware mailer)" is
    /// relayed, "(delivered to mailbox)" delivered, "(expanded to: ...)" expanded); else null.</summary>
    private static string? SuccessNote(string rest)
    {
        // The note alone, in its parentheses: Postfix's "(expanded from <list@...>): host ..." goes on with a failure.
        var t = rest.AsSpan().Trim();
        if (!t.StartsWith("(") || !t.EndsWith(")")) return null;
        if (t.StartsWith("(relayed", StringComparison.OrdinalIgnoreCase)) return "relayed";
        if (t.StartsWith("(delivered", StringComparison.OrdinalIgnoreCase) || t.StartsWith("(successfully delivered", StringComparison.OrdinalIgnoreCase)) return "delivered";
        if (t.StartsWith("(expanded to", StringComparison.OrdinalIgnoreCase)) return "expanded";
        return null;
    }

    /// <summary>Whether the text is a host name alone ("mx.example.net"): letters, digits, hyphens and at least one dot.</summary>
    private static bool IsHostName(ReadOnlySpan<char> t)
    {
        if (t.Length is < 4 or > 253 || !t.Contains('.') || t[0] == '.' || t[^1] == '.') return false;
        foreach (var c in t)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not '.' and not '-') return false;
        }
        return true;
    }

    /// <summary>The part that names the address with a reply code, when other parts name another recipient; else null.</summary>
    private static string? OwnReplyAmongOthers(List<string> parts, string address, List<(string Address, int Line, string Remainder)> found)
    {
        var others = false;
        foreach (var p in parts)
        {
            foreach (var f in found)
            {
                if (!f.Address.Equals(address, StringComparison.OrdinalIgnoreCase) && p.Contains(f.Address, StringComparison.OrdinalIgnoreCase)) others = true;
            }
        }
        if (!others) return null;
        foreach (var p in parts)
        {
            if (p.Contains(address, StringComparison.OrdinalIgnoreCase) && Reasons.ReasonClassifier.FindReply(p) is not null) return p;
        }
        return null;
    }

    /// <summary>
    /// The first line after a recipient's own line (and before the returned copy, at most <see cref="MaxLinesToLaterReply"/>
    /// lines on) that names the recipient's address with an SMTP reply code, or null.
    /// </summary>
    private static string? ReplyNamingLater(NoticeLines lines, string address, int line, int end)
    {
        for (var i = line + 1; i < end && i <= line + MaxLinesToLaterReply; i++)
        {
            var t = lines.Span(i).Trim();
            if (t.Length > 1000 || t.IndexOf(address, StringComparison.OrdinalIgnoreCase) < 0) continue;
            var text = new string(t);
            if (Reasons.ReasonClassifier.FindReply(text) is not null) return text;
        }
        return null;
    }

    /// <summary>
    /// Whether the line is an address that the line before it (blank lines skipped) introduces as the sender, as Exim
    /// writes a bounce that goes to someone other than the sender: "A message sent by", then "&lt;addr&gt;" on a line of
    /// its own, then "could not be delivered to one or more of its recipients"; or as someone to write to, wrapped
    /// from "please contact &lt;postmaster@...&gt;"; or as the value of a quoted header field ("Message-id:", "From:").
    /// </summary>
    private static bool IntroducedAsNoRecipient(NoticeLines lines, int i)
    {
        for (var k = i - 1; k >= 0 && k >= i - 3; k--)
        {
            var before = lines.Span(k).Trim();
            if (before.Length == 0) continue;
            return before.TrimEnd(':').EndsWith("sent by", StringComparison.OrdinalIgnoreCase) || before.TrimEnd(':').EndsWith("contact", StringComparison.OrdinalIgnoreCase)
                // The address a 551 says to use instead, wrapped from "User has moved; please try <new address>".
                || before.EndsWith("please try", StringComparison.OrdinalIgnoreCase)
                // A header field of the returned message quoted in the notice, its value wrapped ("Message-id:", then "<id>").
                || (before[^1] == ':' && IsHeaderLine(before));
        }
        return false;
    }

    /// <summary>Whether one of the parts from <paramref name="from"/> on holds a reply code or status; moves it past those searched.</summary>
    private static bool HasCode(List<string> parts, ref int from)
    {
        for (; from < parts.Count; from++)
        {
            var p = parts[from];
            if (Reasons.ReasonClassifier.FindReply(p) is not null || Reasons.ReasonClassifier.FindStatus(p) is not null) return true;
        }
        return false;
    }

    /// <summary>The test <see cref="RecipientOnLine"/> starts with, asked before a line is made a string.</summary>
    private static bool MayNameRecipient(ReadOnlySpan<char> line) => line.Length <= 1000 && line.Contains('@');

    private static (string Address, string Remainder)? RecipientOnLine(string line, IReadOnlyList<string>? known)
    {
        if (!MayNameRecipient(line)) return null;
        var t = line.Trim();
        if (known is { Count: > 0 })
        {
            foreach (var k in known)
            {
                var at = t.IndexOf(k, StringComparison.OrdinalIgnoreCase);
                if (at >= 0 && at < 40 && !IsHeaderLine(t)) return (k, Rest(t, at + k.Length));
            }
            return null;
        }
        if (IsHeaderLine(t)) return null;
        var m = LeadingAddress().Match(t);
        if (m.Success && IsMailerDaemon(m.Groups["a"].Value)) return null;
        if (m.Success) return (m.Groups["a"].Value, WithReply(t, m.Groups["a"].Index, Rest(t, m.Index + m.Length)));
        m = IntroducedAddress().Match(t);
        if (m.Success && m.Value.IndexOf(" smtp;", StringComparison.OrdinalIgnoreCase) is var smtp and >= 0)
        {
            // Exchange 2003's "<host #5.1.1 smtp;550 5.1.1 <addr>... text>": the reply goes with the text after the address.
            var reply = m.Value[(smtp + 6)..(m.Groups["a"].Index - m.Index)].TrimEnd('<', ' ');
            return (m.Groups["a"].Value, $"{reply} {Rest(t, m.Index + m.Length)}".TrimEnd('>', ' '));
        }
        if (m.Success && m.Index == 0 && NamesTheSender(t.AsSpan(0, m.Groups["a"].Index))) return null;
        if (m.Success && IsMailerDaemon(m.Groups["a"].Value)) return null;
        if (m.Success) return (m.Groups["a"].Value, WithWording(t, m.Index, m.Groups["a"].Index, Rest(t, m.Index + m.Length)));
        return null;
    }

    /// <summary>
    /// Whether the address is a mail system's own sender (MAILER-DAEMON@host): notices come from it with an empty return
    /// path, so no notice is ever about mail to it. A ticket system or list that quotes the notice names it as the
    /// requestor ("Requestors: MAILER-DAEMON@...").
    /// </summary>
    private static bool IsMailerDaemon(string address) => address.StartsWith("mailer-daemon@", StringComparison.OrdinalIgnoreCase);

    /// <summary>Words of a label that introduces the original sender ("Sender Address:", Dutch "Adres van afzender:").</summary>
    private static readonly string[] SenderLabels = ["sender", "afzender", "absender", "expéditeur", "expediteur", "remitente", "mittente", "remetente"];

    /// <summary>
    /// Whether the words before an address label it as the original sender's, as in Microsoft 365's "Original Message
    /// Details" ("Sender Address: ...", then "Recipient Address: ..."): that address is no recipient.
    /// </summary>
    private static bool NamesTheSender(ReadOnlySpan<char> label)
    {
        var colon = label.IndexOf(':');
        if (colon < 0) return false;
        label = label[..colon];
        foreach (var word in SenderLabels)
        {
            if (label.Contains(word, StringComparison.OrdinalIgnoreCase)) return true;
        }
        return false;
    }

    /// <summary>
    /// Keeps the wording that introduces an address when it says more than "Recipient:" ("User's mailbox is full:
    /// &lt;addr&gt;"): a phrase of three or more words ending in a colon at the start of the line.
    /// </summary>
    private static string WithWording(string line, int matchStart, int addressStart, string rest)
    {
        if (matchStart != 0) return rest;
        var intro = line[..addressStart].TrimEnd(' ', '\t', '<');
        if (!intro.EndsWith(':') || intro.Count(c => c == ' ') < 2) return rest;
        // "Unable to deliver message to:", "The following recipient failed:" only introduce the address.
        foreach (var plain in IntroOnly)
        {
            if (intro.Contains(plain, StringComparison.OrdinalIgnoreCase)) return rest;
        }
        intro = intro.TrimEnd(':');
        return rest.Length == 0 ? intro : $"{intro}: {rest}";
    }

    /// <summary>Keeps the reply code and status that precede the address ("550 5.1.1 &lt;addr&gt;... text").</summary>
    private static string WithReply(string line, int addressStart, string rest)
    {
        if (addressStart < 3 || !char.IsAsciiDigit(line[0])) return rest;
        var code = line[..addressStart].TrimEnd('<', '"', ' ');
        return rest.Length == 0 ? code : $"{code} {rest}";
    }

    /// <summary>The words before the address on its line, when they are a phrase of three or more words.</summary>
    private static string? IntroductionOf(string line, string address)
    {
        var at = line.IndexOf(address, StringComparison.OrdinalIgnoreCase);
        if (at <= 0) return null;
        var intro = line[..at].Trim().TrimEnd('<', '"', ' ').TrimEnd(':').Trim();
        return intro.Count(c => c == ' ') >= 2 ? intro : null;
    }

    /// <summary>
    /// The introduction on the line right before a recipient's line when it ends in a colon ("Did not reach the following
    /// recipient:" wrapped before its address), as <see cref="IntroductionOf"/> reads it on the same line; else null.
    /// </summary>
    private static string? IntroductionBefore(NoticeLines lines, int line)
    {
        if (line == 0) return null;
        var before = lines.Span(line - 1).Trim();
        if (before.Length is < 3 or > 200 || before[^1] != ':' || IsHeaderLine(before)) return null;
        var intro = new string(before.TrimEnd(':').Trim());
        return intro.Count(c => c == ' ') >= 2 ? intro : null;
    }

    /// <summary>
    /// The reason written above a list of addresses: up from the address, past blank lines and the list's other
    /// addresses, a paragraph of at most three lines without an address, which an introduction ending in a colon heads;
    /// null when the lines above are laid out otherwise.
    /// </summary>
    private static string? ReasonAbove(NoticeLines lines, int line)
    {
        const int Reach = 40, MaxReasonLines = 3;
        var i = line - 1;
        for (; i >= 0 && line - i < Reach; i--)
        {
            var t = lines.Span(i).Trim();
            if (t.Length == 0) continue;
            if (t.Contains('@') && LeadingAddress().IsMatch(new string(t)) && t.IndexOf(' ') < 0) continue;
            break;
        }
        var last = i;
        for (; i >= 0 && last - i < MaxReasonLines; i--)
        {
            var t = lines.Span(i).Trim();
            if (t.Length == 0 || t.Contains('@') || t.Length > 200) break;
        }
        if (i == last || i < 0) return null;
        var first = i + 1;
        // Up past blank lines to the introduction.
        while (i >= 0 && lines.Span(i).Trim().Length == 0) i--;
        if (i < 0 || i == first - 1) return null;
        var heading = lines.Span(i).Trim();
        if (heading.Length == 0 || heading[^1] != ':' || IsHeaderLine(heading)) return null;
        var reason = new List<string>(last - first + 1);
        for (var k = first; k <= last; k++) reason.Add(lines[k].Trim());
        return string.Join(' ', reason);
    }

    private static readonly string[] IntroOnly = ["deliver", "recipient", "address", "following", "failed", "message to"];

    private static string Rest(string line, int from)
    {
        if (from >= line.Length) return "";
        // Exchange lists a recipient as "Name (addr)": the bracket closes the address.
        if (line[from] == ')') from++;
        if (from >= line.Length) return "";
        // Outlook repeats the address as a link right after it: "addr<mailto:addr>".
        var link = from > 0 && line[from - 1] == '<' ? from - 1 : from;
        if (line.AsSpan(link).StartsWith("<mailto:", StringComparison.OrdinalIgnoreCase) && line.IndexOf('>', link) is var close and > 0) from = close + 1;
        if (from >= line.Length) return "";
        var r = line[from..].TrimStart('>', ':', ' ', '\t', '.', ',').Trim();
        return r.Length > 2 ? r : "";
    }

    private static bool IsHeaderLine(ReadOnlySpan<char> t) =>
        t.StartsWith("From:", StringComparison.OrdinalIgnoreCase) || t.StartsWith("To:", StringComparison.OrdinalIgnoreCase) ||
        t.StartsWith("Cc:", StringComparison.OrdinalIgnoreCase) || t.StartsWith("Sender:", StringComparison.OrdinalIgnoreCase) ||
        t.StartsWith("Reply-To:", StringComparison.OrdinalIgnoreCase) || t.StartsWith("Message-Id:", StringComparison.OrdinalIgnoreCase) ||
        t.StartsWith("Return-Path:", StringComparison.OrdinalIgnoreCase) || t.StartsWith("Envelope-", StringComparison.OrdinalIgnoreCase) ||
        t.StartsWith("X-", StringComparison.OrdinalIgnoreCase) || t.StartsWith("MAIL FROM", StringComparison.OrdinalIgnoreCase) ||
        t.StartsWith("Date:", StringComparison.OrdinalIgnoreCase) || t.StartsWith("Subject:", StringComparison.OrdinalIgnoreCase) ||
        // Microsoft 365's "Original Message Details" name the original sender.
        t.StartsWith("Sender Address:", StringComparison.OrdinalIgnoreCase) ||
        // Oracle Messaging Server's "Original address:" under "Recipient address:" is the address the sender wrote before
        // an alias or list expanded it: the same recipient, not another one.
        t.StartsWith("Original address:", StringComparison.OrdinalIgnoreCase) ||
        // The Dutch header block of a forward (Outlook's "Van: ... Aan: ..."): the forwarder and the bounce's addressee.
        t.StartsWith("Van:", StringComparison.OrdinalIgnoreCase) || t.StartsWith("Aan:", StringComparison.OrdinalIgnoreCase) ||
        LabelsAMessageId(t);

    /// <summary>A line whose label names a message id or token ("Original Message ID: &lt;id@host&gt;", Postal's "Orginal
    /// Message ID:" and "Message Token:"): an id is written like an address, but names no recipient.</summary>
    private static bool LabelsAMessageId(ReadOnlySpan<char> t)
    {
        var colon = t.IndexOf(':');
        if (colon is <= 0 or > 40) return false;
        var label = t[..colon].TrimEnd();
        return label.EndsWith("message id", StringComparison.OrdinalIgnoreCase) || label.EndsWith("message-id", StringComparison.OrdinalIgnoreCase)
            || label.EndsWith("token", StringComparison.OrdinalIgnoreCase);
    }

    // The address patterns below end a domain only where the address ends (no letter, digit, hyphen or ".label" after
    // it): otherwise an address followed by text without a space ("ann@mail.shop.example您好") was cut to a shorter one.

    /// <summary>An address at the start of a line: "addr", "&lt;addr&gt;:", "addr: text", "550 5.1.1 &lt;addr&gt;... text", "addr&lt;mailto:addr&gt;",
    /// also as an item of a list ("* addr", "- addr", "• addr", amavis's "-> addr"), or in single quotes as Outlook shows an
    /// Exchange notice ("'addr' on 10-11-2026 09:14").</summary>
    [GeneratedRegex(@"^(?:[*•\-]\s+|->\s*)?(?:[245]\d\d[ -](?:[245]\.\d{1,3}\.\d{1,3} )?)?(?:RCPT TO:\s*)?<?[""']?(?<a>[^\s<>@""(),;:\[\]]+@[A-Za-z0-9][A-Za-z0-9.\-]*\.[A-Za-z]{2,}(?![A-Za-z0-9\-]|\.[A-Za-z0-9]))[""']?>?(?:$|[\s:.,(<])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: RegexBudget.Milliseconds)]
    private static partial Regex LeadingAddress();

    /// <summary>
    /// An address introduced by wording such as "to &lt;addr&gt;", "Recipient: addr", Gmail's "Your message to addr has been
    /// blocked" and a Sieve reject's "Your message to &lt;addr&gt; was automatically rejected" (only these: Microsoft's "Your
    /// message to addr couldn't be delivered" is a heading, its reply further on), MailEnable's "Recipient: [SMTP:addr]" or
    /// CommuniGate Pro's "Failed to deliver to '&lt;addr&gt;'", or named in the remote reply that
    /// Exchange 2003 quotes under a recipient it lists by display name ("&lt;host #5.1.1 smtp;550 5.1.1 &lt;addr&gt;... User unknown&gt;"),
    /// a label of a few words ending in a colon, also the full-width one of Chinese and Japanese (QQ Mail's "收 件 人：addr"),
    /// or a display name with the address in brackets ending the line, as Exchange lists a recipient ("Ann Smit (ann@example.org)",
    /// with "&lt;mailto:ann@example.org&gt;" after it where a mail program made text of the HTML).
    /// </summary>
    [GeneratedRegex(@"(?:^[^\s@()<>:][^@()<>:]{0,58}\((?=[^\s<>@""(),;:\[\]]+@[^\s()]+\)\s*(?:<mailto:|$))|^\p{L}[\p{L}' ]{2,40}[:：]|permanent errors:|deliver(?:ing)? (?:your )?(?:mail|message)? ?to|(?:wasn't|was not|couldn't be) delivered to|recipient(?: address)?:?|failed for|address:|addressed to|following message to|your message to(?=\s*<?[^\s<>@""(),;:\[\]]{1,64}@[A-Za-z0-9.\-]{1,255}>? (?:has been blocked|was automatically rejected))|unable to deliver to|destinataire\s*:?|Empf.nger:?|#[245]\.\d{1,3}\.\d{1,3} smtp;[245]\d\d (?:[245]\.\d{1,3}\.\d{1,3} )?)\s*(?:\[SMTP:|'|"")?<?(?<a>[^\s<>@""(),;:\[\]]+@[A-Za-z0-9][A-Za-z0-9.\-]*\.[A-Za-z]{2,}(?![A-Za-z0-9\-]|\.[A-Za-z0-9]))>?", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: RegexBudget.Milliseconds)]
    private static partial Regex IntroducedAddress();

    /// <summary>A reply quoted in the first 200 characters of a line ("... '550 5.1.1 ...'", room for a long host name in
    /// another language's sentence) or written between hashes ("#550 ...", after
    /// the remote host in Exchange 2007-2010's "mx.example.net #550 5.1.1 ... ##").</summary>
    [GeneratedRegex(@"^(?:[^'@]{0,200}'|(?:[A-Za-z0-9][A-Za-z0-9.\-]{0,252} )?#)[45][0-5]\d[ -]", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: RegexBudget.Milliseconds)]
    private static partial Regex QuotedRemoteReply();

    /// <summary>Any address in a line (the first one).</summary>
    [GeneratedRegex(@"<?(?<a>[^\s<>@""(),;:\[\]]+@[A-Za-z0-9][A-Za-z0-9.\-]*\.[A-Za-z]{2,}(?![A-Za-z0-9\-]|\.[A-Za-z0-9]))>?", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: RegexBudget.Milliseconds)]
    private static partial Regex AnyAddress();

    /// <summary>The first address in a line and where it starts, or null.</summary>
    public static (string Address, int Index, int Length)? FirstAddress(string line)
    {
        if (line.Length > 2000 || !line.Contains('@')) return null;
        var m = AnyAddress().Match(line);
        if (!m.Success) return null;
        var a = m.Groups["a"].Value.TrimEnd('.');
        return (a, m.Index, m.Length);
    }

    /// <summary>
    /// The header block of a returned message quoted inline after the notice (after a copy marker such as "Message
    /// headers follow" or "This is a copy of the message"), read by MimeKit; null when there is none or it names
    /// neither a subject, a message id nor a sender. Gives the original's subject, id and sender to a notice that
    /// does not attach the original as a MIME part.
    /// </summary>
    public static HeaderList? CopiedHeaders(string text)
    {
        var notice = new NoticeLines(text);
        return HeadersFrom(notice, notice.CopyStart);
    }

    /// <summary>The header block of the copy that starts at line <paramref name="start"/> (the marker line), read by MimeKit.</summary>
    private static HeaderList? HeadersFrom(NoticeLines lines, int start)
    {
        if (start >= lines.Count) return null;
        // The marker line itself, unless the copy starts right away with a header (Received:, Return-Path:).
        if (!IsField(lines.Span(start))) start++;
        while (start < lines.Count && lines.Span(start).IsWhiteSpace()) start++;
        if (start >= lines.Count || !IsField(lines.Span(start))) return null;
        // Only the fields wanted go to MimeKit, each with its continuation lines: the long Received: lines are skipped.
        HeaderList? headers = null;
        var field = new FieldBytes();
        try
        {
            for (var i = start; ; i++)
            {
                var end = i >= lines.Count || i >= start + 200 || lines.Span(i).IsWhiteSpace();
                var line = end ? "" : lines.Span(i);
                if (field.Length > 0 && (end || line[0] is not (' ' or '\t')))
                {
                    field.Append("\r\n");
                    if (field.TryParse(out var header)) (headers ??= []).Add(header);
                    field.Clear();
                }
                if (end) break;
                if (line[0] is not (' ' or '\t') && IsWanted(line)) field.Append(line);
                else if (field.Length > 0)
                {
                    field.Append("\r\n");
                    field.Append(line);
                }
            }
        }
        finally
        {
            field.Dispose();
        }
        return headers is not null && (headers.Contains(HeaderId.Subject) || headers.Contains(HeaderId.MessageId) || headers.Contains(HeaderId.From)) ? headers : null;
    }

    /// <summary>
    /// One header field's text as UTF-8 in a rented buffer, the bytes MimeKit's <c>Header.TryParse(string)</c> makes of
    /// it: a field is parsed from its bytes without a string, a builder and a byte array of its own.
    /// </summary>
    private struct FieldBytes : IDisposable
    {
        private byte[] _buffer;

        public FieldBytes() => _buffer = ArrayPool<byte>.Shared.Rent(512);

        public int Length { get; private set; }

        // A line holds no line break, so no surrogate pair is cut between two appended pieces.
        public void Append(ReadOnlySpan<char> text)
        {
            var needed = Length + Encoding.UTF8.GetByteCount(text);
            if (needed > _buffer.Length)
            {
                var larger = ArrayPool<byte>.Shared.Rent(needed);
                _buffer.AsSpan(0, Length).CopyTo(larger);
                ArrayPool<byte>.Shared.Return(_buffer);
                _buffer = larger;
            }
            Length += Encoding.UTF8.GetBytes(text, _buffer.AsSpan(Length));
        }

        public readonly bool TryParse([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Header? header) => Header.TryParse(_buffer, 0, Length, out header);

        public void Clear() => Length = 0;

        public void Dispose() => ArrayPool<byte>.Shared.Return(_buffer);
    }

    private static bool IsWanted(ReadOnlySpan<char> line)
    {
        foreach (var f in WantedFields)
        {
            if (line.StartsWith(f, StringComparison.OrdinalIgnoreCase)) return true;
        }
        return false;
    }

    /// <summary>The fields of a quoted original that a result reports (subject, id, sender).</summary>
    private static readonly string[] WantedFields = ["Subject:", "Message-ID:", "From:", "Return-Path:"];

    /// <summary>A header field's first line: a field name (printable characters, no space) and a colon.</summary>
    private static bool IsField(ReadOnlySpan<char> line)
    {
        var colon = line.IndexOf(':');
        if (colon is < 1 or > 76) return false;
        foreach (var c in line[..colon])
        {
            if (c is <= ' ' or > '~') return false;
        }
        return true;
    }

    /// <summary>
    /// The address on the To: line of a returned message quoted inline after the notice: the header block after a
    /// copy marker, or else (when <paramref name="unmarked"/>) the first block of lines that starts with a header such
    /// as From: or Date: after a blank line.
    /// </summary>
    public static string? CopiedTo(NoticeLines notice, bool unmarked)
    {
        var lines = notice;
        var start = notice.CopyStart;
        if (start >= lines.Count)
        {
            if (!unmarked) return null;
            start = -1;
            for (var i = 1; i < lines.Count; i++)
            {
                if (lines.Span(i - 1).IsWhiteSpace() && IsHeaderLine(lines.Span(i)) && lines.Span(i).Contains(':')) { start = i; break; }
            }
            if (start < 0) return null;
        }
        for (var i = start; i < lines.Count && i < start + 60; i++)
        {
            if (lines.Span(i).StartsWith("To:", StringComparison.OrdinalIgnoreCase) && FirstAddress(lines[i]) is { } hit) return hit.Address;
        }
        return null;
    }

    /// <summary>Addresses in a header such as X-Failed-Recipients.</summary>
    public static IReadOnlyList<string> AddressesIn(string? header)
    {
        if (string.IsNullOrWhiteSpace(header)) return [];
        if (InternetAddressList.TryParse(header, out var list))
        {
            // A loop rather than Select, Where, Distinct and Take: two headers of every text notice are read so.
            var addresses = new List<string>();
            HashSet<string>? seen = null;
            foreach (var mailbox in list.Mailboxes)
            {
                var address = MessageParts.AddressOf(mailbox);
                if (!address.Contains('@')) continue;
                // The first mention of an address is kept, in order; a set only once there is more than one.
                if (addresses.Count > 0 && !(seen ??= new HashSet<string>(addresses, StringComparer.OrdinalIgnoreCase)).Add(address)) continue;
                addresses.Add(address);
                if (addresses.Count == MaxRecipients) break;
            }
            return addresses;
        }
        return header.Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries).Select(MessageParts.CleanAddress).Where(a => a.Contains('@')).Take(MaxRecipients).ToList();
    }
}
