using MimeKit;

namespace Bounceback.Core.Bounces.Decoders;

/// <summary>
/// fml, the Japanese mailing list manager: it answers a post it will not distribute (from a non-member, too
/// large, a bad command) with a notice from the list's admin address. The recipient is the list address in it.
/// </summary>
public sealed class FmlDecoder : IBounceDecoder
{
    private static readonly string[] RefusalWording = ["not member", "not a member", "rejected", "denied", "not allowed", "too large", "too big", "unknown command"];

    public string Name => "fml";

    public bool Recognises(MimeMessage message) =>
        message.Headers["X-MLServer"] is { } server && server.Contains("fml", StringComparison.OrdinalIgnoreCase) &&
        !message.Headers.Contains("X-Mail-Count") && // a post distributed to the list, not a notice about one
        (MessageParts.SubjectContains(message, RefusalWording) || MessageParts.NoticeContains(message, RefusalWording));

    public DecodedBounce? Decode(MimeMessage message)
    {
        var paragraph = MessageParts.FirstParagraph(MessageParts.AllNoticeText(message));
        string? list = null;
        foreach (var line in paragraph)
        {
            if (PlainTextReader.FirstAddress(line) is { } hit)
            {
                list = hit.Address;
                break;
            }
        }
        list ??= PlainTextReader.AddressesIn(message.Headers["X-ML-Address"] ?? message.Headers["List-Post"]).FirstOrDefault();
        if (list is null) return null;
        var diagnostic = MessageParts.NullIfEmpty(string.Join(' ', paragraph)) ?? message.Subject;
        return MessageParts.Failure(message, [new RecipientFacts { Recipient = list, DiagnosticCode = diagnostic }], diagnostic);
    }
}
