using MimeKit;

namespace Bounceback.Core.Bounces;

/// <summary>
/// A challenge-response filter's request to confirm (TMDA's "Please confirm your message"): the recipient's filter holds
/// the message until the sender answers, so nothing failed. It is written like a notice ("This message was created
/// automatically by mail delivery software") and attaches the held message, but it is mail asking for a reply, known by
/// the filter's agent field or by a confirmation address to reply to. Never one with a delivery report.
/// </summary>
internal static class ChallengeRequest
{
    public static bool Is(MimeMessage message)
    {
        var agent = message.Headers["X-Delivery-Agent"];
        var byAgent = agent is not null && agent.TrimStart().StartsWith("TMDA", StringComparison.OrdinalIgnoreCase);
        if (!byAgent && !RepliesToAConfirmationAddress(message) && !AsksTheSenderToProveThemselves(message)) return false;
        foreach (var entity in message.BodyParts)
        {
            var type = entity.ContentType;
            if (type.IsMimeType("message", "delivery-status") || type.IsMimeType("message", "global-delivery-status")) return false;
        }
        return message.Body is not MultipartReport;
    }

    /// <summary>Words of a challenge (MailGuard, Spam Arrest, Boxbe and the like): a subject about verifying or confirming,
    /// and a text that asks the sender to show they are a person, or says the recipient only takes mail from approved senders.</summary>
    private static bool AsksTheSenderToProveThemselves(MimeMessage message)
    {
        if (message.Subject is not { } subject || !ChallengeSubject(subject)) return false;
        // The notice's text, also when it is sent as HTML only.
        var text = Decoders.MessageParts.NoticeText(message);
        if (text.Length == 0) return false;
        // (Its lines joined: a notice wrapped at another width breaks a phrase across them.)
        var head = Reasons.ReasonClassifier.Squeeze(text[..Math.Min(text.Length, MaxTextRead)]);
        foreach (var phrase in ProofWording)
        {
            if (head.Contains(phrase, StringComparison.OrdinalIgnoreCase)) return true;
        }
        return false;
    }

    /// <summary>A challenge's subject asks to verify or confirm, or to be let onto the recipient's list of approved senders
    /// (Boxbe's "Request to join ...'s Guest List (Action Required)").</summary>
    private static bool ChallengeSubject(string subject) =>
        subject.Contains("verif", StringComparison.OrdinalIgnoreCase) || subject.Contains("confirm", StringComparison.OrdinalIgnoreCase)
        || subject.Contains("guest list", StringComparison.OrdinalIgnoreCase) || subject.Contains("approved sender", StringComparison.OrdinalIgnoreCase);

    /// <summary>How much of the text part is searched for <see cref="ProofWording"/>: a challenge says it near the top.</summary>
    private const int MaxTextRead = 8 * 1024;

    private static readonly string[] ProofWording =
    [
        "you are a person", "you are a human", "you are human", "you are a real person", "not an automated", "not a robot", "not a spammer",
        "from senders he has approved", "from senders she has approved", "from senders i have approved", "from approved senders",
        "list of approved senders", "only accepts messages from senders",
        // cPanel's BoxTrapper: "verify that you are a real live human being and not a spam source" (its lines wrapped).
        "live human being", "not a spam source",
    ];

    /// <summary>A Reply-To whose local part holds "-confirm-" and a number (TMDA's "user-confirm-1775153676.28175.5c91e2@"),
    /// with "confirm" in the subject: the address the sender answers to release the message.</summary>
    private static bool RepliesToAConfirmationAddress(MimeMessage message)
    {
        if (message.Subject is not { } subject || !subject.Contains("confirm", StringComparison.OrdinalIgnoreCase)) return false;
        foreach (var address in message.ReplyTo.Mailboxes)
        {
            var local = address.LocalPart;
            var at = local.IndexOf("-confirm-", StringComparison.OrdinalIgnoreCase);
            if (at > 0 && at + 9 < local.Length && char.IsAsciiDigit(local[at + 9])) return true;
        }
        return false;
    }
}
