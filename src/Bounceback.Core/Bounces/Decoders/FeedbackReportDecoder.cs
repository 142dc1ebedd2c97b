using MimeKit;

namespace Bounceback.Core.Bounces.Decoders;

/// <summary>
/// Abuse feedback reports (RFC 5965 ARF): the message/feedback-report part gives the feedback type and the
/// complained-about recipient; the returned original gives the rest.
/// </summary>
public sealed class FeedbackReportDecoder : IBounceDecoder
{
    public string Name => "arf";

    public bool Recognises(MimeMessage message) =>
        message.Body is Multipart && (message.Body.ContentType.Parameters["report-type"] is { } t
            ? t.Contains("feedback", StringComparison.OrdinalIgnoreCase)
            : IsComplaintWithoutReport(message) || HasReportPart(message) || TextReportPart(message) is not null);

    // A loop rather than Any: the walk's enumerator stays a struct (Recognises is asked of every multipart notice).
    private static bool HasReportPart(MimeMessage message)
    {
        foreach (var entity in MessageParts.Walk(message.Body, intoMessages: false))
        {
            if (entity.ContentType.IsMimeType("message", "feedback-report")) return true;
        }
        return false;
    }

    /// <summary>The second part of a feedback report (RFC 6522's place for the report) when it is labelled text/plain but
    /// starts with the Feedback-Type field; also inside a gateway's wrapper.</summary>
    private static TextPart? TextReportPart(MimeMessage message)
    {
        foreach (var entity in MessageParts.Walk(message.Body, intoMessages: false))
        {
            if (entity is MultipartReport { Count: >= 2 } report && report.ReportType is { } type && type.Contains("feedback", StringComparison.OrdinalIgnoreCase)
                && report[1] is TextPart { IsPlain: true } plain
                && MessageParts.SafeText(plain).AsSpan().TrimStart().StartsWith("Feedback-Type:", StringComparison.OrdinalIgnoreCase)) return plain;
        }
        return null;
    }

    /// <summary>Older complaint loops (Hotmail's) send the complained-about message attached, with no report part.</summary>
    private static bool IsComplaintWithoutReport(MimeMessage message) =>
        (message.Subject ?? "").Contains("complaint about message", StringComparison.OrdinalIgnoreCase);

    public DecodedBounce? Decode(MimeMessage message)
    {
        HeaderList? fields = null;
        foreach (var entity in MessageParts.Walk(message.Body, intoMessages: false))
        {
            if (entity is MessageFeedbackReport report) { fields = report.Fields; break; }
            if (entity is MimePart part && part.ContentType.IsMimeType("message", "feedback-report") && part.Content is not null)
            {
                using var stream = part.Content.Open();
                fields = HeaderList.Load(stream);
                break;
            }
        }
        // A report whose second part, the report part by RFC 6522, is labelled text/plain (an abuse desk's "report.txt")
        // but holds the report's fields.
        if (fields is null && TextReportPart(message) is { Content: not null } plain)
        {
            using var stream = new MemoryStream();
            plain.Content.DecodeTo(stream);
            stream.Position = 0;
            try
            {
                fields = HeaderList.Load(stream);
            }
            catch (FormatException)
            {
                fields = null;
            }
        }
        var original = MessageParts.OriginalHeaders(message);
        if (fields is null && IsComplaintWithoutReport(message) && original is not null)
        {
            fields = [];
            fields.Add("Feedback-Type", "abuse");
            if (original["X-HmXmrOriginalRecipient"] is { } rcpt) fields.Add("Original-Rcpt-To", rcpt);
        }
        if (fields is null) return null;
        var recipients = new List<string>();
        foreach (var h in fields)
        {
            if (h.Field.Equals("Original-Rcpt-To", StringComparison.OrdinalIgnoreCase) || h.Field.Equals("Removal-Recipient", StringComparison.OrdinalIgnoreCase))
            {
                var a = MessageParts.CleanAddress(h.Value);
                if (a.Length > 0 && !recipients.Contains(a, StringComparer.OrdinalIgnoreCase)) recipients.Add(a);
            }
        }
        // Microsoft's complaint names the complaining mailbox in the returned message's X-HmXmrOriginalRecipient: a
        // list's mail has the list's address in To.
        if (recipients.Count == 0 && MessageParts.NullIfEmpty(MessageParts.CleanAddress(original?["X-HmXmrOriginalRecipient"])) is { } complainant)
            recipients.Add(complainant);
        if (recipients.Count == 0 && original?["To"] is { } to)
        {
            var list = InternetAddressList.TryParse(to, out var parsed) ? parsed.Mailboxes.Select(MessageParts.AddressOf).ToList() : [MessageParts.CleanAddress(to)];
            recipients.AddRange(list.Where(a => a.Length > 0).Take(100));
        }
        if (recipients.Count == 0) recipients.Add("");
        var feedbackType = fields["Feedback-Type"]?.Trim().ToLowerInvariant();
        var arrival = Rfc3464.DeliveryStatusReader.DateOf(fields["Arrival-Date"] ?? fields["Received-Date"]);
        return new DecodedBounce
        {
            Kind = ReportKind.Feedback,
            Recipients = recipients.Select(r => new RecipientFacts { Recipient = r, FeedbackType = feedbackType, Timestamp = arrival }).ToList(),
            ReportingMta = MessageParts.NullIfEmpty(MessageParts.SplitTyped(fields["Reporting-MTA"]).Value),
            Sender = MessageParts.NullIfEmpty(MessageParts.CleanAddress(fields["Original-Mail-From"])) ?? MessageParts.OriginalSender(original),
            OriginalMessageId = MessageParts.OriginalMessageId(original),
            OriginalSubject = MessageParts.OriginalSubject(original),
        };
    }
}
