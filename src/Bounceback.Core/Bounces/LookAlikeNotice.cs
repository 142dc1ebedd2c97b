using Bounceback.Core.Bounces.Decoders;
using MimeKit;

namespace Bounceback.Core.Bounces;

/// <summary>
/// Automatic messages about mail that are no delivery failure, though they name failures, addresses and statuses: a
/// calendar's answer to an invitation (a meeting room that declines), a mail program's report on recalling a message
/// ("Recall failed: the message has already been read"), and a filter's list of messages it holds in quarantine (whose
/// subjects may be those of bounces). Never a message with a delivery report.
/// </summary>
internal static class LookAlikeNotice
{
    /// <summary>How much of the text is read for a quarantine's wording: a digest says what it is at the top.</summary>
    private const int MaxTextRead = 4 * 1024;

    public static bool Is(MimeMessage message)
    {
        if (HasDeliveryReport(message)) return false;
        return IsCalendarReply(message) || IsRecallReport(message) || IsQuarantineDigest(message) || IsModerationNotice(message);
    }

    /// <summary>A list manager's notice that a post waits for the list's moderators (Sympa's "Your message to the list
    /// 'x' has been forwarded to the moderator(s)", Mailman's "Your message to x awaits moderator approval"): held, not
    /// refused. (Its Auto-Submitted header would make it read as an automatic reply.)</summary>
    private static bool IsModerationNotice(MimeMessage message)
    {
        var text = MessageParts.NoticeText(message);
        // (Its lines joined: a notice wrapped at another width breaks a phrase across them.)
        var head = Reasons.ReasonClassifier.Squeeze(text[..Math.Min(text.Length, MaxTextRead)]);
        foreach (var words in ModerationWords)
        {
            if (head.Contains(words, StringComparison.OrdinalIgnoreCase)) return true;
        }
        return false;
    }

    private static readonly string[] ModerationWords =
    [
        "forwarded to the moderator", "awaits moderator approval", "awaiting moderator approval", "held for moderation", "held until the list moderator",
        "waiting for moderator approval", "pending moderator approval",
    ];

    private static bool HasDeliveryReport(MimeMessage message)
    {
        foreach (var entity in message.BodyParts)
        {
            var type = entity.ContentType;
            if (type.IsMimeType("message", "delivery-status") || type.IsMimeType("message", "global-delivery-status")) return true;
        }
        return false;
    }

    /// <summary>An iTIP reply (RFC 5546): a text/calendar part with method REPLY, the answer to an invitation.</summary>
    private static bool IsCalendarReply(MimeMessage message)
    {
        foreach (var entity in message.BodyParts)
        {
            if (entity.ContentType.IsMimeType("text", "calendar")
                && string.Equals(entity.ContentType.Parameters["method"]?.Trim(), "REPLY", StringComparison.OrdinalIgnoreCase)) return true;
        }
        return false;
    }

    /// <summary>Outlook's and Exchange's report on recalling a message ("Message Recall Report for message: ...",
    /// "Message Recall Failure: ...").</summary>
    private static bool IsRecallReport(MimeMessage message) =>
        message.Subject is { } subject && subject.Contains("Message Recall", StringComparison.OrdinalIgnoreCase);

    /// <summary>A quarantine digest or notification from a filter (not from a mail system's daemon): its subject or text
    /// speaks of quarantine, and its text offers to release what it holds.</summary>
    private static bool IsQuarantineDigest(MimeMessage message)
    {
        if (MessageParts.FromContains(message, "mailer-daemon", "postmaster", "mail delivery")) return false;
        var text = MessageParts.NoticeText(message);
        var head = text.AsSpan(0, Math.Min(text.Length, MaxTextRead));
        var subject = message.Subject ?? "";
        var quarantine = false;
        foreach (var word in QuarantineWords) quarantine |= subject.Contains(word, StringComparison.OrdinalIgnoreCase) || head.Contains(word, StringComparison.OrdinalIgnoreCase);
        if (!quarantine) return false;
        foreach (var word in ReleaseWords)
        {
            if (head.Contains(word, StringComparison.OrdinalIgnoreCase)) return true;
        }
        return false;
    }

    private static readonly string[] QuarantineWords = ["quarantine", "quarantaine", "quarantäne"];

    /// <summary>"Release" in English, Dutch and German.</summary>
    private static readonly string[] ReleaseWords = ["release", "vrijgeven", "vrijgegeven", "freigeben"];
}
