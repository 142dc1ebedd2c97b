using MimeKit;

namespace Bounceback.Core.Bounces.Decoders;

/// <summary>
/// Apache James (and gateways built on it): a short notice with an "Error:" line, the server's words after
/// "Error message below:" and a "Message details:" block that lists the envelope (RCPT TO: per recipient).
/// </summary>
public sealed class ApacheJamesDecoder : IBounceDecoder
{
    public string Name => "apachejames";

    public bool Recognises(MimeMessage message) =>
        MessageParts.NoticeContains(message, "Error message below:") && MessageParts.NoticeContains(message, "Message details:");

    public DecodedBounce? Decode(MimeMessage message)
    {
        var lines = MessageParts.Lines(MessageParts.AllNoticeText(message));
        var summary = "";
        var error = new List<string>();
        var addresses = new List<string>();
        var section = 0; // 0 before the error, 1 inside "Error message below", 2 inside "Message details"
        foreach (var raw in lines)
        {
            var line = raw.Trim();
            if (line.StartsWith("Error message below", StringComparison.OrdinalIgnoreCase)) { section = 1; continue; }
            if (line.StartsWith("Message details", StringComparison.OrdinalIgnoreCase)) { section = 2; continue; }
            switch (section)
            {
                case 0 when line.StartsWith("Error:", StringComparison.OrdinalIgnoreCase):
                    summary = line[6..].Trim();
                    break;
                case 1 when line.Length > 0 && error.Count < 10:
                    error.Add(line);
                    break;
                case 2 when line.StartsWith("RCPT TO:", StringComparison.OrdinalIgnoreCase):
                    foreach (var part in line[8..].Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries))
                    {
                        var a = MessageParts.CleanAddress(part);
                        if (a.Contains('@') && !addresses.Contains(a, StringComparer.OrdinalIgnoreCase)) addresses.Add(a);
                    }
                    break;
            }
        }
        var diagnostic = MessageParts.NullIfEmpty(string.Join(' ', error));
        if (diagnostic is null && summary.Length > 0) diagnostic = summary;
        var recipients = addresses.Take(1000).Select(a => new RecipientFacts { Recipient = a, DiagnosticCode = diagnostic }).ToList();
        return MessageParts.Failure(message, recipients, summary);
    }
}
