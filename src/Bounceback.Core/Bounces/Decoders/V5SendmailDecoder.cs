using System.Text.RegularExpressions;
using MimeKit;

namespace Bounceback.Core.Bounces.Decoders;

/// <summary>
/// Sendmail version 5 and its relatives: no list of failed addresses, only the transcript. Each recipient has a
/// line "554 &lt;address&gt;... text"; the remote server's own reply is the "&lt;&lt;&lt;" line of the exchange before it
/// ("While talking to host:" / "&gt;&gt;&gt; command" / "&lt;&lt;&lt; reply"), which is used when that exchange concerns the
/// recipient (its RCPT, or the MAIL or DATA of the same connection).
/// </summary>
public sealed partial class V5SendmailDecoder : IBounceDecoder
{
    public string Name => "v5sendmail";

    public bool Recognises(MimeMessage message) =>
        MessageParts.NoticeContains(message, "Unsent message follows") && MessageParts.NoticeContains(message, "Transcript of session follows") &&
        !MessageParts.NoticeContains(message, "following addresses had");

    public DecodedBounce? Decode(MimeMessage message)
    {
        // Wrapped lines joined back: a reply folded onto a second line is still one reply.
        var lines = MessageParts.UnfoldedLines(MessageParts.AllNoticeText(message));
        var recipients = new List<RecipientFacts>();
        string? host = null, command = null, reply = null;
        var inside = false;
        foreach (var raw in lines)
        {
            var line = raw.Trim();
            if (line.Contains("Transcript of session follows", StringComparison.OrdinalIgnoreCase)) { inside = true; continue; }
            if (!inside || line.Length == 0) continue;
            if (line.Contains("Unsent message follows", StringComparison.OrdinalIgnoreCase) || recipients.Count >= 1000) break;
            if (line.StartsWith("While talking to", StringComparison.OrdinalIgnoreCase))
            {
                host = line[16..].Trim().TrimEnd(':');
                command = reply = null;
                continue;
            }
            if (line.StartsWith(">>>", StringComparison.Ordinal)) { command = line[3..].Trim(); reply = null; continue; }
            if (line.StartsWith("<<<", StringComparison.Ordinal)) { reply = line[3..].Trim(); continue; }
            var m = ResultLine().Match(line);
            if (!m.Success) continue;
            var target = m.Groups["target"].Value;
            if (!target.StartsWith('<'))
            {
                // A line about a whole domain ("550 example.org (smtp)... Host unknown"): another connection unless it is the same host.
                if (host is null || !host.Equals(target.Split(' ')[0], StringComparison.OrdinalIgnoreCase)) host = command = reply = null;
                continue;
            }
            var address = MessageParts.CleanAddress(target);
            if (!address.Contains('@') || recipients.Any(r => r.Recipient.Equals(address, StringComparison.OrdinalIgnoreCase))) continue;
            var verb = command?.Split(' ', 2)[0].ToUpperInvariant();
            // (A reply before any command is the greeting: the server refused the connection itself.)
            var concerns = reply is not null && (command is null || verb is "MAIL" or "DATA" || (verb == "RCPT" && command.Contains(address, StringComparison.OrdinalIgnoreCase)));
            recipients.Add(new RecipientFacts
            {
                Recipient = address,
                DiagnosticCode = concerns ? reply : m.Groups["text"].Value.Trim(),
                Command = concerns ? verb ?? "CONNECT" : null,
                RemoteMta = concerns ? host : null,
            });
        }
        return MessageParts.Failure(message, recipients, null);
    }

    /// <summary>"554 &lt;user@example.org&gt;... text" or "550 example.org (smtp)... text".</summary>
    [GeneratedRegex(@"^[245]\d\d (?<target><[^>\s]+>|[A-Za-z0-9.\-]+ \(\w+\))\.\.\.(?<text>.*)$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: RegexBudget.Milliseconds)]
    private static partial Regex ResultLine();
}
