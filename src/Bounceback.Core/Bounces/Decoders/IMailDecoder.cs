using MimeKit;

namespace Bounceback.Core.Bounces.Decoders;

/// <summary>
/// Ipswitch IMail Server (X-Mailer "&lt;SMTP32 ...&gt;"): one line per recipient, "reason: address", then
/// "Original message follows." and the returned copy.
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
        foreach (var raw in lines)
        {
            var line = raw.Trim();
            if (line.StartsWith("Original message follows", StringComparison.OrdinalIgnoreCase) || recipients.Count >= 1000) break;
            if (PlainTextReader.FirstAddress(line) is not { } hit) continue;
            var before = line[..hit.Index].TrimEnd(' ', ':', '\t');
            var after = line[(hit.Index + hit.Length)..].Trim(' ', ':', '\t', '.');
            var text = string.Join(' ', new[] { before, after }.Where(s => s.Length > 0));
            if (recipients.Any(r => r.Recipient.Equals(hit.Address, StringComparison.OrdinalIgnoreCase))) continue;
            recipients.Add(new RecipientFacts { Recipient = hit.Address, DiagnosticCode = MessageParts.NullIfEmpty(text) });
        }
        return MessageParts.Failure(message, recipients, null);
    }
}
