using MimeKit;

namespace Bounceback.Core.Bounces.Decoders;

/// <summary>
/// Trustwave (Marshal) MailMarshal SMTP: "Your message: ... Could not be delivered because of" the reason,
/// "The following recipients were affected:" the addresses, then "Additional Information" with the remote MTA and the
/// original sender (the notice carries no copy of the message, so its sender is only known from there).
/// </summary>
public sealed class MailMarshalDecoder : IBounceDecoder
{
    public string Name => "mailmarshalsmtp";

    public bool Recognises(MimeMessage message) =>
        MessageParts.NoticeContains(message, "Could not be delivered because of") && MessageParts.NoticeContains(message, "The following recipients were affected");

    public DecodedBounce? Decode(MimeMessage message)
    {
        var lines = MessageParts.Lines(MessageParts.AllNoticeText(message));
        var reason = new List<string>();
        var addresses = new List<string>();
        string? remote = null;
        string? reporting = null;
        string? sender = null;
        var section = 0; // 1 reason, 2 recipients, 3 additional information
        foreach (var raw in lines)
        {
            var line = raw.Trim();
            if (line.StartsWith("Could not be delivered because of", StringComparison.OrdinalIgnoreCase)) { section = 1; continue; }
            if (line.StartsWith("The following recipients were affected", StringComparison.OrdinalIgnoreCase)) { section = 2; continue; }
            if (line.StartsWith("Additional Information", StringComparison.OrdinalIgnoreCase)) { section = 3; continue; }
            if (line.Length == 0) continue;
            switch (section)
            {
                case 1 when reason.Count < 10:
                    reason.Add(line);
                    break;
                case 2 when addresses.Count < 1000 && PlainTextReader.FirstAddress(line) is { } hit:
                    if (!addresses.Contains(hit.Address, StringComparer.OrdinalIgnoreCase)) addresses.Add(hit.Address);
                    break;
                case 3 when line.StartsWith("Remote-MTA:", StringComparison.OrdinalIgnoreCase):
                    remote = MessageParts.NullIfEmpty(MessageParts.CleanAddress(line[11..]));
                    break;
                case 3 when line.StartsWith("Reporting-MTA:", StringComparison.OrdinalIgnoreCase):
                    reporting = MessageParts.NullIfEmpty(MessageParts.CleanAddress(line[14..]));
                    break;
                case 3 when line.StartsWith("Original Sender:", StringComparison.OrdinalIgnoreCase):
                    sender = PlainTextReader.FirstAddress(line)?.Address;
                    break;
            }
        }
        var diagnostic = MessageParts.NullIfEmpty(string.Join(' ', reason));
        var recipients = addresses.Select(a => new RecipientFacts { Recipient = a, DiagnosticCode = diagnostic, RemoteMta = remote }).ToList();
        return MessageParts.Failure(message, recipients, diagnostic, reporting) is { } bounce ? bounce with { Sender = bounce.Sender ?? sender } : null;
    }
}
