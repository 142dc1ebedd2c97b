using MimeKit;

namespace Bounceback.Core.Bounces.Decoders;

/// <summary>
/// IBM (Lotus) Domino: subject "DELIVERY FAILURE: ...", a notice "Your message ... was not delivered to: address
/// because: reason" (repeated per recipient), often with a delivery-status part. The reason is taken from the
/// notice text, which MimeKit decodes from its charset (the status part may carry it undecoded); the status,
/// action and remote MTA from the delivery-status part when there is one.
/// </summary>
public sealed class DominoDecoder : IBounceDecoder
{
    public string Name => "domino";

    public bool Recognises(MimeMessage message) =>
        MessageParts.SubjectContains(message, "DELIVERY FAILURE", "DELIVERY_FAILURE") && MessageParts.NoticeContains(message, "was not delivered to");

    public DecodedBounce? Decode(MimeMessage message)
    {
        var lines = MessageParts.Lines(MessageParts.AllNoticeText(message));
        var found = new List<(string Address, List<string> Reason)>();
        var section = 0; // 1 addresses, 2 reason
        var pending = new List<string>();
        var readReason = false;
        foreach (var raw in lines)
        {
            var line = raw.Trim();
            if (line.StartsWith("was not delivered to", StringComparison.OrdinalIgnoreCase)) { section = 1; pending.Clear(); continue; }
            if (line.StartsWith("because", StringComparison.OrdinalIgnoreCase) && line.TrimEnd(':').Length <= 8) { section = 2; readReason = false; continue; }
            if (line.Length == 0)
            {
                if (section == 2 && readReason) section = 0;
                continue;
            }
            if (section == 1 && PlainTextReader.FirstAddress(line) is { } hit && pending.Count < 1000) pending.Add(hit.Address);
            else if (section == 2)
            {
                readReason = true;
                foreach (var a in pending)
                {
                    if (found.FindIndex(f => f.Address.Equals(a, StringComparison.OrdinalIgnoreCase)) is var i and >= 0) { if (found[i].Reason.Count < 10) found[i].Reason.Add(line); }
                    else found.Add((a, [line]));
                }
                if (pending.Count == 0 && found.Count > 0 && found[^1].Reason.Count < 10) found[^1].Reason.Add(line);
                pending.Clear();
            }
        }
        foreach (var a in pending)
        {
            if (!found.Any(f => f.Address.Equals(a, StringComparison.OrdinalIgnoreCase))) found.Add((a, []));
        }
        var report = Rfc3464.DeliveryStatusReader.Read(message, Name);
        var recipients = new List<RecipientFacts>(found.Count);
        foreach (var (address, reason) in found)
        {
            var text = MessageParts.NullIfEmpty(string.Join(' ', reason));
            var dsn = report?.Recipients.FirstOrDefault(r => r.Recipient.Equals(address, StringComparison.OrdinalIgnoreCase));
            recipients.Add(dsn is null
                ? new RecipientFacts { Recipient = address, DiagnosticCode = text }
                : dsn with { DiagnosticCode = text ?? dsn.DiagnosticCode });
        }
        var failure = MessageParts.Failure(message, recipients, null, report?.ReportingMta);
        return failure ?? report;
    }
}
