namespace Bounceback.Core.Bounces.Decoders;

/// <summary>
/// The one ordered list of decoders. The parser tries them in order: the first that recognises a message and
/// decodes at least one recipient wins. Structured formats come first, specific text families next, the generic
/// text reader last.
/// </summary>
public static class DecoderList
{
    private static readonly string[] DaemonSenders = ["mailer-daemon", "postmaster", "mail delivery", "mail.delivery", "mailerdaemon", "mail administrator", "mdaemon"];

    /// <summary>The decoders in the order they are tried.</summary>
    public static IReadOnlyList<IBounceDecoder> All { get; } =
    [
        new FeedbackReportDecoder(),
        new PecDecoder(),
        new DominoDecoder(),
        new BrandedReportDecoder("surfcontrol", "X-Mailer", "SurfControl"),
        new BrandedReportDecoder("messagelabs", "From", "@messagelabs.com"),
        new Rfc3464Decoder(),
        new AmazonSesNotificationDecoder(),
        new IMailDecoder(),
        new TextBounceDecoder("activehunter", headers: ["X-AHMAILID"], markers: ["permanent fatal errors", "Transcript of session follows"], needsAll: true),
        SessionTranscriptDecoder.Postfix,
        SessionTranscriptDecoder.PostfixClient,
        SessionTranscriptDecoder.MDaemon,
        new NotesDecoder(),
        new MFilterDecoder(),
        new X3Decoder(),
        new V5SendmailDecoder(),
        new TextBounceDecoder("qmail", markers: ["qmail-send program", "This is the qmail", "I'm afraid I wasn't able to deliver your message"]),
        // Before gmail: Google Groups' refusals now come inside Gmail's own "Message not delivered" notice, whose wording
        // gmail also takes; the group's text in it says whose refusal it is.
        new TextBounceDecoder("googlegroups", senders: ["googlegroups", "@google"], markers: ["Google Group", "googlegroups", "the group you tried to contact"], needsAll: true),
        new TextBounceDecoder("gmail", senders: ["@google", "@gmail", "@googlemail"], markers: ["Delivery to the following recipient", "Google tried to deliver", "The response from the remote server", "Message not delivered", "message wasn't delivered", "Technical details of",
            // Its delay notice: "** Delivery incomplete ** There was a temporary problem delivering your message to ...".
            "Delivery incomplete", "temporary problem delivering your message",
            // The same notice in the sender's language: "Technical details of ... failure" and "Google tried to deliver".
            "Technische details van", "Technische Details des", "Détails techniques", "Detalles técnicos", "Dettagli tecnici", "Detalhes técnicos",
            "Google heeft geprobeerd", "Google hat versucht", "Google a tenté", "Google a essayé", "Google ha intentado", "Google ha tentato", "O Google tentou"], needsAll: true,
            pasted: ["Google tried to deliver your message", "Your message wasn't delivered to", "There was a problem delivering your message to"]),
        new TextBounceDecoder("mxlogic", senders: ["mxlogic"], headers: ["X-MX-Bounce", "X-MXL-NoteHash"], markers: ["could not be delivered", "permanent error", "mail delivery"], needsAll: true),
        new TextBounceDecoder("mailru", senders: ["mail.ru"], markers: ["Mail.Ru"], needsAll: true),
        new TextBounceDecoder("gmx", senders: ["gmx", "web.de"], markers: ["could not be delivered", "Mail delivery failed"], needsAll: true),
        new TextBounceDecoder("amazonworkmail", senders: ["amazon", "awsapps"], markers: ["could not be delivered", "Delivery has failed"], needsAll: true),
        // Also by its copy's heading and its reply's lead-in, for a notice pasted with its top cut off.
        new TextBounceDecoder("exim", markers: ["This message was created automatically by mail delivery software", "following address(es) failed",
            "This is a copy of the message, including all the headers", "SMTP error from remote mail server after"], headers: ["X-Failed-Recipients"]),
        new TextBounceDecoder("postfix", markers: ["This is the mail system at host", "The Postfix program", "This is the Postfix program"]),
        // GroupWise's Internet agent writes "Transcript of session follows" too, before its own Command:/Response: steps.
        new GroupWiseDecoder(),
        new TextBounceDecoder("sendmail", markers: ["following addresses had permanent fatal errors", "Transcript of session follows", "following addresses had transient non-fatal errors"]),
        // Its "Sorry, we were unable to deliver your message" is sent when it gave up: a temporary last reply (a full
        // mailbox's 452) is still a failure.
        new TextBounceDecoder("yahoo", markers: ["Sorry, we were unable to deliver your message", "Yahoo"], senders: ["yahoo", "MAILER-DAEMON@"], needsAll: true, finalOnly: true),
        new TextBounceDecoder("dragonfly", markers: ["DragonFly Mail Agent"], finalOnly: true),
        new TextBounceDecoder("opensmtpd", markers: ["This is the MAILER-DAEMON, please DO NOT REPLY", "OpenSMTPD", "An error has occurred while attempting to deliver a message"]),
        new TextBounceDecoder("courier", markers: ["Courier mail server", "This is a delivery status notification from"]),
        // Domino's subject ("DELIVERY FAILURE: ...") only with its wording: MDaemon's "Permanent Delivery Failure" and
        // MailEnable's "Message Delivery Failure" contain the same words.
        new TextBounceDecoder("domino", markers: ["Lotus Notes", "Domino", "was not delivered to:"], subjects: ["DELIVERY FAILURE", "DELIVERY_FAILURE"], needsAll: true),
        // hMailServer words its notice like Exchange 2003 ("did not reach some or all of the intended recipients") and
        // then lists each recipient with "Error Type:", "hMailServer sent:" and "Remote server replied:". It sends no
        // delay warnings: its notice comes when its retries are used up, also after a temporary reply.
        new TextBounceDecoder("hmailserver", markers: ["hMailServer sent:", "Error Type: SMTP"], finalOnly: true),
        new TextBounceDecoder("exchange2003", markers: ["did not reach some or all of the intended recipients", "Your message did not reach", "did not reach the following recipient"]),
        new ApacheJamesDecoder(),
        new FmlDecoder(),
        new ListManagerDecoder(),
        new InterScanDecoder(),
        new MailMarshalDecoder(),
        new TextBounceDecoder("x1", markers: ["The following addresses had delivery errors"]),
        new TextBounceDecoder("mailfoundry", markers: ["Delivery failed for the following reason"]),
        new TextBounceDecoder("verizon", markers: ["could not be delivered to mobile"]),
        new AutoReplyDecoder(),
        // Exchange and Microsoft 365 write their notices in the sender's language: the subject's prefix and the sending
        // mailbox ("MicrosoftExchange...") or the NDR header say what it is when the wording is not English.
        new TextBounceDecoder("text", senders: [.. DaemonSenders, "microsoftexchange"], headers: ["X-MS-Exchange-Message-Is-Ndr"],
            subjects: ["undeliver", "delivery fail", "delivery status", "returned mail", "failure notice", "not delivered", "mail delivery", "delivery notification", "nondeliverable", "returned to sender", "could not be delivered", "mail failure", "error sending", "failed", "failure",
                // Exchange's prefixes in the sender's language end in a colon (French puts a space before it); without it the
                // word is only a subject about a parcel ("Onbestelbaar pakket").
                "non remis:", "non remis :", "non remis\u00a0:", "unzustellbar:", "onbestelbaar:", "no se puede entregar:", "impossibile recapitare:", "non recapitabile:",
                "não é possível entregar:", "não é possível entregar :"],
            markers: ["could not be delivered", "couldn't be delivered", "undeliverable", "delivery failed", "permanent error", "unable to deliver", "was not delivered", "delivery has failed",
                "not be delivered", "not been delivered", "failed to deliver", "could not deliver", "delivery failure", "was rejected", "were rejected", "returned mail", "not delivered to",
                // Exchange / Microsoft 365's own section titles, also in the sender's language: they name the notice
                // when it was pasted without its headers (no sender or subject to go by).
                "Diagnostic information for administrators", "DSN generated by", "Original Message Details", "Delivery is delayed to these recipients or groups",
                "Diagnostische informatie voor beheerders", "Diagnostische gegevens voor beheerders", "DSN gegenereerd door", "Oorspronkelijke berichtgegevens",
                "bij deze ontvangers of groepen is mislukt", "bij deze ontvangers of groepen is vertraagd",
                "Diagnoseinformationen f\u00fcr Administratoren", "Informations de diagnostic pour les administrateurs",
                "Informaci\u00f3n de diagn\u00f3stico para administradores", "Informazioni di diagnostica per gli amministratori",
                "Informa\u00e7\u00f5es de diagn\u00f3stico para administradores"]),
    ];
}
