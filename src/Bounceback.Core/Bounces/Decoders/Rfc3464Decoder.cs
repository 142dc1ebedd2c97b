using Bounceback.Core.Bounces.Rfc3464;
using MimeKit;

namespace Bounceback.Core.Bounces.Decoders;

/// <summary>The standard: any message with a message/delivery-status part (RFC 3464), also inside a forwarded message.</summary>
public sealed class Rfc3464Decoder : IBounceDecoder
{
    public string Name => "rfc3464";

    public bool Recognises(MimeMessage message) =>
        message.Body is MultipartReport || message.Body is Multipart || message.Body is MessagePart;

    public DecodedBounce? Decode(MimeMessage message) => DeliveryStatusReader.Read(message, Name);
}
