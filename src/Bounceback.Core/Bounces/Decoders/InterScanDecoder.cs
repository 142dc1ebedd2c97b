using MimeKit;

namespace Bounceback.Core.Bounces.Decoders;

/// <summary>
/// Trend Micro InterScan Messaging Security: a notice framed by rows of asterisks. Either one line per recipient
/// ("Unable to deliver message to &lt;address&gt; ...") or the SMTP exchange as "Sent &lt;&lt;&lt; RCPT TO:&lt;address&gt;"
/// followed by "Received &gt;&gt;&gt; 550 ..."; a refused MAIL FROM or DATA in that exchange answers for every recipient
/// listed without its own reply.
/// </summary>
public sealed class InterScanDecoder : IBounceDecoder
{
    private static readonly string[] Failure = ["unable to deliver", "could not deliver", "could not be delivered", "undeliverable"];

    public string Name => "interscanmss";

    public bool Recognises(MimeMessage message) =>
        MessageParts.FromContains(message, "InterScan") || MessageParts.NoticeContains(message, "InterScan Messaging Security", "Message from InterScan");

    public DecodedBounce? Decode(MimeMessage message)
    {
        // Wrapped lines joined back: a reply folded onto a second line is still one reply.
        var lines = MessageParts.UnfoldedLines(PlainTextReader.NoticeOnly(MessageParts.AllNoticeText(message)));
        var recipients = new List<RecipientFacts>();
        string? lastSent = null;
        string? lastCommand = null;
        // A refusal of a step that names no recipient (MAIL FROM, DATA) answers for every recipient the notice lists.
        (string Reply, string Command)? shared = null;
        foreach (var raw in lines)
        {
            var line = raw.Trim();
            if (recipients.Count >= 1000) break;
            if (line.StartsWith("Sent <<<", StringComparison.OrdinalIgnoreCase))
            {
                var command = line[8..].Trim();
                lastSent = command.StartsWith("RCPT", StringComparison.OrdinalIgnoreCase) && PlainTextReader.FirstAddress(command) is { } rcpt ? rcpt.Address : null;
                lastCommand = command.StartsWith("MAIL", StringComparison.OrdinalIgnoreCase) ? "MAIL"
                    : command.StartsWith("DATA", StringComparison.OrdinalIgnoreCase) || command == "." ? "DATA" : null;
                continue;
            }
            if (line.StartsWith("Received >>>", StringComparison.OrdinalIgnoreCase))
            {
                var reply = line[12..].Trim();
                if (lastSent is { } address) Add(recipients, address, reply, "RCPT");
                else if (lastCommand is { } step && shared is null && reply.Length > 0 && reply[0] is '4' or '5') shared = (reply, step);
                lastSent = null;
                lastCommand = null;
                continue;
            }
            if (Failure.Any(f => line.Contains(f, StringComparison.OrdinalIgnoreCase)) && PlainTextReader.FirstAddress(line) is { } hit)
            {
                var text = line.StartsWith("Reason:", StringComparison.OrdinalIgnoreCase) ? line[7..].Trim() : line;
                Add(recipients, hit.Address, text, null);
            }
        }
        if (shared is { } refusal)
        {
            for (var i = 0; i < recipients.Count; i++)
            {
                if (recipients[i].Command is null) recipients[i] = recipients[i] with { DiagnosticCode = refusal.Reply, Command = refusal.Command };
            }
        }
        return MessageParts.Failure(message, recipients, null);
    }

    private static void Add(List<RecipientFacts> recipients, string address, string diagnostic, string? command)
    {
        if (recipients.Any(r => r.Recipient.Equals(address, StringComparison.OrdinalIgnoreCase))) return;
        recipients.Add(new RecipientFacts { Recipient = address, DiagnosticCode = diagnostic, Command = command });
    }
}
