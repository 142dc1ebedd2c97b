using MimeKit;

namespace Bounceback.Core.Bounces.Decoders;

/// <summary>
/// Digital Arts m-FILTER: a Japanese notice, the failed addresses, then sections headed "-------server message"
/// (the remote reply), "-------SMTP command" (the command it answered) and "-------original message".
/// </summary>
public sealed class MFilterDecoder : IBounceDecoder
{
    public string Name => "mfilter";

    public bool Recognises(MimeMessage message) =>
        MessageParts.NoticeContains(message, "-------server message") && MessageParts.NoticeContains(message, "-------original message", "-------SMTP command");

    public DecodedBounce? Decode(MimeMessage message)
    {
        var lines = MessageParts.Lines(MessageParts.AllNoticeText(message));
        var addresses = new List<string>();
        var reply = new List<string>();
        string? command = null;
        var section = 0; // 0 notice, 1 server message, 2 SMTP command, 3 original
        foreach (var raw in lines)
        {
            var line = raw.Trim();
            if (line.StartsWith("-------server message", StringComparison.OrdinalIgnoreCase)) { section = 1; continue; }
            if (line.StartsWith("-------SMTP command", StringComparison.OrdinalIgnoreCase)) { section = 2; continue; }
            if (line.StartsWith("-------original message", StringComparison.OrdinalIgnoreCase)) break;
            if (line.Length == 0) continue;
            switch (section)
            {
                case 0 when addresses.Count < 1000 && PlainTextReader.FirstAddress(line) is { } hit && hit.Length >= line.Length - 2:
                    if (!addresses.Contains(hit.Address, StringComparer.OrdinalIgnoreCase)) addresses.Add(hit.Address);
                    break;
                case 1 when reply.Count < 10:
                    reply.Add(line);
                    break;
                case 2 when command is null:
                    command = line.Split(' ', 2)[0].ToUpperInvariant();
                    break;
            }
        }
        var diagnostic = MessageParts.NullIfEmpty(string.Join(' ', reply));
        var recipients = addresses.Select(a => new RecipientFacts { Recipient = a, DiagnosticCode = diagnostic, Command = command is { Length: 4 } ? command : null }).ToList();
        return MessageParts.Failure(message, recipients, null);
    }
}
