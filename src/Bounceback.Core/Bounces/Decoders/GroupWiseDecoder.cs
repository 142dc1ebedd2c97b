using MimeKit;

namespace Bounceback.Core.Bounces.Decoders;

/// <summary>
/// Novell (Micro Focus) GroupWise, in its two layouts. The client's notice: "The message that you sent was
/// undeliverable to the following:" then one indented line per recipient with the cause in parentheses ("user not
/// found"), then "Possible causes:". The Internet agent's (GWIA): "The attached file had the following undeliverable
/// recipient(s):", the addresses one per line, then "Transcript of session follows:" with each step as "Command:" and
/// "Response:" on lines of their own; a recipient's own RCPT TO answers for it, and a refusal of another step (MAIL
/// FROM, DATA) answers for every recipient without one.
/// </summary>
public sealed class GroupWiseDecoder : IBounceDecoder
{
    private const string Intro = "was undeliverable to the following";
    private const string AgentIntro = "had the following undeliverable";
    private const string TranscriptLead = "Transcript of session follows";

    public string Name => "groupwise";

    // Both layouts' openings in one search: the decoder stands early in the list, and most messages hold neither.
    private static readonly PhraseSearch Openings = new([Intro, AgentIntro]);

    public bool Recognises(MimeMessage message) =>
        MessageParts.NoticeContainsAny(message, Openings)
        && (MessageParts.NoticeContains(message, Intro) || MessageParts.NoticeContains(message, TranscriptLead));

    public DecodedBounce? Decode(MimeMessage message)
    {
        var text = MessageParts.AllNoticeText(message);
        var lines = MessageParts.Lines(text);
        var recipients = text.Contains(AgentIntro, StringComparison.OrdinalIgnoreCase) ? AgentRecipients(lines) : ClientRecipients(lines);
        return MessageParts.Failure(message, recipients, null);
    }

    private static List<RecipientFacts> ClientRecipients(IEnumerable<string> lines)
    {
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
        return recipients;
    }

    /// <summary>One step of the agent's transcript: the command it sent and the server's response, each joined to one line.</summary>
    private sealed record Step(string Command, string Response);

    private static List<RecipientFacts> AgentRecipients(IEnumerable<string> lines)
    {
        var addresses = new List<string>();
        var steps = new List<Step>();
        var state = 0; // 0 before the list, 1 in the list, 2 after it, 3 in a command, 4 in a response
        var command = new List<string>();
        var response = new List<string>();
        void EndStep()
        {
            if (command.Count > 0 || response.Count > 0) steps.Add(new Step(string.Join(' ', command), string.Join(' ', response)));
            command.Clear();
            response.Clear();
        }
        foreach (var raw in lines)
        {
            var line = raw.Trim();
            switch (state)
            {
                case 0:
                    if (line.Contains(AgentIntro, StringComparison.OrdinalIgnoreCase)) state = 1;
                    continue;
                case 1:
                    if (line.StartsWith(TranscriptLead, StringComparison.OrdinalIgnoreCase)) state = 2;
                    else if (line.Length == 0 && addresses.Count > 0) state = 2;
                    else if (PlainTextReader.FirstAddress(line) is { } hit && addresses.Count < 1000
                        && !addresses.Contains(hit.Address, StringComparer.OrdinalIgnoreCase)) addresses.Add(hit.Address);
                    continue;
            }
            if (line.Equals("Command:", StringComparison.OrdinalIgnoreCase))
            {
                EndStep();
                state = 3;
            }
            else if (line.Equals("Response:", StringComparison.OrdinalIgnoreCase)) state = 4;
            else if (line.Length > 0 && state == 3 && command.Count < 20) command.Add(line);
            else if (line.Length > 0 && state == 4 && response.Count < 50) response.Add(line);
            else if (line.Length == 0 && state == 4) state = 2;
            if (steps.Count >= 1000) break;
        }
        EndStep();
        // The first refused step that names no recipient (MAIL FROM, DATA) answers for the recipients without their own.
        var shared = steps.FirstOrDefault(s => IsRefusal(s.Response) && !s.Command.StartsWith("RCPT", StringComparison.OrdinalIgnoreCase));
        var recipients = new List<RecipientFacts>(addresses.Count);
        foreach (var address in addresses)
        {
            var own = steps.FirstOrDefault(s => s.Command.StartsWith("RCPT", StringComparison.OrdinalIgnoreCase)
                && s.Command.Contains(address, StringComparison.OrdinalIgnoreCase) && IsRefusal(s.Response));
            var step = own ?? shared;
            recipients.Add(new RecipientFacts
            {
                Recipient = address,
                DiagnosticCode = step is null ? null : MessageParts.NullIfEmpty(step.Response),
                Command = step is null ? null : CommandName(step.Command),
            });
        }
        return recipients;
    }

    private static bool IsRefusal(string response) => response.Length >= 3 && response[0] is '4' or '5' && char.IsAsciiDigit(response[1]) && char.IsAsciiDigit(response[2]);

    // The step's name as results give it: RCPT, MAIL, DATA (also the message's final dot), EHLO; null for another.
    private static string? CommandName(string command)
    {
        var c = command.TrimStart();
        if (c.StartsWith("RCPT", StringComparison.OrdinalIgnoreCase)) return "RCPT";
        if (c.StartsWith("MAIL", StringComparison.OrdinalIgnoreCase)) return "MAIL";
        if (c.StartsWith("DATA", StringComparison.OrdinalIgnoreCase) || c.StartsWith("BDAT", StringComparison.OrdinalIgnoreCase) || c == ".") return "DATA";
        if (c.StartsWith("EHLO", StringComparison.OrdinalIgnoreCase) || c.StartsWith("HELO", StringComparison.OrdinalIgnoreCase)) return "EHLO";
        return null;
    }
}
