using Bounceback.Core.Bounces.Rfc3464;
using MimeKit;

namespace Bounceback.Core.Bounces.Decoders;

/// <summary>The standard: any message with a message/delivery-status part (RFC 3464), also inside a forwarded message.</summary>
public sealed class Rfc3464Decoder : IBounceDecoder
{
    public string Name => "rfc3464";

    public bool Recognises(MimeMessage message) =>
        message.Body is Multipart or MessagePart || (message.Body is TextPart { IsPlain: true } && HasStatusFields(message));

    /// <summary>A report whose MIME structure was lost (no Content-Type at the top): its fields are in the text.</summary>
    private static bool HasStatusFields(MimeMessage message)
    {
        var text = MessageParts.AllNoticeText(message);
        return text.Contains("\nFinal-Recipient:", StringComparison.OrdinalIgnoreCase) && text.Contains("\nStatus:", StringComparison.OrdinalIgnoreCase);
    }

    public DecodedBounce? Decode(MimeMessage message) => DeliveryStatusReader.Read(message, Name);
}
