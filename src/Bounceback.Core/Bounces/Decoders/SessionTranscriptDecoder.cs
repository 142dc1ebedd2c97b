using MimeKit;

namespace Bounceback.Core.Bounces.Decoders;

/// <summary>
/// A notice that is a transcript of the SMTP session: Postfix's copy to the postmaster ("Postfix SMTP server: errors
/// from ...", with " In:" and " Out:" lines) and MDaemon's failure notice ("--- Session Transcript ---", each line a
/// timestamp and then "--&gt;" for a command or "&lt;--" for a reply). Commands and replies are paired in order
/// (pipelining keeps the order); a failed RCPT names its recipient, a failed MAIL or DATA fails every recipient
/// accepted before it.
/// </summary>
public sealed class SessionTranscriptDecoder : IBounceDecoder
{
    // How far into a line a command or reply mark may start: after MDaemon's "Mon 2026-11-09 10:12:03.412: ".
    private const int MaxPrefix = 48;

    private readonly string[] _subjects;
    private readonly string[] _markers;
    private readonly string _sent;
    private readonly string _received;
    private readonly string? _listedRecipient;
    private readonly string[] _gaveUp;

    /// <param name="name">The family name.</param>
    /// <param name="subjects">Subject fragments of which one must match; none for no subject test.</param>
    /// <param name="markers">Wording the notice must all contain.</param>
    /// <param name="sent">The mark before an SMTP command ("In:" in Postfix's copy, where the remote client is the one
    /// sending; "--&gt; " in MDaemon's, where MDaemon is).</param>
    /// <param name="received">The mark before a reply to it ("Out:", "&lt;-- ").</param>
    /// <param name="listedRecipient">The mark before a recipient the transcript lists before the session ("*  To:" in
    /// MDaemon's): the recipients of a refusal that came before any RCPT (at the greeting, EHLO or MAIL).</param>
    /// <param name="gaveUp">Wording that says the server stopped trying: a temporary last reply then failed for good.</param>
    public SessionTranscriptDecoder(string name, string[] subjects, string[] markers, string sent, string received, string? listedRecipient = null, string[]? gaveUp = null)
    {
        Name = name;
        _subjects = subjects;
        _markers = markers;
        _sent = sent;
        _received = received;
        _listedRecipient = listedRecipient;
        _gaveUp = gaveUp ?? [];
    }

    /// <summary>Postfix's notice to the postmaster of its SMTP server's session, where "In:" is what the remote client
    /// sent to Postfix.</summary>
    public static SessionTranscriptDecoder Postfix { get; } = new("postfix", ["Postfix SMTP server: errors from"], ["Transcript of session follows"], "In:", "Out:");

    /// <summary>The same notice of Postfix's SMTP client, the other way round: "Out:" is the command Postfix sent to the
    /// remote server, "In:" its reply.</summary>
    public static SessionTranscriptDecoder PostfixClient { get; } = new("postfix", ["Postfix SMTP client: errors from"], ["Transcript of session follows"], "Out:", "In:");

    /// <summary>MDaemon's failure notice with its session transcript, known by the transcript's lines themselves (a
    /// timestamp, then "--&gt; " or "&lt;-- "), not by its heading, which an administrator may translate ("--- Session
    /// Transcript ---", "--- Sitzungsprotokoll ---").</summary>
    public static SessionTranscriptDecoder MDaemon { get; } = new("mdaemon", [], [": --> ", ": <-- "], "--> ", "<-- ",
        listedRecipient: "*  To:", gaveUp: ["PERMANENT fatal delivery errors", "removed from the mail queue"]);

    public string Name { get; }

    public bool Recognises(MimeMessage message)
    {
        if (_subjects.Length > 0 && !MessageParts.SubjectContains(message, _subjects)) return false;
        foreach (var m in _markers)
        {
            if (!MessageParts.NoticeContains(message, m)) return false;
        }
        return true;
    }

    public DecodedBounce? Decode(MimeMessage message)
    {
        var lines = MessageParts.Lines(MessageParts.AllNoticeText(message));
        var pending = new Queue<(string Verb, string? Address)>();
        var accepted = new List<string>();
        var failed = new List<RecipientFacts>();
        var listed = new List<string>();
        var afterData = false;
        // The lines of a reply of several lines before its last ("550-5.7.26 This mail has been blocked ...").
        var continued = new System.Text.StringBuilder();
        for (var i = 0; i < lines.Length; i++)
        {
            var raw = lines[i];
            if (_listedRecipient is not null && listed.Count < 1000 && Mark(raw, _listedRecipient) is >= 0 and var listAt)
            {
                // The address after the mark, or on the next line when a long line was wrapped after it.
                var rest = raw.TrimStart()[(listAt + _listedRecipient.Length)..];
                if (rest.Trim().Length == 0 && i + 1 < lines.Length && Indent(lines[i + 1]) > Indent(raw)) rest = lines[i + 1];
                if (PlainTextReader.FirstAddress(rest) is { } named && !listed.Contains(named.Address, StringComparer.OrdinalIgnoreCase)) listed.Add(named.Address);
                continue;
            }
            var sentAt = Mark(raw, _sent);
            var receivedAt = Mark(raw, _received);
            // A line holds a command or a reply, whichever mark comes first (a reply may quote the other mark).
            if (sentAt >= 0 && (receivedAt < 0 || sentAt < receivedAt))
            {
                var command = raw.TrimStart()[(sentAt + _sent.Length)..].Trim();
                var verb = command.Split(' ', 2)[0].ToUpperInvariant();
                var address = verb == "RCPT" && PlainTextReader.FirstAddress(command) is { } hit ? hit.Address : null;
                if (pending.Count < 1000) pending.Enqueue((verb, address));
            }
            else if (receivedAt >= 0)
            {
                var reply = raw.TrimStart()[(receivedAt + _received.Length)..].Trim();
                if (reply.Length < 4 || !char.IsAsciiDigit(reply[0])) continue;
                if (reply[3] == '-')
                {
                    // A continued reply: kept (up to a bound) and put before its last line, so that a provider's words
                    // on the first lines are not lost.
                    if (continued.Length < 4096) continued.Append(reply).Append(' ');
                    continue;
                }
                reply = continued.ToString() + reply + Wrapped(lines, i);
                continued.Clear();
                var code = reply[0] - '0';
                (string Verb, string? Address) sent = pending.Count > 0 ? pending.Dequeue() : (afterData ? "DATA" : "CONNECT", null);
                afterData = sent.Verb == "DATA" && reply.StartsWith("354", StringComparison.Ordinal);
                if (code is 2 or 3)
                {
                    if (sent.Verb == "RCPT" && sent.Address is { } ok && accepted.Count < 1000) accepted.Add(ok);
                    continue;
                }
                if (sent.Verb == "RCPT" && sent.Address is { } refused)
                {
                    failed.Add(new RecipientFacts { Recipient = refused, DiagnosticCode = reply, Command = "RCPT" });
                }
                else if (sent.Verb is "MAIL" or "DATA" or "BDAT" or "CONNECT" or "EHLO" or "HELO")
                {
                    // Refused before any recipient was given: the recipients are the ones the transcript listed.
                    var affected = accepted.Count == 0 && sent.Verb is not ("DATA" or "BDAT") && failed.Count == 0 ? listed : accepted;
                    failed.AddRange(affected.Select(a => new RecipientFacts { Recipient = a, DiagnosticCode = reply, Command = sent.Verb }));
                    accepted.Clear();
                }
            }
        }
        if (_gaveUp.Any(g => MessageParts.NoticeContains(message, g)))
            failed = failed.Select(f => f with { Action = "failed" }).ToList();
        return MessageParts.Failure(message, failed, null);
    }

    /// <summary>
    /// The lines after line <paramref name="i"/> that continue it: indented deeper than it and holding neither mark, as a
    /// long reply wrapped by the notice's writer ("&lt;-- 554 5.7.1 Message rejected: content" then "    scored as spam").
    /// Each is joined with a space before it; empty when none follows.
    /// </summary>
    private string Wrapped(string[] lines, int i)
    {
        var indent = Indent(lines[i]);
        var joined = "";
        for (var k = i + 1; k < lines.Length && k <= i + 5; k++)
        {
            var next = lines[k];
            if (next.Trim().Length == 0 || Indent(next) <= indent || Mark(next, _sent) >= 0 || Mark(next, _received) >= 0) break;
            joined += " " + next.Trim();
        }
        return joined;
    }

    private static int Indent(string line) => line.Length - line.TrimStart().Length;

    /// <summary>
    /// Where <paramref name="mark"/> starts in the line without its leading blanks, when it starts the line or follows a
    /// prefix that ends in ": " (a timestamp); else -1.
    /// </summary>
    private static int Mark(string line, string mark)
    {
        var t = line.AsSpan().TrimStart();
        var at = t.IndexOf(mark, StringComparison.Ordinal);
        if (at < 0 || at > MaxPrefix) return -1;
        return at == 0 || t[..at].EndsWith(": ", StringComparison.Ordinal) ? at : -1;
    }
}
