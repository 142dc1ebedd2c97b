using MimeKit;

namespace Bounceback.Core.Bounces.Decoders;

/// <summary>
/// Reads one family of bounce messages (a mail server's or provider's format) into raw per-recipient facts.
/// Decoders never decide reasons: the <see cref="Reasons.ReasonClassifier"/> does that from the facts.
/// </summary>
public interface IBounceDecoder
{
    /// <summary>The decoder's name as it appears in results (rfc3464, postfix, exim, ...).</summary>
    string Name { get; }

    /// <summary>A cheap test on sender, subject and structure: could this message be of this family?</summary>
    bool Recognises(MimeMessage message);

    /// <summary>Reads the message; null when it turns out not to be of this family after all.</summary>
    DecodedBounce? Decode(MimeMessage message);
}
