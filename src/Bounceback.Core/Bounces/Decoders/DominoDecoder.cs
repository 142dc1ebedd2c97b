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
        var block = new List<string>();
        foreach (var raw in lines)
        {
            var line = raw.Trim();
            if (line.StartsWith("was not delivered to", StringComparison.OrdinalIgnoreCase)) { Flush(found, pending, block); section = 1; continue; }
            if (line.StartsWith("because", StringComparison.OrdinalIgnoreCase) && line.TrimEnd(':').Length <= 8) { section = 2; continue; }
            if (line.Length == 0)
            {
                if (section == 2 && block.Count > 0) { Flush(found, pending, block); section = 0; }
                continue;
            }
            if (section == 1 && PlainTextReader.FirstAddress(line) is { } hit && pending.Count < 1000) pending.Add(hit.Address);
            else if (section == 2 && block.Count < 1000) block.Add(line);
        }
        Flush(found, pending, block);
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

    /// <summary>
    /// Gives the reason lines read after "because:" to the addresses listed before it. Several addresses with as many lines,
    /// each a server's reply of its own ("Error transferring to mx ...; SMTP Protocol Returned a Permanent Error 550 ...",
    /// then "... 552 ..."), are paired in order; otherwise every address gets the first line, and the lines after it (a
    /// reason wrapped over lines) go to the last one, as a reason given once for the addresses before it reads.
    /// </summary>
    private static void Flush(List<(string Address, List<string> Reason)> found, List<string> pending, List<string> block)
    {
        var paired = pending.Count > 1 && block.Count == pending.Count && block.All(l => Reasons.ReasonClassifier.FindReply(l) is not null);
        for (var k = 0; k < pending.Count && block.Count > 0; k++)
        {
            var lines = paired ? [block[k]] : k == pending.Count - 1 ? block : block.GetRange(0, 1);
            Add(found, pending[k], lines);
        }
        if (pending.Count == 0 && block.Count > 0 && found.Count > 0) found[^1].Reason.AddRange(block.Take(10 - Math.Min(10, found[^1].Reason.Count)));
        if (block.Count == 0)
        {
            foreach (var a in pending) Add(found, a, []);
        }
        pending.Clear();
        block.Clear();
    }

    private static void Add(List<(string Address, List<string> Reason)> found, string address, List<string> lines)
    {
        var i = found.FindIndex(f => f.Address.Equals(address, StringComparison.OrdinalIgnoreCase));
        if (i < 0) found.Add((address, [.. lines.Take(10)]));
        else found[i].Reason.AddRange(lines.Take(10 - Math.Min(10, found[i].Reason.Count)));
    }
}
