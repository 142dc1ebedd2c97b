using System.Text.RegularExpressions;
using MimeKit;

namespace Bounceback.Core.Bounces.Decoders;

/// <summary>
/// An unnamed gateway ("X3") whose "Delivery status notification" is laid out in blocks between rows of '='
/// signs: a line such as "Delivery to the following recipients failed permanently:" with the addresses, then the
/// cause ("SMTP:RCPT host 192.0.2.1: 550 ..." for a refusal by the remote server).
/// </summary>
public sealed partial class X3Decoder : IBounceDecoder
{
    public string Name => "x3";

    public bool Recognises(MimeMessage message) =>
        MessageParts.SubjectContains(message, "Delivery status notification") &&
        MessageParts.NoticeContains(message, "to the following recipients") && MessageParts.NoticeContains(message, "=======");

    public DecodedBounce? Decode(MimeMessage message)
    {
        // Wrapped lines joined back: a reply folded onto a second line is still one reply.
        var lines = MessageParts.UnfoldedLines(PlainTextReader.NoticeOnly(MessageParts.AllNoticeText(message)));
        string? intro = null;
        var addresses = new List<string>();
        var causes = new List<string>();
        var block = 0; // 1 the addresses after the intro, 2 the causes after them
        foreach (var raw in lines)
        {
            var line = raw.Trim();
            if (line.Length == 0) continue;
            if (line.All(c => c == '='))
            {
                if (block == 1 && addresses.Count > 0) block = 2;
                continue;
            }
            if (intro is null && line.Contains("to the following recipients", StringComparison.OrdinalIgnoreCase))
            {
                intro = line.TrimEnd(':');
                block = 1;
                continue;
            }
            if (block == 1 && addresses.Count < 1000 && PlainTextReader.FirstAddress(line.TrimStart('*', '-', ' ')) is { } hit)
            {
                if (!addresses.Contains(hit.Address, StringComparer.OrdinalIgnoreCase)) addresses.Add(hit.Address);
            }
            else if (block == 2 && causes.Count < 50)
            {
                causes.Add(line);
            }
        }
        var recipients = new List<RecipientFacts>(addresses.Count);
        foreach (var address in addresses)
        {
            var own = causes.FirstOrDefault(c => c.Contains(address, StringComparison.OrdinalIgnoreCase)) ?? string.Join(' ', causes);
            var smtp = SmtpFailure().Match(own);
            recipients.Add(new RecipientFacts
            {
                Recipient = address,
                DiagnosticCode = smtp.Success ? smtp.Groups["text"].Value : MessageParts.NullIfEmpty($"{intro}: {own}".Trim(' ', ':')),
                Command = smtp.Success ? smtp.Groups["cmd"].Value.ToUpperInvariant() : null,
                RemoteMta = smtp.Success ? smtp.Groups["host"].Value : null,
            });
        }
        return MessageParts.Failure(message, recipients, intro);
    }

    /// <summary>"SMTP:RCPT host 192.0.2.1: 553 5.3.0 ..." : the command, the remote host and the reply.</summary>
    [GeneratedRegex(@"^SMTP:(?<cmd>[A-Za-z]{4}) host (?<host>[^\s:]+): (?<text>.+)$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: RegexBudget.Milliseconds)]
    private static partial Regex SmtpFailure();
}
