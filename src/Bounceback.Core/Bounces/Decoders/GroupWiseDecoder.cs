using MimeKit;

namespace Bounceback.Core.Bounces.Decoders;

/// <summary>
/// Novell (Micro Focus) GroupWise: "The message that you sent was undeliverable to the following:" then one
/// indented line per recipient with the cause in parentheses ("user not found"), then "Possible causes:".
/// </summary>
public sealed class GroupWiseDecoder : IBounceDecoder
{
    private const string Intro = "was undeliverable to the following";

    public string Name => "groupwise";

    public bool Recognises(MimeMessage message) => MessageParts.NoticeContains(message, Intro);

    public DecodedBounce? Decode(MimeMessage message)
    {
        var lines = MessageParts.Lines(MessageParts.AllNoticeText(message));
        var recipients = new List<RecipientFacts>();
        var inside = false;
        foreach (var raw in lines)
        {
            var line = raw.Trim();
            if (!inside)
            {
                inside = line.Contains(Intro, StringComparison.OrdinalIgnoreCase);
                continue;
            }
            if (line.Length == 0)
            {
                if (recipients.Count > 0) break;
                continue;
            }
            if (line.StartsWith("Possible cause", StringComparison.OrdinalIgnoreCase) || recipients.Count >= 1000) break;
            if (PlainTextReader.FirstAddress(line) is not { } hit) continue;
            var rest = line[(hit.Index + hit.Length)..].Trim();
            if (rest.StartsWith('(') && rest.EndsWith(')')) rest = rest[1..^1].Trim();
            if (recipients.Any(r => r.Recipient.Equals(hit.Address, StringComparison.OrdinalIgnoreCase))) continue;
            recipients.Add(new RecipientFacts { Recipient = hit.Address, DiagnosticCode = MessageParts.NullIfEmpty(rest) });
        }
        return MessageParts.Failure(message, recipients, null);
    }
}
