using System.Text.Json;
using MimeKit;

namespace Bounceback.Core.Bounces.Decoders;

/// <summary>
/// Amazon SES event notifications delivered by e-mail through SNS: a JSON body with notificationType Bounce,
/// Complaint or Delivery and the affected recipients.
/// </summary>
public sealed class AmazonSesNotificationDecoder : IBounceDecoder
{
    private const int MaxJsonChars = 1024 * 1024;

    public string Name => "amazonses";

    public bool Recognises(MimeMessage message)
    {
        var from = message.Headers["From"] ?? "";
        return (from.Contains("amazonaws.com", StringComparison.OrdinalIgnoreCase) || from.Contains("amazonses.com", StringComparison.OrdinalIgnoreCase))
            && Notification(message) is not null;
    }

    /// <summary>The text part that holds the JSON: the whole body, or the first part of a multipart that a gateway made
    /// to add a footer part of its own.</summary>
    private static TextPart? Notification(MimeMessage message) =>
        message.Body as TextPart ?? (message.Body is Multipart { Count: > 0 } mixed && mixed.ContentType.IsMimeType("multipart", "mixed") ? mixed[0] as TextPart : null);

    public DecodedBounce? Decode(MimeMessage message)
    {
        var text = Notification(message) is { } part ? MessageParts.SafeText(part) : "";
        // The JSON may be compact ({"notificationType":...) or indented, with a line break after the brace.
        var start = text.IndexOf('{', StringComparison.Ordinal);
        var end = text.LastIndexOf('}');
        if (start < 0 || end <= start || end - start > MaxJsonChars) return null;
        var json = text[start..(end + 1)].Replace("\r", "", StringComparison.Ordinal).Replace("\n", "", StringComparison.Ordinal);
        try
        {
            using var doc = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 32 });
            // An SNS subscription of the "email-json" kind wraps the SES notification in its own envelope, with the
            // notification as a JSON string in its Message field.
            if (Str(doc.RootElement, "Type") == "Notification" && Str(doc.RootElement, "Message") is { Length: > 0 and <= MaxJsonChars } inner)
            {
                using var innerDoc = JsonDocument.Parse(inner, new JsonDocumentOptions { MaxDepth = 32 });
                return Read(innerDoc.RootElement);
            }
            return Read(doc.RootElement);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>A bounced or delayed recipient of an SES event: its address, status and last reply; without a reply, the
    /// event's own wording of the cause (<paramref name="cause"/>: the bounce subtype or the delay type).</summary>
    private static RecipientFacts Retried(JsonElement recipient, string action, string? cause)
    {
        var (dtype, diag) = MessageParts.SplitTyped(Str(recipient, "diagnosticCode"));
        return new RecipientFacts
        {
            Recipient = MessageParts.CleanAddress(Str(recipient, "emailAddress")),
            Status = Str(recipient, "status"),
            Action = action,
            DiagnosticCode = MessageParts.NullIfEmpty(diag) ?? cause,
            DiagnosticType = dtype,
        };
    }

    private static DecodedBounce? Read(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object) return null;
        var type = Str(root, "notificationType") ?? Str(root, "eventType");
        var mail = root.TryGetProperty("mail", out var m) && m.ValueKind == JsonValueKind.Object ? m : default;
        var sender = mail.ValueKind == JsonValueKind.Object ? Str(mail, "source") : null;
        var messageId = mail.ValueKind == JsonValueKind.Object ? Str(mail, "messageId") : null;
        var recipients = new List<RecipientFacts>();
        ReportKind kind;
        string? reportingMta = null;
        switch (type)
        {
            case "Bounce" when root.TryGetProperty("bounce", out var bounce) && bounce.ValueKind == JsonValueKind.Object:
                kind = ReportKind.Failure;
                reportingMta = MessageParts.SplitTyped(Str(bounce, "reportingMTA")).Value;
                var transient = Str(bounce, "bounceType") == "Transient";
                // SES gives a diagnostic only when the receiving side sent a report; its subtype still names the cause.
                var subtype = SubtypeWording(Str(bounce, "bounceSubType"));
                foreach (var r in Items(bounce, "bouncedRecipients"))
                {
                    recipients.Add(Retried(r, Str(r, "action") ?? (transient ? "delayed" : "failed"), subtype));
                }
                break;
            // Event publishing's delay notice: the recipients SES is still retrying, each with its last reply, and a
            // delay type that names the cause when no reply came.
            case "DeliveryDelay" when root.TryGetProperty("deliveryDelay", out var delay) && delay.ValueKind == JsonValueKind.Object:
                kind = ReportKind.Failure;
                reportingMta = MessageParts.SplitTyped(Str(delay, "reportingMTA")).Value;
                var delayType = SubtypeWording(Str(delay, "delayType"));
                foreach (var r in Items(delay, "delayedRecipients"))
                {
                    recipients.Add(Retried(r, "delayed", delayType));
                }
                break;
            case "Complaint" when root.TryGetProperty("complaint", out var complaint) && complaint.ValueKind == JsonValueKind.Object:
                kind = ReportKind.Feedback;
                var feedbackType = Str(complaint, "complaintFeedbackType") ?? "abuse";
                foreach (var r in Items(complaint, "complainedRecipients"))
                {
                    recipients.Add(new RecipientFacts { Recipient = MessageParts.CleanAddress(Str(r, "emailAddress")), FeedbackType = feedbackType });
                }
                break;
            case "Delivery" when root.TryGetProperty("delivery", out var delivery) && delivery.ValueKind == JsonValueKind.Object:
                kind = ReportKind.DeliveryReport;
                reportingMta = Str(delivery, "reportingMTA");
                var smtp = Str(delivery, "smtpResponse");
                foreach (var r in Items(delivery, "recipients"))
                {
                    if (r.ValueKind == JsonValueKind.String)
                    {
                        recipients.Add(new RecipientFacts { Recipient = MessageParts.CleanAddress(r.GetString()), Action = "delivered", DiagnosticCode = smtp });
                    }
                }
                break;
            default:
                return null;
        }
        recipients.RemoveAll(r => r.Recipient.Length == 0);
        if (recipients.Count == 0) return null;
        return new DecodedBounce
        {
            Kind = kind,
            Recipients = recipients,
            ReportingMta = MessageParts.NullIfEmpty(reportingMta),
            Sender = sender,
            OriginalMessageId = messageId,
        };
    }

    /// <summary>
    /// The bounce subtype as words ("MailboxFull" gives "Mailbox full"), or null for the subtypes that name no cause
    /// (General, Undetermined) and for anything that is not a short word in capitals.
    /// </summary>
    private static string? SubtypeWording(string? subtype)
    {
        if (string.IsNullOrEmpty(subtype) || subtype.Length > 40 || !subtype.All(char.IsAsciiLetter) || !char.IsUpper(subtype[0])) return null;
        if (subtype is "General" or "Undetermined") return null;
        var words = new System.Text.StringBuilder(subtype.Length + 8);
        for (var i = 0; i < subtype.Length; i++)
        {
            if (i > 0 && char.IsUpper(subtype[i])) words.Append(' ').Append(char.ToLowerInvariant(subtype[i]));
            else words.Append(subtype[i]);
        }
        return words.ToString();
    }

    private static IEnumerable<JsonElement> Items(JsonElement e, string name) =>
        e.TryGetProperty(name, out var a) && a.ValueKind == JsonValueKind.Array ? a.EnumerateArray().Take(10_000) : [];

    private static string? Str(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
