using System.Globalization;
using System.Text.RegularExpressions;
using Bounceback.Core.Bounces.Decoders;
using MimeKit;
using MimeKit.Utils;

namespace Bounceback.Core.Bounces.Rfc3464;

/// <summary>
/// Reads RFC 3464 delivery status notifications with MimeKit: the message/delivery-status part's status groups
/// (one per-message group, then one per recipient), the returned original, and the human-readable notice.
/// Also finds a report nested inside a forwarded message.
/// </summary>
public static partial class DeliveryStatusReader
{
    private const int MaxRecipients = 10_000;

    /// <summary>The delivery-status part of a message, also one inside an attached (forwarded) message.</summary>
    public static MessageDeliveryStatus? Find(MimeMessage message)
    {
        // An attached message can hold a report only if its bytes name one (a delivery-status content type): the others
        // are not parsed just to look.
        foreach (var entity in MessageParts.Walk(message.Body, into: static m => m.Mentions("delivery-status"u8)))
        {
            if (entity is MessageDeliveryStatus mds) return mds;
            if (entity is MimePart part && part.ContentType.MediaSubtype.EndsWith("delivery-status", StringComparison.OrdinalIgnoreCase) && part.Content is not null)
            {
                // A delivery-status body labelled text/... or similar: let MimeKit read it as one.
                return Copy(part);
            }
            // A report whose second part, the status part by RFC 6522, is labelled text/plain (an attachment "details.txt"),
            // but holds the status fields.
            if (entity is MultipartReport { Count: >= 2 } report && report.ReportType is { } type && type.Equals("delivery-status", StringComparison.OrdinalIgnoreCase)
                && report[1] is TextPart { IsPlain: true, Content: not null } plain && StartsWithStatusField(plain))
            {
                return Copy(plain);
            }
        }
        return FromText(message);
    }

    private static MessageDeliveryStatus Copy(MimePart part)
    {
        using var buffer = new MemoryStream();
        part.Content?.DecodeTo(buffer);
        var copy = new MessageDeliveryStatus();
        copy.Content = new MimeContent(new MemoryStream(buffer.ToArray()));
        return copy;
    }

    /// <summary>Whether a text part's first line is a per-message status field (RFC 3464 section 2.2).</summary>
    private static bool StartsWithStatusField(TextPart part)
    {
        var text = MessageParts.SafeText(part).AsSpan().TrimStart();
        foreach (var field in (ReadOnlySpan<string>)["Reporting-MTA:", "Original-Envelope-Id:", "DSN-Gateway:", "Received-From-MTA:", "Arrival-Date:", "Final-Recipient:", "Original-Recipient:"])
        {
            if (text.StartsWith(field, StringComparison.OrdinalIgnoreCase)) return true;
        }
        return false;
    }

    /// <summary>
    /// The server's name from a Remote-MTA value: Gmail writes the name with its root dot and a comment after it
    /// ("mx.example.org. (192.0.2.1, the server for the domain example.org.)"); the comment and the dot are not the name.
    /// </summary>
    internal static string MtaName(string value)
    {
        var name = value.AsSpan().TrimEnd();
        var comment = name.EndsWith(")") ? name.IndexOf(" (", StringComparison.Ordinal) : -1;
        if (comment > 0) name = name[..comment].TrimEnd();
        name = name.TrimEnd('.');
        return name.Length == value.Length ? value : new string(name);
    }

    /// <summary>
    /// A delivery-status block pasted into a text part (by a broken report, a forward, or a gateway that flattened
    /// the MIME structure): the lines from the first Reporting-MTA or Final-Recipient field on, read by MimeKit.
    /// </summary>
    private static MessageDeliveryStatus? FromText(MimeMessage message)
    {
        var text = MessageParts.AllNoticeText(message);
        // Most texts have no report in them: the recipient field decides before the whole text is searched again.
        var fr = IndexOfField(text, "Final-Recipient:");
        if (fr < 0) return null;
        var at = IndexOfField(text, "Reporting-MTA:");
        var start = at >= 0 && at < fr ? at : fr;
        var block = text[start..].Replace("\r\n", "\n", StringComparison.Ordinal);
        // Keep only field lines, continuation lines and the blank lines between groups.
        var lines = new List<string>();
        foreach (var line in block.Split('\n'))
        {
            if (line.Length == 0 || line[0] is ' ' or '\t' || (line.IndexOf(':') is > 0 and < 40 && IsFieldName(line[..line.IndexOf(':')])))
            {
                lines.Add(line);
                continue;
            }
            break;
        }
        var copy = new MessageDeliveryStatus();
        copy.Content = new MimeContent(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(string.Join("\r\n", lines) + "\r\n")));
        return copy;
    }

    /// <summary>A Final-Recipient that names the server's own mailbox store rather than an address that takes mail: Oracle
    /// Messaging Server's "Final-recipient: LOCAL;user@ims-ms-daemon" (a local type, a host name without a dot). The
    /// Original-Recipient then gives the address the sender wrote.</summary>
    private static bool IsStoreAddress(string? field, string address) =>
        MessageParts.SplitTyped(field).Type is "local" or "x-local" && address.IndexOf('@') is var at and > 0 && !address.AsSpan(at).Contains('.');

    private static bool IsFieldName(string name) => name.Length > 0 && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '-');

    private static int IndexOfField(string text, string field)
    {
        var i = text.IndexOf(field, StringComparison.OrdinalIgnoreCase);
        while (i > 0 && text[i - 1] != '\n') i = text.IndexOf(field, i + 1, StringComparison.OrdinalIgnoreCase);
        return i;
    }

    /// <summary>Reads the report's recipients; null when the message has no delivery-status part or no recipient in it.</summary>
    public static DecodedBounce? Read(MimeMessage message, string decoderName = "rfc3464")
    {
        var mds = Find(message);
        if (mds is null) return null;
        List<HeaderList> groups;
        try
        {
            groups = StatusGroupReader.Read(mds);
        }
        catch (Exception e) when (e is FormatException or ParseException or InvalidOperationException)
        {
            return null;
        }
        if (groups.Count == 0) return null;
        string? reportingMta = null;
        var recipients = new List<RecipientFacts>();
        // sendmail's X-Actual-Recipient of each: the address an alias expanded to, which its transcript names.
        var actual = new List<string>();
        foreach (var g in Recipients(Split(groups)))
        {
            if (recipients.Count >= MaxRecipients) break;
            if (g["Reporting-MTA"] is { } rm && reportingMta is null) reportingMta = MessageParts.SplitTyped(rm).Value;
            var recipient = MessageParts.CleanAddress(g["Final-Recipient"]);
            if (recipient.Length == 0 || !recipient.Contains('@') || IsStoreAddress(g["Final-Recipient"], recipient))
            {
                recipient = MessageParts.CleanAddress(g["Original-Recipient"]) is { Length: > 0 } o && (o.Contains('@') || !recipient.Contains('@')) ? o : recipient;
            }
            if (recipient.Length == 0) recipient = MessageParts.CleanAddress(g["X-Actual-Recipient"]);
            if (recipient.Length == 0) continue;
            // (A program keeps its arguments, which sendmail's transcript repeats: "|/usr/bin/vacation piet... ".)
            actual.Add(g["X-Actual-Recipient"] is { } x && x.Contains('|') ? MessageParts.SplitTyped(x).Value.Trim() : MessageParts.CleanAddress(g["X-Actual-Recipient"]));
            var (dtype, diag) = MessageParts.SplitTyped(g["Diagnostic-Code"]);
            recipients.Add(new RecipientFacts
            {
                Recipient = recipient,
                Status = MessageParts.NullIfEmpty(StatusOf(g["Status"])),
                Action = ActionOf(g["Action"]),
                // Without a Diagnostic-Code, the comment of the Status field ("4.4.1 (no answer from host)") is the reporting
                // server's own words for this recipient: more precise than the notice's summary for all of them.
                // Exim's own X-Exim-Diagnostic says it where it gave no Diagnostic-Code ("SMTP timeout after sending data block").
                // Exchange 2000/2003 put the remote reply in X-Supplementary-Info ("<mx #5.7.1 smtp;554 5.7.1 ...>"), and
                // name a recipient by its display name alone in the notice's text.
                DiagnosticCode = MessageParts.NullIfEmpty(OnlyAStatusName(diag) ? "" : MessageParts.WithIso2022JpRead(diag))
                    ?? MessageParts.NullIfEmpty(MessageParts.SplitTyped(g["X-Exim-Diagnostic"]).Value)
                    ?? MessageParts.NullIfEmpty(g["X-Supplementary-Info"]?.Trim()) ?? StatusComment(g["Status"]),
                DiagnosticType = dtype,
                RemoteMta = MessageParts.NullIfEmpty(MtaName(MessageParts.SplitTyped(g["Remote-MTA"]).Value)),
                Timestamp = DateOf(g["Last-Attempt-Date"] ?? g["Arrival-Date"]),
            });
        }
        if (recipients.Count == 0) return null;
        // A recipient reported both delayed and failed (a relay that tried a second exchanger): the failure ended the
        // delivery, so it alone is the recipient's result.
        for (var i = recipients.Count - 1; i >= 0 && recipients.Count > 1; i--)
        {
            var r = recipients[i];
            if (r.Action == "delayed" && recipients.Any(f => f.Action == "failed" && f.Recipient.Equals(r.Recipient, StringComparison.OrdinalIgnoreCase)))
            {
                recipients.RemoveAt(i);
                actual.RemoveAt(i);
            }
        }
        var notice = MessageParts.AllNoticeText(message);
        // A program or file an alias delivered to ("Final-Recipient: rfc822;|/usr/local/bin/ticket-intake") is no address:
        // Exim's text names the address it was made from ("pipe to |... generated by support@example.org").
        for (var i = 0; i < recipients.Count; i++)
        {
            if (recipients[i].Recipient is ['|' or '/', ..] program && GeneratingAddress(notice, program) is { } parent)
                recipients[i] = recipients[i] with { Recipient = parent };
        }
        if (recipients.Any(r => r.DiagnosticCode is null) && notice.Length > 0)
        {
            // No Diagnostic-Code: the human-readable part usually says, next to the address, what went wrong. sendmail's
            // transcript has a line of the recipient's own ("<addr>... Deferred: Connection refused by mx."), which says
            // it more exactly than its summary list, where one reason follows several addresses.
            var said = PlainTextReader.Read(notice, recipients.Select(r => r.Recipient).ToList());
            for (var i = 0; i < recipients.Count; i++)
            {
                if (recipients[i].DiagnosticCode is not null) continue;
                var mine = said.FirstOrDefault(s => s.Recipient.Equals(recipients[i].Recipient, StringComparison.OrdinalIgnoreCase));
                // (The reader's words that start with the own line and go on with the lines after it say more than the line.)
                // (An alias's transcript line names the address it expanded to.)
                // (A program an alias pipes to is named by its own output: "ticket-intake: cannot connect ...".)
                var own = OwnTranscriptLine(notice, recipients[i].Recipient)
                    ?? (actual[i].Length > 0 && !actual[i].Equals(recipients[i].Recipient, StringComparison.OrdinalIgnoreCase) ? OwnTranscriptLine(notice, actual[i]) : null)
                    ?? ProgramTranscript(notice, actual[i]);
                var words = own is not null && mine?.DiagnosticCode?.StartsWith(own, StringComparison.Ordinal) != true ? own : mine?.DiagnosticCode;
                if (words is not null) recipients[i] = recipients[i] with { DiagnosticCode = words };
            }
        }
        // Exchange's delay report gives its own "400 4.4.7 Message delayed" for every delayed recipient; its section for
        // administrators quotes what the remote server answered, the last attempt last: that answer is the cause.
        for (var i = 0; i < recipients.Count; i++)
        {
            if (recipients[i] is { Action: "delayed", DiagnosticCode: { } own } && ExchangeAttempts.IsOwnDelay(own)
                && LastQuotedAttempt(notice, recipients[i].Recipient) is { } attempt)
                recipients[i] = recipients[i] with { DiagnosticCode = attempt };
            // Its failure after the queue expired ("550 4.4.7 QUEUE.Expired; message expired") stays an expiry, with the
            // remote's answer to an earlier attempt after it: the expiry's cause ("421 4.4.2 Connection dropped") and
            // that attempt's status and reply.
            else if (recipients[i] is { Action: "failed", DiagnosticCode: { } expired } && ExchangeAttempts.IsOwnExpiry(expired)
                && LastQuotedAttempt(notice, recipients[i].Recipient) is { } cause)
                recipients[i] = recipients[i] with { DiagnosticCode = expired + " " + cause };
        }
        var original = MessageParts.OriginalHeaders(message);
        var delivered = true;
        foreach (var r in recipients) delivered &= r.Action is "delivered" or "relayed" or "expanded";
        return new DecodedBounce
        {
            Kind = delivered ? ReportKind.DeliveryReport : ReportKind.Failure,
            Recipients = recipients,
            ReportingMta = MessageParts.NullIfEmpty(reportingMta),
            Sender = MessageParts.OriginalSender(original),
            OriginalMessageId = MessageParts.OriginalMessageId(original),
            OriginalSubject = MessageParts.OriginalSubject(original),
            NoticeText = notice,
        };
    }

    /// <summary>
    /// The last remote reply that Exchange's section for administrators quotes for the recipient ("... - Remote Server at
    /// mx (ip) returned '451 4.7.1 ... Greylisted'"), other than its own "400 4.4.7": read from the recipient's own line
    /// (the address alone) to the next empty line; null when there is none.
    /// </summary>
    private static string? LastQuotedAttempt(string notice, string recipient)
    {
        const int MaxBlockLines = 16;
        var lines = MessageParts.Lines(notice, 2000);
        for (var i = 0; i < lines.Length; i++)
        {
            if (!lines[i].Trim().Equals(recipient, StringComparison.OrdinalIgnoreCase)) continue;
            var block = new System.Text.StringBuilder();
            for (var k = i + 1; k < lines.Length && k <= i + MaxBlockLines && lines[k].Trim().Length > 0; k++) block.Append(lines[k].Trim()).Append(' ');
            if (ExchangeAttempts.LastRemoteReply(block.ToString()) is { } last) return last;
        }
        return null;
    }

    /// <summary>The Action field's value, lower-case, in RFC 3464's words: OpenSMTPD writes "error" and "delay" for
    /// "failed" and "delayed"; sendmail adds a comment ("relayed (to non-DSN-aware mailer)"), which is no part of it. Null
    /// for a value that is none of RFC 3464's.</summary>
    private static string? ActionOf(string? field)
    {
        var value = field?.Trim();
        if (value?.IndexOfAny([' ', '\t', '(']) is > 0 and var end) value = value[..end];
        var action = MessageParts.NullIfEmpty(value?.ToLowerInvariant());
        return action switch
        {
            "error" or "fail" or "failure" => "failed",
            "delay" => "delayed",
            // OpenSMTPD's success notice: "relay", "deliver", "expand".
            "relay" => "relayed",
            "deliver" => "delivered",
            "expand" => "expanded",
            // RFC 3464's words; anything else (a value cut short, "fai") says nothing, and the status decides.
            "failed" or "delayed" or "delivered" or "relayed" or "expanded" => action,
            _ => null,
        };
    }

    /// <summary>
    /// What sendmail's transcript says on a line of the recipient's own, at the start of the line: "&lt;addr&gt;... Deferred:
    /// Connection refused by mx.example.net." gives "Deferred: Connection refused by mx.example.net."; null when there is
    /// no such line or it says nothing.
    /// </summary>
    /// <summary>The address the notice says a program or file delivery was generated by ("generated by addr" a few lines
    /// after the program's command is named), or null.</summary>
    private static string? GeneratingAddress(string notice, string program)
    {
        const int Reach = 300;
        // The command alone, without its arguments: a notice may wrap the line between them.
        var space = program.IndexOf(' ', StringComparison.Ordinal);
        var command = space < 0 ? program : program[..space];
        var at = notice.IndexOf(command, StringComparison.OrdinalIgnoreCase);
        if (at < 0) return null;
        var after = notice.AsSpan(at + command.Length, Math.Min(Reach, notice.Length - at - command.Length));
        var by = after.IndexOf("generated by ", StringComparison.OrdinalIgnoreCase);
        if (by < 0) return null;
        var rest = after[(by + "generated by ".Length)..].TrimStart();
        var end = rest.IndexOfAny(" \t\r\n");
        var address = MessageParts.CleanAddress(new string(end < 0 ? rest : rest[..end]));
        return address.Contains('@') ? address : null;
    }

    /// <summary>
    /// What a program that an alias pipes to ("X-Actual-Recipient: X-Unix; |/usr/local/bin/ticket-intake") wrote in
    /// sendmail's transcript: from the line that starts with the program's name and a colon to the reply that followed it
    /// ("554 5.3.0 unknown mailer error 1"), the reply first; null when the transcript has no such line.
    /// </summary>
    internal static string? ProgramTranscript(string notice, string actualRecipient)
    {
        var pipe = actualRecipient.IndexOf('|');
        if (pipe < 0) return null;
        var command = actualRecipient[(pipe + 1)..].Trim().Trim('"');
        var space = command.IndexOfAny([' ', '\t', '"']);
        var path = space < 0 ? command : command[..space];
        var name = path[(path.LastIndexOf('/') + 1)..];
        if (name.Length == 0) return null;
        var lines = notice.Split('\n', 400);
        for (var i = 0; i < lines.Length; i++)
        {
            if (!lines[i].StartsWith(name + ":", StringComparison.Ordinal)) continue;
            var output = new List<string>();
            for (var j = i; j < lines.Length && j < i + 10; j++)
            {
                var line = lines[j].Trim();
                if (line.Length == 0) break;
                if (j > i && line.Length > 4 && line[0] is '4' or '5' && char.IsAsciiDigit(line[1]) && char.IsAsciiDigit(line[2]) && line[3] == ' ')
                    return output.Count == 0 ? line : line + " (" + string.Join(' ', output) + ")";
                output.Add(line);
            }
            return string.Join(' ', output);
        }
        return null;
    }

    /// <summary>Whether the text is a reply code and an enhanced status, each followed by a space ("554 5.4.6 "): what
    /// sendmail writes before the address in a local error of its own.</summary>
    private static bool IsLocalReplyPrefix(ReadOnlySpan<char> text)
    {
        if (text.Length < 4 || text[0] is not ('4' or '5') || !char.IsAsciiDigit(text[1]) || !char.IsAsciiDigit(text[2]) || text[3] != ' ') return false;
        var rest = text[4..];
        // (A reply code alone, "554 <addr>... Service unavailable", is left to the notice's reader, as before.)
        return rest.Length > 1 && rest[^1] == ' ' && Codes.EnhancedStatus.TryParse(rest[..^1], out var status) && status.Class == text[0] - '0';
    }

    internal static string? OwnTranscriptLine(string notice, string recipient)
    {
        const int MaxTries = 16;
        if (recipient.Length == 0) return null;
        foreach (var echo in (ReadOnlySpan<string>)["<" + recipient + ">... ", recipient + "... "])
        {
            var tries = 0;
            for (var at = notice.IndexOf(echo, StringComparison.OrdinalIgnoreCase); at >= 0 && tries++ < MaxTries;
                 at = notice.IndexOf(echo, at + echo.Length, StringComparison.OrdinalIgnoreCase))
            {
                // At the start of a line, or after the reply code and status of sendmail's own local error ("554 5.4.6
                // <addr>... aliasing/forwarding loop broken"), which then belong to the words.
                var lineStart = at == 0 ? 0 : notice.LastIndexOf('\n', at - 1) + 1;
                var code = notice.AsSpan(lineStart, at - lineStart);
                if (!code.IsEmpty && !IsLocalReplyPrefix(code)) continue;
                // With the indented lines after it, where a long line was wrapped.
                var end = notice.IndexOf('\n', at);
                while (end >= 0 && end + 1 < notice.Length && notice[end + 1] is ' ' or '\t' && end - at < 2000) end = notice.IndexOf('\n', end + 1);
                var words = string.Join(' ', notice[(at + echo.Length)..(end < 0 ? notice.Length : end)]
                    .Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
                if (words.Length > 0) return code.IsEmpty ? words : string.Concat(code, words);
            }
        }
        return null;
    }

    /// <summary>
    /// The groups with each recipient's fields together. MimeKit starts a new group at every blank line, and real
    /// servers leave stray blank lines inside one recipient's fields, so the field names decide: a group with no
    /// recipient field (Final-Recipient, Original-Recipient, X-Actual-Recipient) continues the recipient before it,
    /// and a group that holds only an Original-Recipient (no Final-Recipient, Action or Status) goes with a Final-Recipient
    /// group right after it; a complete group that names its recipient only by Original-Recipient stays a recipient of its own.
    /// Fields before the first recipient are the per-message fields and stay on their own.
    /// </summary>
    internal static IEnumerable<HeaderList> Recipients(IEnumerable<HeaderList> groups)
    {
        HeaderList? previous = null;
        var owned = false;
        foreach (var g in groups)
        {
            var final = Has(g, "Final-Recipient");
            var original = Has(g, "Original-Recipient");
            var continues = previous is not null && (!(final || original || Has(g, "X-Actual-Recipient"))
                || (final && !original && !Has(previous, "Final-Recipient") && !Has(previous, "Action") && !Has(previous, "Status")));
            if (continues)
            {
                if (!owned)
                {
                    previous = Copy(previous!);
                    owned = true;
                }
                foreach (var h in g) previous!.Add(h);
                continue;
            }
            if (previous is not null) yield return previous;
            var recipient = final || original || Has(g, "X-Actual-Recipient");
            if (!recipient)
            {
                // Per-message fields: nothing after them continues them.
                yield return g;
                previous = null;
                continue;
            }
            previous = g;
            owned = false;
        }
        if (previous is not null) yield return previous;
    }

    private static bool Has(HeaderList g, string field)
    {
        foreach (var h in g)
        {
            if (h.Field.Equals(field, StringComparison.OrdinalIgnoreCase)) return true;
        }
        return false;
    }

    private static HeaderList Copy(HeaderList g)
    {
        var copy = new HeaderList();
        foreach (var h in g) copy.Add(h);
        return copy;
    }

    /// <summary>The status groups, with a group that holds several recipients (no blank line between them) split at each Final-Recipient.</summary>
    private static IEnumerable<HeaderList> Split(List<HeaderList> groups)
    {
        foreach (var g in groups)
        {
            var finals = 0;
            for (var i = 0; i < g.Count; i++)
            {
                if (g[i].Field.Equals("Final-Recipient", StringComparison.OrdinalIgnoreCase)) finals++;
            }
            if (finals <= 1)
            {
                yield return g;
                continue;
            }
            var current = new HeaderList();
            var seen = false;
            foreach (var h in g)
            {
                if (h.Field.Equals("Final-Recipient", StringComparison.OrdinalIgnoreCase))
                {
                    if (seen) yield return current;
                    current = [];
                    seen = true;
                }
                current.Add(h);
            }
            yield return current;
        }
    }

    /// <summary>The status code at the start of a Status field ("5.1.1 (user unknown)" gives "5.1.1").</summary>
    internal static string StatusOf(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return "";
        var s = value.Trim();
        var end = 0;
        while (end < s.Length && (char.IsDigit(s[end]) || s[end] == '.')) end++;
        return Codes.EnhancedStatus.TryParse(s.AsSpan(0, end), out var st) ? st.ToString() : "";
    }

    /// <summary>The comment after the code of a Status field ("5.2.2 (over quota)" gives "over quota"), or null.</summary>
    internal static string? StatusComment(string? value)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Length > 500) return null;
        var open = value.IndexOf('(');
        var close = value.LastIndexOf(')');
        if (open < 0 || close <= open + 1 || StatusOf(value[..open]).Length == 0) return null;
        var comment = value[(open + 1)..close].Trim();
        // A comment that only restates the kind of status ("permanent failure") or RFC 3463's name of a catch-all code
        // ("other or undefined network or routing status") says nothing about the cause.
        if (comment.Length < 3 || comment.StartsWith("other or undefined", StringComparison.OrdinalIgnoreCase)) return null;
        return comment.EndsWith("failure", StringComparison.OrdinalIgnoreCase) && comment.Split(' ').Length <= 2 ? null : comment;
    }

    internal static DateTimeOffset? DateOf(string? value) =>
        value is not null && DateUtils.TryParse(value, out var d) ? d : null;

    internal static int? Int(string s) => int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : null;

    /// <summary>
    /// Whether a Diagnostic-Code holds only the name of a catch-all status, no server's words (OpenSMTPD's "smtp;
    /// Other/Undefined" beside "Status: 5.0.0", while its notice gives each recipient's real reply): such a field says
    /// nothing, so the notice is read instead.
    /// </summary>
    private static bool OnlyAStatusName(string? diag)
    {
        if (string.IsNullOrWhiteSpace(diag)) return false;
        var t = diag.AsSpan().Trim();
        foreach (var name in CatchAllStatusNames)
        {
            if (t.Equals(name, StringComparison.OrdinalIgnoreCase)) return true;
        }
        return false;
    }

    private static readonly string[] CatchAllStatusNames = ["Other/Undefined", "Other undefined status", "Other or undefined status", "Undefined"];
}
