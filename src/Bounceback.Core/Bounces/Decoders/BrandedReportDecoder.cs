using MimeKit;

namespace Bounceback.Core.Bounces.Decoders;

/// <summary>
/// A filtering gateway that sends a standard RFC 3464 report (SurfControl, Symantec MessageLabs): recognised by
/// a header only that software sets, read with the standard report reader, and named after the gateway.
/// </summary>
public sealed class BrandedReportDecoder : IBounceDecoder
{
    private readonly string _header;
    private readonly string _fragment;

    /// <param name="name">The family name.</param>
    /// <param name="header">The header to look at (From, X-Mailer, ...).</param>
    /// <param name="fragment">What that header contains for this software.</param>
    public BrandedReportDecoder(string name, string header, string fragment)
    {
        Name = name;
        _header = header;
        _fragment = fragment;
    }

    public string Name { get; }

    public bool Recognises(MimeMessage message) =>
        message.Body is Multipart && message.Headers[_header] is { } value && value.Contains(_fragment, StringComparison.OrdinalIgnoreCase);

    public DecodedBounce? Decode(MimeMessage message) => Rfc3464.DeliveryStatusReader.Read(message, Name);
}
