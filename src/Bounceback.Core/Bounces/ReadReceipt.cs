using MimeKit;

namespace Bounceback.Core.Bounces;

/// <summary>
/// A read receipt (RFC 8098, a message disposition notification: "displayed", "deleted"): the recipient's mail program
/// says what became of a message that was delivered, so nothing failed, whatever the original's subject says
/// ("Lieferung nicht zustellbar?"). Known by its report part, never one that also holds a delivery report, nor a Sieve
/// reject, which is sent as a disposition notification too.
/// </summary>
internal static class ReadReceipt
{
    public static bool Is(MimeMessage message)
    {
        // Only a multipart message can hold the report part: most messages are known as no receipt at once.
        if (message.Body is not Multipart) return false;
        var disposition = message.Body is MultipartReport report && string.Equals(report.ReportType, "disposition-notification", StringComparison.OrdinalIgnoreCase);
        foreach (var entity in message.BodyParts)
        {
            var type = entity.ContentType;
            if (type.IsMimeType("message", "delivery-status") || type.IsMimeType("message", "global-delivery-status")) return false;
            if (type.IsMimeType("message", "disposition-notification") || type.IsMimeType("message", "global-disposition-notification")) disposition = true;
        }
        if (!disposition) return false;
        // A Sieve "reject" (RFC 5429) is sent as an MDN too, marked "Auto-Submitted: auto-replied (rejected)" and worded
        // "Your message to ... was automatically rejected": the recipient's filter refused the message.
        if (message.Headers["Auto-Submitted"] is { } auto && auto.Contains("rejected", StringComparison.OrdinalIgnoreCase)) return false;
        return message.TextBody is not { } text || !text.Contains("automatically rejected", StringComparison.OrdinalIgnoreCase);
    }
}
