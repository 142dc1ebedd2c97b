using MimeKit;

namespace Bounceback.Core.Bounces.Decoders;

/// <summary>
/// Postfix's notice to the postmaster ("Postfix SMTP server: errors from ..."): a transcript of the SMTP session
/// with " In:" and " Out:" lines. Commands and replies are paired in order (pipelining keeps the order); a
/// failed RCPT names its recipient, a failed MAIL or DATA fails every recipient accepted before it.
/// </summary>
public sealed class PostfixTranscriptDecoder : IBounceDecoder
{
    public string Name => "postfix";

    public bool Recognises(MimeMessage message) =>
        MessageParts.SubjectContains(message, "Postfix SMTP server: errors from", "Postfix SMTP client: errors from") &&
        MessageParts.NoticeContains(message, "Transcript of session follows");

    public DecodedBounce? Decode(MimeMessage message)
    {
        var lines = MessageParts.Lines(MessageParts.AllNoticeText(message));
        var pending = new Queue<(string Verb, string? Address)>();
        var accepted = new List<string>();
        var failed = new List<RecipientFacts>();
        var afterData = false;
        foreach (var raw in lines)
        {
            var line = raw.TrimStart();
            if (line.StartsWith("In:", StringComparison.Ordinal))
            {
                var command = line[3..].Trim();
                var verb = command.Split(' ', 2)[0].ToUpperInvariant();
                var address = verb == "RCPT" && PlainTextReader.FirstAddress(command) is { } hit ? hit.Address : null;
                if (pending.Count < 1000) pending.Enqueue((verb, address));
            }
            else if (line.StartsWith("Out:", StringComparison.Ordinal))
            {
                var reply = line[4..].Trim();
                if (reply.Length < 4 || !char.IsAsciiDigit(reply[0]) || reply[3] == '-') continue; // a continued reply
                var code = reply[0] - '0';
                (string Verb, string? Address) command = pending.Count > 0 ? pending.Dequeue() : (afterData ? "DATA" : "CONNECT", null);
                afterData = command.Verb == "DATA" && reply.StartsWith("354", StringComparison.Ordinal);
                if (code is 2 or 3)
                {
                    if (command.Verb == "RCPT" && command.Address is { } ok && accepted.Count < 1000) accepted.Add(ok);
                    continue;
                }
                if (command.Verb == "RCPT" && command.Address is { } refused)
                {
                    failed.Add(new RecipientFacts { Recipient = refused, DiagnosticCode = reply, Command = "RCPT" });
                }
                else if (command.Verb is "MAIL" or "DATA" or "BDAT" or "CONNECT")
                {
                    failed.AddRange(accepted.Select(a => new RecipientFacts { Recipient = a, DiagnosticCode = reply, Command = command.Verb == "CONNECT" ? null : command.Verb }));
                    accepted.Clear();
                }
            }
        }
        return MessageParts.Failure(message, failed, null);
    }
}
