using MimeKit;

namespace Bounceback.Core.Bounces.Decoders;

/// <summary>
/// Lotus Notes' SMTP gateway: "------- Failure Reasons --------", then for each recipient the reason on its own
/// line(s) followed by the address, up to "------- Returned Message --------". The reason may be in the sender's
/// language (Japanese in ISO-2022-JP, for instance); MimeKit decodes the part's charset.
/// </summary>
public sealed class NotesDecoder : IBounceDecoder
{
    public string Name => "notes";

    public bool Recognises(MimeMessage message) => MessageParts.NoticeContains(message, "------- Failure Reasons");

    public DecodedBounce? Decode(MimeMessage message)
    {
        var lines = MessageParts.Lines(MessageParts.AllNoticeText(message));
        var inside = false;
        var reason = new List<string>();
        string? lastReason = null;
        var recipients = new List<RecipientFacts>();
        foreach (var raw in lines)
        {
            var line = raw.Trim();
            if (line.StartsWith("------- Failure Reasons", StringComparison.OrdinalIgnoreCase)) { inside = true; continue; }
            if (!inside) continue;
            if (line.StartsWith("------- Returned Message", StringComparison.OrdinalIgnoreCase) || recipients.Count >= 1000) break;
            if (line.Length == 0) continue;
            if (PlainTextReader.FirstAddress(line) is { } hit && hit.Length >= line.Length - 2)
            {
                var text = reason.Count > 0 ? string.Join(' ', reason) : lastReason;
                recipients.Add(new RecipientFacts { Recipient = hit.Address, DiagnosticCode = text });
                lastReason = text;
                reason.Clear();
            }
            else if (reason.Count < 10)
            {
                reason.Add(line);
            }
        }
        return MessageParts.Failure(message, recipients, null);
    }
}
