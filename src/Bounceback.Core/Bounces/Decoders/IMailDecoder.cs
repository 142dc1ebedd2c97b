using MimeKit;

namespace Bounceback.Core.Bounces.Decoders;

/// <summary>
/// Ipswitch IMail Server (X-Mailer "&lt;SMTP32 ...&gt;"): one line per recipient, "reason: address", then
/// "Original message follows." and the returned copy. A remote reply it quotes for the recipient before it ("RCPT TO
/// generated following response:" and the reply on the next line) is that recipient's diagnostic.
/// </summary>
public sealed class IMailDecoder : IBounceDecoder
{
    public string Name => "imailserver";

    public bool Recognises(MimeMessage message) =>
        message.Headers["X-Mailer"] is { } mailer && mailer.TrimStart().StartsWith("<SMTP32", StringComparison.OrdinalIgnoreCase) &&
        (MessageParts.SubjectContains(message, "Undeliverable", "Delivery") || MessageParts.NoticeContains(message, "Original message follows"));

    public DecodedBounce? Decode(MimeMessage message)
    {
        var lines = MessageParts.Lines(MessageParts.AllNoticeText(message));
        var recipients = new List<RecipientFacts>();
        string? quotedCommand = null;
        foreach (var raw in lines)
        {
            var line = raw.Trim();
            if (line.StartsWith("Original message follows", StringComparison.OrdinalIgnoreCase) || recipients.Count >= 1000) break;
            if (line.EndsWith("response:", StringComparison.OrdinalIgnoreCase))
            {
                quotedCommand = CommandOf(line);
                continue;
            }
            if (quotedCommand is not null && recipients.Count > 0 && line.Length > 4 && char.IsAsciiDigit(line[0]) && char.IsAsciiDigit(line[1]) && char.IsAsciiDigit(line[2]) && line[3] is ' ' or '-')
            {
                recipients[^1] = recipients[^1] with
                {
                    DiagnosticCode = string.Join(' ', new[] { recipients[^1].DiagnosticCode, line }.Where(t => !string.IsNullOrEmpty(t))),
                    Command = quotedCommand.Length > 0 ? quotedCommand : null,
                };
                quotedCommand = null;
                continue;
            }
            quotedCommand = null;
            if (PlainTextReader.FirstAddress(line) is not { } hit) continue;
            var before = line[..hit.Index].TrimEnd(' ', ':', '\t');
            var after = line[(hit.Index + hit.Length)..].Trim(' ', ':', '\t', '.');
            var text = string.Join(' ', new[] { before, after }.Where(s => s.Length > 0));
            if (recipients.Any(r => r.Recipient.Equals(hit.Address, StringComparison.OrdinalIgnoreCase))) continue;
            // ("Delivery failed 5 attempts: address" is its notice that it gave up: a temporary reply quoted after it failed for good.)
            var gaveUp = text.StartsWith("Delivery failed", StringComparison.OrdinalIgnoreCase);
            recipients.Add(new RecipientFacts { Recipient = hit.Address, DiagnosticCode = MessageParts.NullIfEmpty(text), Action = gaveUp ? "failed" : null });
        }
        return MessageParts.Failure(message, recipients, null);
    }

    /// <summary>The command a "... generated following response:" line names, or "" when it names none.</summary>
    private static string CommandOf(string line) =>
        line.StartsWith("RCPT", StringComparison.OrdinalIgnoreCase) ? "RCPT"
        : line.StartsWith("MAIL", StringComparison.OrdinalIgnoreCase) ? "MAIL"
        : line.StartsWith("DATA", StringComparison.OrdinalIgnoreCase) ? "DATA"
        : "";
}
