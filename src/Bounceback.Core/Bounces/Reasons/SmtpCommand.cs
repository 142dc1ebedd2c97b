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
    public static string? Find(string? text, string? recipient = null, IReadOnlyList<string>? allRecipients = null)
    {
        if (string.IsNullOrEmpty(text)) return null;
        var span = text.Length > 16384 ? text[..16384] : text;
        if (NextSaid(span, 0) is not { } m) return null;
        var naming = ReplyNaming(span, recipient);
        // sendmail's own line for a recipient ("550 5.1.2 <addr>... Host unknown") before any command of its transcript:
        // the failure was found locally, in no SMTP session, so another recipient's session says nothing about it.
        if (naming is null && LocalFailureLine(span, recipient)) return null;
        if (naming is null && !string.IsNullOrEmpty(recipient) && allRecipients is { Count: > 1 }
            && !span.Contains("<<< ", StringComparison.Ordinal) && !span.Contains(">>> ", StringComparison.Ordinal))
        {
            if (OwnParagraph(span, recipient, allRecipients) is not { } own) return null;
            m = own;
        }
        // In a session transcript the failing command is the last one sent before the first error reply.
        var firstError = naming ?? FirstErrorReply(span);
        if (firstError > 0)
        {
            Match? last = null;
            for (var t = NextSaid(span, 0); t is not null && t.Index < firstError; t = NextSaid(span, t.Index + t.Length)) last = t;
            if (last is not null) m = last;
        }
        var c = m.Groups["c"].Value.ToUpperInvariant();
        if (c.StartsWith("RCPT", StringComparison.Ordinal)) return "RCPT";
        if (c.StartsWith("MAIL", StringComparison.Ordinal) || c == "SENDER") return "MAIL";
        if (c == "MY NAME") return "EHLO";
        if (c.Contains("DATA", StringComparison.Ordinal)) return "DATA";
        if (c.StartsWith("HELO", StringComparison.Ordinal) || c.StartsWith("EHLO", StringComparison.Ordinal)) return "EHLO";
        if (c.Contains("CONNECT", StringComparison.Ordinal) || c.Contains("GREETING", StringComparison.Ordinal)) return "CONNECT";
        return null;
    }

    /// <summary>
    /// The first command named from shortly before the recipient's first mention up to the next mention of another
    /// recipient of the same notice, or null: a command said about another recipient is not this one's.
    /// </summary>
    private static Match? OwnParagraph(string text, string recipient, IReadOnlyList<string> allRecipients)
    {
        const int Before = 40, Window = 4096, MaxAts = 64, MaxToken = 254;
        var at = text.IndexOf(recipient, StringComparison.OrdinalIgnoreCase);
        if (at < 0) return null;
        // The next address after this one that is another recipient of the notice ends this recipient's paragraph.
        // Bounded: a window after the mention, a number of '@' signs, and the length of an address.
        var others = new HashSet<string>(allRecipients.Take(1000), StringComparer.OrdinalIgnoreCase);
        var end = text.Length;
        var limit = Math.Min(text.Length, at + recipient.Length + Window);
        var seen = 0;
        for (var i = text.IndexOf('@', at + recipient.Length); i >= 0 && i < limit && seen < MaxAts; i = text.IndexOf('@', i + 1), seen++)
        {
            var start = i;
            while (start > 0 && i - start < MaxToken && !IsDelimiter(text[start - 1])) start--;
            var stop = i;
            while (stop + 1 < text.Length && stop - i < MaxToken && !IsDelimiter(text[stop + 1])) stop++;
            var token = text[start..(stop + 1)].TrimEnd('.');
            if (!token.Equals(recipient, StringComparison.OrdinalIgnoreCase) && others.Contains(token))
            {
                end = start;
                break;
            }
        }
        var m = NextSaid(text, Math.Max(0, at - Before));
        // A command before the address counts only when it names it ("after RCPT TO:<addr>"), not when it ends the
        // paragraph of the recipient listed before; a tag such as Yahoo's "[RCPT_TO]" always ends the reply before it.
        while (m is not null && m.Index < at && (m.ValueSpan.StartsWith('[') || at - (m.Index + m.Length) > 3)) m = NextSaid(text, m.Index + m.Length);
        return m is not null && m.Index < end ? m : null;
    }

    private static bool IsDelimiter(char c) => char.IsWhiteSpace(c) || c is '<' or '>' or '(' or ')' or '"' or ',' or ';' or ':' or '[' or ']' or '\'';

    /// <summary>Where the transcript's reply line that names the recipient starts, or null.</summary>
    private static int? ReplyNaming(string text, string? recipient)
    {
        if (string.IsNullOrEmpty(recipient)) return null;
        const int Window = 200;
        var tries = 0;
        for (var at = text.IndexOf(recipient, StringComparison.OrdinalIgnoreCase); at >= 0 && tries < 64; at = text.IndexOf(recipient, at + recipient.Length, StringComparison.OrdinalIgnoreCase), tries++)
        {
            // Only a reply a short way before this mention, with no command sent in between, is about this recipient.
            var from = Math.Max(0, at - Window);
            var reply = text.IndexOf("<<< ", from, at - from, StringComparison.Ordinal);
            if (reply < 0) continue;
            var last = text.LastIndexOf("<<< ", at, at - reply + 1, StringComparison.Ordinal);
            if (text.IndexOf(">>> ", last, at - last, StringComparison.Ordinal) < 0) return last;
        }
        return null;
    }

    private static bool LocalFailureLine(string text, string? recipient)
    {
        if (string.IsNullOrEmpty(recipient) || !text.Contains("<<< ", StringComparison.Ordinal)) return false;
        var echo = "<" + recipient + ">...";
        var firstCommand = text.IndexOf(">>> ", StringComparison.Ordinal);
        var tries = 0;
        for (var at = text.IndexOf(echo, StringComparison.OrdinalIgnoreCase); at >= 0 && tries < 64; at = text.IndexOf(echo, at + echo.Length, StringComparison.OrdinalIgnoreCase), tries++)
        {
            // Before any command of the transcript (so in no session), with the reply code (and status) right before
            // the address and no "<<<" marking it as the remote server's.
            if (firstCommand >= 0 && firstCommand < at) return false;
            var from = Math.Max(0, at - 30);
            if (LocalReplyBefore().IsMatch(text.AsSpan(from, at - from))) return true;
        }
        return false;
    }

    private static int FirstErrorReply(string text)
    {
        var a = text.IndexOf("<<< 5", StringComparison.Ordinal);
        var b = text.IndexOf("<<< 4", StringComparison.Ordinal);
        return a < 0 ? b : b < 0 ? a : Math.Min(a, b);
    }

    [GeneratedRegex(@"(?<!<<<\s)(?<![\w.])[45]\d\d(?: [245]\.\d{1,3}\.\d{1,3})? \z", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: RegexBudget.Milliseconds)]
    private static partial Regex LocalReplyBefore();

    /// <summary>
    /// The first place at or after <paramref name="from"/> where the text says which command failed, or null. Every such
    /// wording starts with one of <see cref="SaidLeads"/>: those are found with one vectorised search and the wording is
    /// checked there with <see cref="Said"/> anchored at that place. A regex that looks for its own start would try
    /// nearly every letter of a notice, since its alternatives start with common letters.
    /// </summary>
    private static Match? NextSaid(string text, int from)
    {
        while (from < text.Length)
        {
            var at = text.AsSpan(from).IndexOfAny(SaidLeads);
            if (at < 0) return null;
            var m = Said().Match(text, from + at);
            if (m.Success) return m;
            from += at + 1;
        }
        return null;
    }

    /// <summary>How each wording <see cref="Said"/> accepts begins (ASCII, compared ignoring case as the regex does). "did
    /// not like" stops before its "k": the regex ignoring case also takes the Kelvin sign for a "k", ordinal comparison
    /// does not.</summary>
    private static readonly System.Buffers.SearchValues<string> SaidLeads = System.Buffers.SearchValues.Create(
        ["in reply to ", "after ", "did not li", ">>> ", "while sending ", "error in ", "error on ", "server sent: ",
         "but my name was rejected", "but sender was rejected", "for RCPT TO command", "for MAIL FROM command",
         "for DATA command", "for HELO command", "for EHLO command", "[RCPT_TO]", "[MAIL_FROM]", "[DATA]"],
        StringComparison.OrdinalIgnoreCase);

    // "server sent: RCPT TO:<addr>": hMailServer's line before the remote reply ("hMailServer sent: ...").
    // "for RCPT TO command": 1&1 / IONOS ("SMTP error from remote server for RCPT TO command, host: ...").
    [GeneratedRegex(@"\G(?:(?:in reply to |after |did not like our |>>> |while sending |after sending |error (?:in|on) |server sent: )(?:pipelined |final )?(?<c>end of data|end of DATA|RCPT TO|RCPT|MAIL FROM|MAIL|DATA|HELO|EHLO|initial connection|greeting)|but (?<c>my name|sender) was rejected|for (?<c>RCPT TO|MAIL FROM|DATA|HELO|EHLO) command|(?-i:\[(?<c>RCPT_TO|MAIL_FROM|DATA)\]))", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: RegexBudget.Milliseconds)]
    private static partial Regex Said();
}
