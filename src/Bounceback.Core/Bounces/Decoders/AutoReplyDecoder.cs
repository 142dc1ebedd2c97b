using MimeKit;

namespace Bounceback.Core.Bounces.Decoders;

/// <summary>
/// Automatic replies (RFC 3834): an Auto-Submitted: auto-replied header, or the usual out-of-office headers and
/// subject wording. The recipient is the replying mailbox.
/// </summary>
public sealed class AutoReplyDecoder : IBounceDecoder
{
    private static readonly string[] SubjectWords =
    [
        "out of office", "out of the office", "auto-reply", "autoreply", "auto reply", "automatic reply", "autoresponse",
        "auto response", "vacation", "afwezig", "automatisch antwoord", "abwesenheit", "absence", "away from",
        // Outlook's "Automatic reply:" in German, French, Spanish, Italian and Portuguese.
        "automatische antwort", "réponse automatique", "respuesta automática", "risposta automatica", "resposta automática",
        // ... in Japanese ("自動応答:", "自動返信"), Chinese ("自动回复") and Korean ("자동 회신", "자동응답").
        "自動応答", "自動返信", "自动回复", "自動回覆", "자동 회신", "자동응답",
    ];

    public string Name => "rfc3834";

    private static readonly string[] DaemonWords = ["mailer-daemon", "postmaster", "mail delivery", "mail.delivery"];
    private static readonly string[] FailureWords = ["undeliver", "delivery status", "delivery failure", "failure notice", "returned mail", "not delivered", "delivery failed", "could not be delivered"];

    public bool Recognises(MimeMessage message)
    {
        // Mailer daemons mark their bounces auto-replied too; a failure notice is not an out-of-office reply.
        var from = message.Headers["From"] ?? "";
        var subject = message.Subject ?? "";
        // (An out-of-office reply to a forwarded failure notice, "Automatisch antwoord: FW: Undeliverable: ...", names
        // the failure only after its own prefix.)
        if (DaemonWords.Any(w => from.Contains(w, StringComparison.OrdinalIgnoreCase)) || SubjectIsAFailure(subject)) return false;
        if (message.Headers["X-Apple-Unsubscribe"] is not null) return true;
        var auto = message.Headers["Auto-Submitted"];
        if (auto is not null && auto.Contains("auto-replied", StringComparison.OrdinalIgnoreCase)) return true;
        if (message.Headers["X-Autoreply"] is not null || message.Headers["X-Autorespond"] is not null) return true;
        if (message.Headers["X-Auto-Response-Suppress"] is not null && SubjectMatches(message.Subject)) return true;
        if (message.Headers["Precedence"] is { } p && p.Contains("auto_reply", StringComparison.OrdinalIgnoreCase)) return true;
        // By its subject alone only when no person forwarded or answered it ("Fwd: Out of the office party", "RE: Out of
        // office 13-31 July" are someone's messages), and when no list or mailing service sent it: a newsletter about
        // auto-replies carries List-Unsubscribe, an auto-reply never does.
        return SubjectMatches(message.Subject) && message.Body is not MultipartReport && !ForwardedBounce.HasForwardPrefix(message.Subject)
            && !HasReplyPrefix(message.Subject) && !message.Headers.Contains("List-Unsubscribe") && !message.Headers.Contains("List-Id");
    }

    /// <summary>
    /// Whether the subject names a delivery failure as its own ("Undeliverable: ...", "Delivery Status Notification"), not
    /// as the subject of the message an auto-reply answers: after the reply's own words ("Automatisch antwoord: FW:
    /// Undeliverable: ...") or after a reply or forward prefix inside it (Exim's "Away until Monday (Re: Fwd: Undelivered
    /// Mail Returned to Sender)").
    /// </summary>
    internal static bool SubjectIsAFailure(string? subject)
    {
        if (string.IsNullOrEmpty(subject) || StartsAsAutoReply(subject)) return false;
        var first = -1;
        foreach (var w in FailureWords)
        {
            var at = subject.IndexOf(w, StringComparison.OrdinalIgnoreCase);
            if (at >= 0 && (first < 0 || at < first)) first = at;
        }
        if (first < 0) return false;
        var before = subject.AsSpan(0, first);
        foreach (var prefix in QuotingPrefixes)
        {
            var at = before.IndexOf(prefix, StringComparison.OrdinalIgnoreCase);
            // Only as a word of its own ("(Re: ", " Fwd: "), not inside one ("Score: ").
            if (at >= 0 && (at == 0 || !char.IsLetter(before[at - 1]))) return false;
        }
        return true;
    }

    // The prefixes with which a subject quotes another's: a reply's and a forward's.
    private static readonly string[] QuotingPrefixes = ["re:", "aw:", "antw:", "sv:", "fwd:", "fw:", "wg:", "doorst:", "tr:"];

    // A person's answer: "Re:", and its forms in German, Dutch, Scandinavian, Polish and Turkish mail programs.
    private static readonly string[] ReplyPrefixes = ["re", "aw", "antw", "sv", "odp", "ynt"];

    private static bool HasReplyPrefix(string? subject) => MessageParts.SubjectHasPrefix(subject, ReplyPrefixes, 5);

    // The subject starts with an auto-reply's own words ("Automatic reply:", "Out of Office:", "Automatisch antwoord:").
    // ("[EXTERNAL] Automatisch antwoord: ..." too: a gateway's tags come first.)
    private static bool StartsAsAutoReply(string subject) => MessageParts.SubjectStartsWith(subject, SubjectWords);

    private static bool SubjectMatches(string? subject) =>
        subject is not null && SubjectWords.Any(w => subject.Contains(w, StringComparison.OrdinalIgnoreCase));

    public DecodedBounce? Decode(MimeMessage message)
    {
        if (message.Body is MultipartReport) return null;
        var from = (message.From.Mailboxes.FirstOrDefault() is { } sender ? MessageParts.AddressOf(sender) : null) ?? MessageParts.CleanAddress(message.Headers["From"]);
        if (string.IsNullOrEmpty(from)) return null;
        var inReplyTo = MessageParts.NullIfEmpty(MessageParts.CleanAddress(message.InReplyTo));
        var text = MessageParts.NoticeText(message);
        // Apple Mail's "unsubscribe" button mails the list's unsubscribe address and marks it so: an opt-out, not an absence.
        var optOut = message.Headers["X-Apple-Unsubscribe"] is { } unsubscribe && unsubscribe.Trim().Equals("true", StringComparison.OrdinalIgnoreCase);
        return new DecodedBounce
        {
            Kind = optOut ? ReportKind.Feedback : ReportKind.AutoReply,
            Recipients =
            [
                new RecipientFacts
                {
                    Recipient = from, DiagnosticCode = MessageParts.NullIfEmpty(FirstLine(text)), Timestamp = message.Date == default ? null : message.Date,
                    FeedbackType = optOut ? "opt-out" : null,
                },
            ],
            Sender = message.To.Mailboxes.FirstOrDefault() is { } to ? MessageParts.AddressOf(to) : null,
            OriginalMessageId = inReplyTo,
            OriginalSubject = message.Subject,
            NoticeText = text,
        };
    }

    private static string FirstLine(string text)
    {
        foreach (var line in text.Split('\n', 20))
        {
            var t = line.Trim();
            if (t.Length > 0) return t.Length > 300 ? t[..300] : t;
        }
        return "";
    }
}
