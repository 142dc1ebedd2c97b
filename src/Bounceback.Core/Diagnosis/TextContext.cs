namespace Bounceback.Core.Diagnosis;

/// <summary>
/// What a pasted text shows around its codes: a bounce quoting the next server's reply, a mail program's send dialog, or
/// a mail program fetching mail. These decide how an answer is worded (whose reply it was, whether anything tries again,
/// which steps fit), not what a code means.
/// </summary>
internal static class TextContext
{
    /// <summary>Whether the text quotes a reply as a bounce does, the next server's answer: Postfix's "host mx said:" and
    /// "(in reply to RCPT TO command)", Exim's "SMTP error from remote mail server", qmail's "Remote host said:",
    /// Exchange's "Remote Server returned".</summary>
    public static bool QuotesRemoteReply(string text) => ContainsAny(text, RemoteLeads);

    /// <summary>Whether the text is a mail program's or webmail's error on sending, which shows the reply of the user's
    /// own outgoing server: Thunderbird's "Sending of the message failed", Apple Mail's and iOS's "Cannot send",
    /// Roundcube's "SMTP Error (452)", in English, Dutch and German.</summary>
    public static bool ShownBySendDialog(string text) => ContainsAny(text, SendDialogLeads);

    /// <summary>Whether the text is a delay notice that says the sending server is still trying ("Delivery has been
    /// delayed", "Gmail will retry for 45 more hours", "Er wordt nog steeds geprobeerd"): a status such as Microsoft's
    /// "400 4.4.7 Message delayed" in it then reports the delay, not a queue that gave up.</summary>
    public static bool SaysStillTrying(string text) => ContainsAny(text, StillTryingLeads);

    /// <summary>Whether the text is a notice of a queue that gave up ("retry timeout exceeded", qmail's "I'm not going to try
    /// again; this message has been in the queue too long", sendmail's "could not be delivered for 5 days"): a temporary
    /// reply quoted in it is no longer being retried.</summary>
    public static bool SaysGaveUp(string text) => ContainsAny(text, GaveUpLeads);

    /// <summary>Whether the text says the login that failed was the user's own account on their outgoing server, also when a
    /// service in between quoted the reply (the new Outlook, which sends through Microsoft's cloud: "Outlook couldn't sign
    /// in to the outgoing server for your account. Remote server returned: 535 ..."): the password is the mail program's
    /// setting, not a sending server's.</summary>
    public static bool NamesOwnOutgoingLogin(string text) => ContainsAny(text, OwnLoginLeads);

    /// <summary>Whether the text names a service that sends mail for the user from its own servers: a newsletter or
    /// marketing platform (Mailchimp, Brevo, HubSpot), a helpdesk tool (Zendesk, Freshdesk) or a sending service
    /// (SendGrid, Mailgun). A refusal of the message's authentication or of the sending server is then the platform's
    /// setup to fix, not the user's own mail program.</summary>
    public static bool NamesSendingPlatform(string text) => ContainsAny(text, SendingPlatforms);

    /// <summary>Whether the text is an error of a webmail (Roundcube, Horde, SOGo, Zimbra's web client, ...): its connection
    /// to the outgoing server is set up by the provider or the administrator, and the user has no SMTP settings to change.</summary>
    public static bool ShownByWebmail(string text) => ContainsAny(text, WebmailLeads);

    /// <summary>Whether the text says that mail to every destination waits, or that it goes through a smarthost: "every outbound
    /// queue", "nothing leaves our server", "alle externe wachtrijen", a queue of Exchange's SmartHostConnectorDelivery.
    /// A connection or DNS failure in every queue is the sending server's own connection, resolver or relay, not a
    /// recipient's server that is down.</summary>
    public static bool SaysEveryDestinationFails(string text) => ContainsAny(text, EveryDestinationLeads);

    /// <summary>
    /// Whether the text is about fetching mail, and not about sending it: Outlook's "Task 'pop.example.nl - Receiving'",
    /// "incoming (POP3) server", a POP3 "-ERR" or IMAP, Apple Mail's "Cannot Get Mail", the ports 993 and 995, in
    /// English, Dutch and German. A text that also names sending (SMTP, the outgoing server, the Outbox) is about both, or
    /// about sending, and is not counted. Outlook's combined "Sending and Receiving" task names neither by itself.
    /// </summary>
    public static bool FetchesMail(string text) =>
        ContainsAny(text, FetchLeads) && !ContainsAny(text, SendLeads) && !ContainsAny(text, SendDialogLeads);

    private static bool ContainsAny(string text, string[] leads)
    {
        foreach (var lead in leads)
        {
            if (text.Contains(lead, StringComparison.OrdinalIgnoreCase)) return true;
        }
        return false;
    }

    // (Also the bounce events of sending services, which quote the receiving server's reply: Mailgun's "delivery-status",
    // Amazon SES's "diagnosticCode", SendGrid's and Postmark's bounce records; and hMailServer's log of its own delivery
    // session, "SMTPC", whose "RECEIVED:" lines are the other server's replies. In its "SMTPD" sessions those lines are
    // the commands it was sent, which never begin with a digit.)
    private static readonly string[] RemoteLeads =
    [
        " said: ", "(in reply to ", "SMTP error from remote", "Remote host said", "Remote Server returned", "Remote server replied",
        // Exchange's "Remote Server returned '550 ...'" in Dutch and German.
        "Externe server heeft '", "Remoteserver hat '",
        // Gmail's notice: "The response from the remote server was:", in Dutch "Het antwoord van de externe server was:".
        "response from the remote server", "antwoord van de externe server", "Antwort des Remote-Servers", "réponse du serveur distant",
        "\"delivery-status\"", "\"diagnosticCode\"", "\"bounceType\"", "\"bounce_classification\"", "\"Details\":",
        "\"RECEIVED: 4", "\"RECEIVED: 5",
        // OpenSMTPD's log of its own delivery: "mta delivery evpid=... result=\"PermFail\" stat=\"550 ...\"".
        "mta delivery evpid=",
    ];

    private static readonly string[] SendDialogLeads =
    [
        "sending of the message failed", "sending of message failed", "an error occurred while sending mail", "send message error", "cannot send mail",
        "cannot send message using the server", "smtp error (",
        "het verzenden van het bericht is mislukt", "verzenden van bericht mislukt", "er is een fout opgetreden bij het verzenden", "kan e-mail niet versturen",
        "kan e-mail niet verzenden", "kan bericht niet verzenden", "kan bericht niet versturen", "smtp-fout (",
        // Apple Mail in Dutch: "Het bericht ... kan niet worden verstuurd via de server "smtp.example.nl"".
        "niet worden verstuurd via de server", "niet worden verzonden via de server",
        "senden der nachricht fehlgeschlagen", "beim senden der nachricht", "e-mail kann nicht gesendet werden",
        // Apple Mail's Connection Doctor log of a session with the user's own submission server ("-- host:smtp.example.com
        // -- port:587 -- socket:...").
        "-- port:587 --", "-- port:465 --",
    ];

    private static readonly string[] WebmailLeads =
    [
        "roundcube", "smtp error (", "smtp-fout (", "squirrelmail", "horde", "net_smtp", "sogo", "rainloop", "snappymail", "zimbra web client",
        "zimbra webclient", "zimbra-webclient", "mailsender$", "afterlogic",
        // (Not the word "webmail" alone: "it works in webmail, but Thunderbird says ..." is a mail program's error.)
    ];

    private static readonly string[] StillTryingLeads =
    [
        "delivery has been delayed", "will retry for", "will continue to try", "still trying", "will be retried", "delivery attempts will continue",
        "this is a warning only", "warning message only", "has not yet been delivered",
        "bezorging is vertraagd", "bezorging vertraagd", "nog steeds geprobeerd", "blijft proberen", "probeert het nog", "wordt opnieuw geprobeerd",
        "zustellung verzögert", "wird weiterhin versucht", "versucht es weiterhin",
    ];

    private static readonly string[] GaveUpLeads =
    [
        "retry timeout exceeded", "not going to try again", "i've given up", "could not be delivered for", "in the queue too long", "too long in the queue",
        "has been in the queue too long", "giving up on", "will not try again", "no further attempts", "delivery time expired", "message expired",
        "is opgegeven", "niet meer opnieuw geprobeerd", "zustellung wurde abgebrochen",
        // The final notices themselves, which come only when the queue gave up: Postfix's "Undelivered Mail Returned to
        // Sender" ("your message could not be delivered to one or more recipients"), Exim's "This is a permanent error",
        // sendmail's "Returned mail:", Exchange's "Delivery has failed to these recipients or groups".
        "undelivered mail returned to sender", "could not be delivered to one or more recipients", "this is a permanent error", "returned mail:",
        "delivery has failed to these recipients", "bezorging aan deze ontvangers of groepen is mislukt", "zustellung an folgende empfänger oder gruppen ist fehlgeschlagen",
    ];

    private static readonly string[] OwnLoginLeads =
    [
        "sign in to the outgoing server", "log in to the outgoing server", "login to the outgoing server", "authenticate with the outgoing server",
        "aanmelden bij de uitgaande server", "inloggen op de uitgaande server", "aanmelden bij de server voor uitgaande", "inloggen bij de uitgaande server",
        "anmeldung am postausgangsserver", "beim postausgangsserver anmelden",
    ];

    private static readonly string[] SendingPlatforms =
    [
        "mailchimp", "mandrill", "hubspot", "brevo", "sendinblue", "activecampaign", "klaviyo", "mailerlite", "laposta", "campaign monitor",
        "constant contact", "marketing cloud", "pardot", "getresponse", "zoho campaigns", "zendesk", "freshdesk", "intercom", "help scout",
        "sendgrid", "mailgun", "postmark", "mailjet", "sparkpost", "amazon ses", "elastic email", "smtp2go", "mailersend",
    ];

    private static readonly string[] EveryDestinationLeads =
    [
        "every outbound queue", "every external queue", "every queue", "all outbound queues", "all external queues", "all queues",
        "all the queues", "all remote queues", "all delivery queues", "nothing leaves", "no mail leaves", "nothing goes out", "no mail goes out",
        "any outside server", "every outside server", "to all domains", "to every domain", "smarthost", "smart host",
        "alle wachtrijen", "alle externe wachtrijen", "alle uitgaande wachtrijen", "elke wachtrij", "iedere wachtrij", "er gaat niets meer uit",
        "gaat niets meer de deur uit", "naar alle domeinen", "naar elk domein",
        "alle warteschlangen", "jede warteschlange",
    ];

    private static readonly string[] FetchLeads =
    [
        "- receiving'", "- receiving\u2019", "incoming (pop", "incoming (imap", "incoming server", "incoming mail server",
        "(pop) server", "pop3", "imap", "-err ", "-err[", "cannot get mail", "can't get mail", "cannot receive", "can't receive",
        "port 993", "port 995", ":993", ":995",
        "- ontvangen'", "- ontvangen\u2019", "inkomende server", "inkomende mailserver", "server voor inkomende", "kan e-mail niet ophalen",
        "kan mail niet ophalen", "kan geen e-mail ontvangen", "kan geen mail ontvangen", "poort 993", "poort 995",
        "- empfangen'", "posteingangsserver", "e-mails können nicht abgerufen",
    ];

    private static readonly string[] SendLeads =
    [
        "- sending'", "- sending\u2019", "smtp", "outgoing", "outbox", "port 25", "port 465", "port 587", ":465", ":587",
        "- verzenden'", "- verzenden\u2019", "uitgaande", "postvak uit", "poort 25", "poort 465", "poort 587",
        "- senden'", "postausgang", "smtp-server",
    ];
}
