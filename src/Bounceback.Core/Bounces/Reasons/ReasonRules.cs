using Bounceback.Core.Codes;

namespace Bounceback.Core.Bounces.Reasons;

/// <summary>
/// One rule per bounce reason, in the order the wording is tested: the most specific wording first, so that
/// "mailbox full" wins over a generic "rejected", and "listed at spamhaus" is a block rather than spam.
/// </summary>
public static class ReasonRules
{
    /// <summary>
    /// The RFC 3463 network statuses that fit a network error's words when the message gives no status, in the order
    /// they are tried: a loop (x.4.6), a name lookup (x.4.3, the directory server: Postfix reports a failed DNS lookup
    /// so), no answer from the host (x.4.1: refused, timed out, unreachable) and a connection that broke off (x.4.2).
    /// Must come before <see cref="All"/>, whose rules use it.
    /// </summary>
    private static readonly FittingStatusByWording[] NetworkFitting =
    [
        new("4.6", ["hop count", "mail loop", "routing loop", "too many hops", "loop detected", "loops back", "bounce between two servers", "routing-schleife", "anzahl an hops", "is looping",
            "too many received", "nesting limit"], []),
        // (A refused connection before the lookup words: MDaemon's transcript names the DNS server it asked, then
        // "Socket connection failed: Connection refused".)
        new("4.1", ["connection refused", "actively refused", "no connection could be made"], []),
        new("4.3", ["lookup", "dns", "name service", "name server"], []),
        new("4.1", ["connection refused", "actively refused", "no connection could be made", "timed out", "timeout", "could not connect", "unable to connect",
            "failed to connect", "establish an smtp connection", "unreachable", "not reachable", "no route to host", "connection to recipients server failed", "connect failed"], []),
        new("4.2", ["lost connection", "connection reset", "connection closed", "closed connection", "broken pipe", "connection dropped", "connection died", "unexpected eof"], []),
    ];

    /// <summary>The rules in the order their phrases are tried.</summary>
    public static IReadOnlyList<ReasonRule> All { get; } =
    [
        new(BounceReason.HasMoved,
        [
            "has moved", "user moved", "address has changed", "moved permanently", "is no longer valid", "no longer available at this address", "new address",
            // RFC 5321's 551: the user is not here, and the reply names where to send instead.
            "user not local; please try",
            // A forwarding text that names the new address ("This address is no longer in use; please write to ... instead").
            "please write to",
        ], ["x.1.6"], "1.6", ["relay",
            // ezmlm's refusal of a post from an address it does not know: "only subscribers may post. If you are a subscriber,
            // please forward this message to ... to get your new address included".
            "only subscribers"])
        {
            Decisive = ["x.1.6"],
            // OpenSMTPD answers a local account it could not look up with 5.1.6 ("Permanent failure in user lookup"):
            // nothing has moved.
            DecisiveUnless = ["failure in user lookup"],
        },
        new(BounceReason.RequirePtr,
        [
            "reverse dns", "reverse-dns", "reverse lookup", "reverse name", "ptr record", "no ptr", "ptr lookup", "rdns", "cannot find your hostname", "cannot find your reverse",
            "can't resolve your", "ip name lookup failed", "hostname lookup failed", "client host rejected: cannot find", "not have a ptr", "no reverse", "reverse dns entry",
            "unresolvable", "mismatches client ip", "unverifiable sending ip", "unverifyable sending ip", "ptr not found", "ptr record not found", "reverse address", "fcrdns", "forward-confirmed", "does not resolve", "dns ptr",
        ], ["x.7.25"], "7.25", ["sender address", "domain of sender",
            // sendmail's "Relaying denied. IP name lookup failed [ip]": the refusal is the relay; the lookup only says
            // why the client was not recognised as one allowed to relay.
            "relaying denied",
            // A reverse name that exists but looks like a home or dynamic line's (spamdyke's "Your reverse DNS entry
            // contains your IP address and a banned keyword"): a block of the host, not a missing PTR.
            "banned keyword", "contains your ip", "looks generic", "generic reverse"]) { Decisive = ["x.7.25"] },
        new(BounceReason.NotAccept, [
            // OpenSMTPD, when every MX of the domain refused the mail: "Destination seem to reject all mails".
            "reject all mails",
            "no mx found", "find a mail exchanger", "no smtp service", "no mx record", "no mx for", "does not accept mail", "doesn't accept mail", "accepts no mail", "null mx", "nullmx", "does not receive mail", "not accepting mail", "domain does not accept", "no mail is accepted"], ["x.1.10", "x.7.27"], "1.10", ["accept mail from", "accepts mail from", "accepting mail from", "receive mail from", "receives mail from",
            // The sender's domain with a null MX (RFC 7505's x.7.27: "Sender address rejected: Domain ... does not accept
            // mail (nullMX)"): the refused sender, not a recipient's domain that takes no mail.
            "sender address rejected", "sender domain", "domain of sender"]),
        new(BounceReason.NetworkError,
        [
            "hop count", "mail loop", "routing loop", "too many hops", "loop detected", "loops back", "establish an smtp connection", "host not found, try again", "host name lookup failure",
            // nullmailer: "smtp: Failed: Connect failed" (its relay did not answer).
            "connect failed",
            // Domino in German: "Maximale Anzahl an Hops überschritten ... Routing-Schleife"; qmail's and vpopmail's
            // "This message is looping: it already has my Delivered-To line", "mail is looping".
            "routing-schleife", "anzahl an hops", "is looping",
            // A loop counted by its trace headers: "554 Too many Received: headers", "Too many \"Received\" headers".
            "too many received", "too many \"received\"",
            // OpenSMTPD: "Temporary failure in MX lookup", before the server-error rule's "temporary failure".
            "failure in mx lookup",
        ], [], "4.0",
            // qmail's "TLS connect failed: ... handshake failure; connected to 192.0.2.1": the encryption failed, not the
            // connection.
            ["tls connect failed", "ssl connect failed"]) { FittingByWording = NetworkFitting },
        // A refused kind of file, before the blocked rule's bare "banned" and the filter rule's "does not accept": amavis
        // names one as "Reject, id=... - BANNED: name", Facebook as "an attachment type that Facebook does not accept".
        new(BounceReason.PolicyViolation,
        [
            "header error", "external forwarding", "- banned:", "banned attachment", "banned file", "banned content", "contains a banned", "attachment type", "illegal attachment",
            // simscan (qmail): "554 Your email was rejected because it contains a bad attachment: name.pdf.exe".
            "bad attachment",
            // An archive the virus scanner cannot open (password-protected, encrypted) refused by rule: nothing was found.
            "encrypted archive", "password-protected archive", "password protected archive", "password-protected zip", "password protected zip",
            "password-protected file", "password protected file", "password-protected attachment", "encrypted attachment", "cannot inspect", "could not be scanned", "cannot be scanned", "unscannable",
            // Exim's example system filter: "rejected because it has potentially executable content" (a kind of
            // file, though its text goes on about viruses).
            "executable attachment", "executable content",
            // An organisation's own rules: Exchange's "Message rejected due to unacceptable attachments", a data loss
            // prevention policy ("Message blocked by DLP policy").
            "unacceptable attachment", "dlp policy", "data loss prevention",
            // An administrator's own refusal of file types (Postfix header_checks: "Attachments of type .iso and .img are not
            // accepted here").
            "attachments of type", "files of type",
            // Office documents with macros refused by rule (Symantec Email Security.cloud: "MS-Office file containing VBA
            // macros found inside of the email"): a kind of file, not a virus found.
            "vba macro", "containing macros", "macro-enabled",
        ],
        // Exchange's mail flow rules reject with a status of the administrator's choosing from 5.7.900 to 5.7.999, and
        // with the administrator's own words: the status says it is an organisation's rule when the words say nothing a
        // rule knows.
        [.. Enumerable.Range(900, 100).Select(d => $"x.7.{d}")], "7.0"),
        new(BounceReason.ContentError, ["duplicate header", "header is too long", "headers too long", "headers too large",
            // Postfix: an address or header needs SMTPUTF8 (RFC 6531), which the receiving server does not offer.
            "smtputf8 is required",
            // Exim: "utf8 support required but not offered for forwarding"; RFC 6531's "553 5.6.7 Non-ASCII addresses not
            // permitted for that recipient" (an internationalised address that the next server cannot carry).
            "utf8 support required", "non-ascii addresses not permitted", "non-ascii address not permitted"], ["x.6.7"], "6.0") { Decisive = ["x.6.7"] },
        new(BounceReason.AuthFailure,
        [
            "spf", "dkim", "dmarc", "sender policy framework", "unauthenticated email", "authentication check", "not pass authentication", "failed authentication checks",
            "domainkeys", "sender authentication", "authentication information", "could not be authenticated",
            // Exim's DKIM ACL: "Mail from example.org with invalid/missing signature"; its SPF ACL: "192.0.2.25 is not
            // allowed to send mail from example.org".
            "missing signature", "invalid signature", "is not allowed to send mail from",
        ], ["x.7.20", "x.7.21", "x.7.22", "x.7.23", "x.7.24", "x.7.26"], "7.26", ["smtp auth", "authentication required", "signing failed"])
        {
            // RFC 7372: these statuses name the failed DKIM, SPF or combined check, whatever else the words say ("... and has been blocked").
            Decisive = ["x.7.20", "x.7.21", "x.7.22", "x.7.23", "x.7.24", "x.7.26"],
            // Without a status, words that name one check alone give that check's status (RFC 7372).
            FittingByWording =
            [
                new("7.23", ["spf", "sender policy framework", "is not allowed to send mail from"], ["dkim", "dmarc", "domainkeys", "signature"]),
                new("7.20", ["dkim", "domainkeys", "missing signature", "invalid signature"], ["spf", "dmarc", "sender policy framework", "is not allowed to send mail from"]),
            ],
        },
        new(BounceReason.SecurityError,
        [
            "starttls", "unauthenticated senders", "must issue a", "tls required", "encryption required", "tls is required", "requires tls", "certificate", "authentication required", "smtp auth",
            "authentication is required", "must authenticate", "not authorized to send as", "sender not authenticated",
            // SSL as a word, not inside one (Swedish "misslyckats", "failed").
            " ssl", "(ssl", "ssl/", "ssl ", "ssl:", "ssl-", "ssl_", "encryption is required",
            "does not support tls", "doesn't support tls", "not support tls", "tls not available", "tls is not available",
            // Exim's and Postfix's own words when a required TLS session failed or was not offered.
            "tls session is required", "did not offer tls", "tls handshake", "handshake failure", "handshake failed",
            "client not authenticated", "not authenticated to send", "authentication unsuccessful",
            // sendmail's refusal of a session whose TLS cipher is weaker than it requires: "403 4.7.0 encryption too weak 0 less than 128".
            "encryption too weak",
            // A login that failed: Postfix/Dovecot's "535 5.7.8 Error: authentication failed", dma's "SMTP login to ... failed".
            "authentication failed", "authentication failure", "smtp login to", "was not authenticated", "permission to send as", "permissions to send as",
            // The receiving domain's TLS policy (MTA-STS, RFC 8461) that the delivery could not meet, and chasquid's
            // "Security level check failed (level:PLAIN)" (a domain once reached over TLS offered none).
            "mta-sts", "security level check failed",
            // DANE (RFC 7672): the TLSA records that pin the receiving server's certificate could not be found or did not
            // match (Exim's "DANE error: tlsa lookup FAIL", Postfix's "TLSA lookup error").
            "dane error", "dane validation", "tlsa",
            // qmail with control/tlshosts (TLS required to that host): "No TLS achieved while control/tlshosts/mx.pem exists",
            // "TLS connect failed: ... handshake failure". sendmail's check of the certificate's name for a destination that
            // requires it: "503 5.7.0 CN mail.example does not match mx.example.net".
            "no tls achieved", "tls connect failed", "4.7.0 cn ", "5.7.0 cn ",
        ], ["x.7.8", "x.7.9", "x.7.10", "x.7.11", "x.7.5", "x.7.4", "x.7.6"], "7.0",
            // sendmail's "Relaying denied. Proper authentication required." (Kerio's "Relaying to <...> denied (authentication
            // required)", cPanel's "... is not permitted to relay through this server without authentication") refuses to
            // relay: the words about authentication only say what would have allowed it.
            ["relaying denied", "relay access denied", "relay not permitted", "relaying not allowed", "relay denied", "relaying to", "permitted to relay",
            // The peer closed the connection in the middle of the TLS session (qmail's "Connected to 192.0.2.1 but connection
            // died. error:0A000126:SSL routines::unexpected eof while reading"): the connection broke, nothing refused.
            "unexpected eof"]),
        // A virus scanner that failed is the receiving system's fault, not a virus found (amavis: "451 4.5.0 Error in
        // processing, id=..., virus_scan FAILED: AV: ALL VIRUS SCANNERS FAILED").
        // A scanner that failed, before the virus rule's "virus"; Postfix's local delivery to a program or file that its
        // own settings forbid ("mail to command is restricted": allow_mail_to_commands), before the policy rule's "restricted".
        new(BounceReason.SystemError, ["virus scanners failed", "virus scanner failed", "virus_scan failed", "virus scan failed",
            // MIMEDefang's "451 4.3.0 Problem running virus-scanner".
            "problem running virus",
            "mail to command is restricted", "mail to file is restricted",
            // The receiving system's own store or directory: qmail-ldap's "LDAP attribute mailMessageStore is not given but
            // mandatory. (LDAP-ERR #215)", vpopmail's "Auto re-creation of maildir failed. (#5.9.9)".
            "is not given but mandatory", "re-creation of maildir failed",
            // sendmail's refusal to run a .forward's program for a user whose login shell is not in /etc/shells.
            "valid shell for mailing to programs",
            // ... and for a .forward or alias in a directory others may write to: "Address <addr> is unsafe for mailing to
            // programs" (or "to files").
            "unsafe for mailing to",
            // The DragonFly Mail Agent's own queue: "corrupted queue file".
            "corrupted queue file",
            // Dovecot's LMTP after the message was sent for an address it accepted: "451 4.2.0 <addr> Mailbox doesn't
            // exist: INBOX" names a folder missing from the user's storage, a fault of the server, not a missing user.
            "doesn't exist: inbox", "does not exist: inbox",
            // The sending server's own DKIM signing that failed (Exim with dkim_strict: "DKIM: signing failed"): its key or
            // setup; the authentication rule, which is about a receiver's check, leaves these words out.
            "signing failed"], [], "3.0"),
        // "Virus" in the national providers' languages (Portuguese writes it with an accent).
        new(BounceReason.VirusDetected, ["virus", "malware", "infected", "trojan", "worm found", "malicious", "vírus", "вирус", "ウイルス", "病毒", "바이러스"], [], "7.1"),
        new(BounceReason.NoRelaying,
        [
            "relay access denied", "relaying denied", "relay not permitted", "not permitted to relay", "unable to relay", "we do not relay", "relaying not allowed", "relay denied",
            "not allowed to relay", "relaying is not allowed", "relaying to", "no relaying", "relay not allowed", "not an open relay", "cannot relay", "unable to relay for", "not a gateway",
            "relay prohibited", "relaying prohibited", "is not permitted to relay", "configured to relay", "email address is not verified", "relay rejected",
            // MailEnable: "This mail server requires authentication when attempting to send to a non-local e-mail address".
            "to a non-local",
            // Zoho: "553 Relaying disallowed. Invalid Domain - example.net" (a domain it does not host; "invalid domain" is
            // the host-unknown rule's).
            "relaying disallowed", "relay disallowed",
            // MessageLabs: "you are trying to use me [host] as a relay, but I have not been configured to let you ... do this".
            "as a relay, but",
            // qmail-smtpd: the recipient's domain is not one it accepts mail for (its rcpthosts list), so it would have to relay.
            "allowed rcpthosts",
            // hMailServer, to a sender that did not log in and a domain it does not host: "550 Delivery is not allowed to this address."
            "delivery is not allowed to this address",
            // Haraka, when no plugin accepted the recipient (a domain it does not take mail for): "550 I cannot deliver mail for <addr>".
            "i cannot deliver mail for",
            // "Relaying not allowed" as German, French, Dutch, Spanish, Italian and Portuguese servers word it.
            "relaying nicht erlaubt", "relay nicht erlaubt", "relais interdit", "relais non autorisé", "relay niet toegestaan", "relaying niet toegestaan",
            "relay no permitido", "relay denegado", "relay non consentito", "relay non permesso", "relay não permitido",
        ], [], "7.1", ["open relay database"]),
        // Postfix's rate limit (postscreen, policy daemons): "450 4.7.1 Error: too much mail from 192.0.2.1", before the
        // full-mailbox rule's "too much mail" (Microsoft's "mailbox is getting too much mail right now").
        // Postfix's per-client rate ("450 4.7.1 Error: too many recipients from [192.0.2.1]"), before the per-message
        // recipient limit's "too many recipients".
        new(BounceReason.Speeding, ["too many recipients from", "too much mail from", "recipients this hour", "messages this hour", "received this hour", "too many messages from your", "in a short period", "per hour", "per day limit", "hourly limit", "daily limit",
            // NetEase (163.com, 126.com): "451 MI:SFQ" (the sender sent too many in a quarter of an hour), "550 RP:TRC"
            // (too many in a day); only their help page says so.
            "mi:sfq", "rp:trc",
            // Exim's ratelimit ACL as admins word its refusal ("451 4.7.1 Ratelimit exceeded for your IP address"), before
            // the block rule's "your ip".
            "ratelimit exceeded",
            // Postfix's anvil limit as Mailprotector words it: "421 4.4.2 Message submission rate for this client has exceeded
            // the configured limit" (the status's network subject aside).
            "submission rate for this client",
            // cPanel's Exim: "451 The server has reached its limit for processing requests from your host" (before the
            // block rule's "your host").
            "limit for processing requests"], [], "7.0"),
        new(BounceReason.TooManyConn,
        [
            // NetEase (163.com, 126.com): "421 HL:ICC" (too many connections from one IP at once), "450 MI:DMC" (too many
            // messages over one connection), "450 RP:DRC" (too many recipients over one connection).
            "hl:icc", "mi:dmc", "rp:drc",
            // Yahoo: "421 Max message per connection reached, closing transmission channel".
            "max message per connection",
            "too many recipients", "connection rate limit", "frequency limited", "too many connections", "too many concurrent", "connection limit", "too many sessions", "too many simultaneous", "too many smtp sessions", "many connections from your", "maximum number of connections", "concurrent connections", "concurrent server connections", "number of recipients", "per transaction",
            // "Too many connections" in German, French, Dutch, Spanish, Italian and Russian.
            "zu viele verbindungen", "trop de connexions", "te veel verbindingen", "teveel verbindingen", "demasiadas conexiones", "troppe connessioni",
            "слишком много соединений", "слишком много подключений",
        ], ["x.3.2", "x.5.3"], "3.2"),
        // Exim's pipe transport: "Child process of address_pipe transport returned 127 ...". A delivery program that says
        // the mailbox is over its quota ("procmail: Quota exceeded while writing ...") reports a full mailbox.
        new(BounceReason.MailerError, ["mailer error", "command died with status",
            // sendmail's restricted shell: "smrsh: queue not available for sendmail programs" (a program it may not run).
            "not available for sendmail programs",
            // OpenSMTPD's delivery agents, named in their errors: "mail.lmtp: connect: Connection refused" (Dovecot's LMTP
            // socket), "mail.local: /var/mail/user: Permission denied" (its own failures, not the replies of the LMTP server it
            // passes on, "mail.lmtp: 550 5.1.1 ...").
            "mail.lmtp: connect:", "mail.local: /", "command time limit exceeded", "program failed", "unknown mailer", "pipe to |", "exit code", "procmail", "x-unix", "mailer failed", "child process of",
            // Exim's delay reason for a pipe or file delivery ("pipe to |/usr/local/bin/x ... Delay reason: local delivery failed").
            "local delivery failed",
            // Dovecot's LDA that cannot start for a fault in the server's set-up ("lda(user): Fatal: Invalid user settings"),
            // before the unknown-user rule's "invalid user"; Postfix's local(8) that cannot write to the file an alias names
            // ("cannot append message to file /srv/x.mbox: cannot open file: Permission denied").
            "invalid user settings", "cannot append message to"], [], "3.0",
            ["quota exceeded", "over quota", "disk quota", "mailbox is full", "mailbox full"]),
        // Its exceptions are the message's size and the sender's own limits (Amazon SES's "Throttling failure: Daily message
        // quota exceeded" is its sending rate).
        new(BounceReason.MailboxFull,
        [
            "mailbox full", "mailbox is full", "mailbox size", "over quota", "overquota", "quota exceeded", "exceeded storage", "exceeded its storage", "exceeds the storage",
            "mailbox has exceeded", "mailbox exceeded", "disk quota", "quota exceed", "exceed the quota", "exceeds quota", "user is over", "is over quota", "mailfolder is full",
            "full mailbox", "account is full", "mailbox is over", "storage quota", "too much mail", "inbox is full", "out of storage", "mail quota", "quota limit", "mailbox over",
            "insufficient storage", "not enough storage", "user's mailbox is full", "recipient mailbox full", "postfach voll", "boîte pleine", "exceeded the quota",
            "quota", "mailbox not enough space", "mailbox is overfull", "mailbox exceeds",
            // web.de/GMX's bilingual refusal: "Benutzer hat das Speichervolumen ueberschritten. / User has exhausted allowed storage space."
            "allowed storage space", "exhausted allowed storage", "speichervolumen", "speicherplatz",
            // Domino in German: "Die Maildatei des Empfängers überschreitet ihr Kontingent".
            "kontingent",
            // Dutch: GroupWise's "(Postbus is vol)", and the same said of a mailbox or inbox.
            "postbus is vol", "postbus vol",
            // SmarterMail: "The domain size limit has been exceeded", the disk quota of the recipient's whole domain.
            "domain size limit",
            // IONOS: "552 Mailbox limit exeeded for this email address" (sic).
            "mailbox limit exceeded", "mailbox limit exeeded",
            // Dutch "quotum" (Domino's "het postbestand van de ontvanger heeft het quotum overschreden").
            "quotum overschreden", "quotum is overschreden",
            // Exchange's and Gmail's sentence for people in the sender's language: "the recipient's mailbox is full".
            "postvak van de ontvanger is vol", "postvak is vol", "postfach des empfängers ist voll", "postfach ist voll", "boîte aux lettres du destinataire est pleine",
            "boîte aux lettres est pleine", "buzón del destinatario está lleno", "buzón está lleno", "cassetta postale del destinatario è piena", "cassetta postale è piena",
            "caixa de correio do destinatário está cheia", "caixa de correio está cheia",
            // National providers' own short forms: "mailbox (is) full" in French (often without accents), Spanish, Italian,
            // Portuguese, Dutch, Russian, Japanese, Chinese and Korean.
            "boite aux lettres pleine", "boîte aux lettres pleine", "boite pleine", "destinataire pleine", "buzón lleno", "buzon lleno", "casella piena",
            "casella di posta piena", "è piena", "caixa postal cheia", "caixa cheia", "mailbox is vol", "mailbox vol", "ontvanger is vol", "ящик переполнен", "メールボックスがいっぱい",
            "容量オーバー", "邮箱已满", "邮箱空间不足", "메일함 용량", "메일함이 가득",
        ], ["x.2.2"], "2.2", ["message size", "too large", "too big", "rate limit", "sending quota", "relay quota", "throttl"]) { Decisive = ["x.2.2"] },
        new(BounceReason.MesgTooBig,
        [
            "message too big", "message too large", "message is too big", "message is too large", "message size exceeds", "size exceeds", "exceeds size", "size limit",
            "maximum message size", "message length exceeds", "message exceeds", "mail size", "too large", "message size", "exceeds the maximum size", "size of the message",
            "message file too big", "larger than", "exceeded the maximum",
            // "The message is too big" in German, French, Dutch, Spanish, Italian, Portuguese, Russian, Japanese, Chinese, Korean.
            "nachricht ist zu groß", "nachricht zu groß", "zu große nachricht", "trop volumineux", "bericht is te groot", "bericht te groot", "demasiado grande",
            "troppo grande", "muito grande",
            // Italian certified mail: "dimensione complessiva del messaggio superiore al limite massimo consentito".
            "dimensione del messaggio", "dimensione complessiva del messaggio", "размер письма превышает", "письмо слишком большое", "слишком большое письмо", "сообщение слишком большое", "サイズが大きすぎ", "サイズ超過", "邮件大小超过", "邮件过大", "邮件太大",
            "크기가 너무 큽", "크기 초과",
        ], ["x.3.4"], "3.4") { Decisive = ["x.3.4"] },
        new(BounceReason.ExceedLimit, ["exceeds limit", "limit exceeded", "exceeded the limit", "header size"], ["x.2.3"], "2.3", ["rate limit", "ratelimit", "sending rate", "message rate",
            // Postfix local(8)'s guard against aliases and :include: files that expand into each other: "recipient nesting
            // limit exceeded" (5.4.6), a loop.
            "nesting limit",
            // Exim's ratelimit ACL, as admins word it: "Sender rate 61.4 per 1h exceeds limit of 60".
            "sender rate"]) { Decisive = ["x.2.3"] },
        new(BounceReason.SystemFull, ["system full", "insufficient system storage", "out of disk", "no space left", "disk full", "file system full", "not enough disk", "insufficient disk", "mail system full", "system storage", "space shortage"], ["x.3.1"], "3.1"),
        new(BounceReason.HostUnknown,
        [
            "host unknown", "unknown host", "host not found", "domain not found", "no such domain", "domain does not exist", "unknown domain", "nxdomain", "host or domain name not found",
            // Domino: "The remote server is not a known TCP/IP host" (the name did not resolve).
            "not a known tcp/ip host",
            "name or service not known", "unrouteable address", "unroutable address", "domain name not found", "host lookup failed", "could not be resolved", 
            "non-existent domain", "nonexistent domain", "non-existent host", "nonexistent host", "domain is not", "unresolvable domain", "unrouteable mail domain", "no such host", "hostname not found",
            "dns lookup failed", "domain lookup failed", "unknown mail domain", "domain could not be found", "not a valid domain", "invalid domain", "no valid mx",
            "mx points to", "no mx or a record", "no a or mx record", "no mx/a record", "hostname could not be", "unable to route", "dns lookup failure",
            "couldn't find any host", "could not find any host", "bad destination system", "host or domain not found", "illegal host",
            // Purelymail's "error; NoMxHostFoundException: null" (no mail host for the domain at all).
            "nomxhostfoundexception",
            // Domino: "No route found to domain example.net from server MAIL01" (the domain is in neither its directory nor DNS).
            "no route found to domain",
            // The same in a German Notes: "Keine Route zur Domäne example.net von Server NOTES03".
            "keine route zur domäne",
            // Exchange 2003: "The destination server for this recipient could not be found in Domain Name Service (DNS)".
            "could not be found in domain name service",
            // cPanel's Exim says this when the recipient's domain cannot be routed (no usable MX or address record).
            "missing the proper dns",
            // hMailServer ("No mail servers appear to exists for the recipients address") and MailEnable ("the domain name
            // (...) does not appear to be registered").
            "no mail servers appear to exist", "does not appear to be registered",
            // "The domain was not found / does not exist" in the sender's language (Exchange, Gmail), before the user-unknown
            // rule's "is niet gevonden", "no existe".
            "domein is niet gevonden", "domein bestaat niet", "domain wurde nicht gefunden", "domäne wurde nicht gefunden", "domain existiert nicht", "domaine est introuvable",
            "domaine introuvable", "domaine n'existe pas", "encontrado el dominio", "encontró el dominio", "dominio no existe", "dominio non esiste", "dominio non è stato trovato",
            "domínio não existe", "domínio não foi encontrado", "encontrar o domínio",
            // National providers' "unknown / nonexistent domain", before the user-unknown rule's "inexistant", "desconocido",
            // "не существует", "不存在", "존재하지 않는".
            "domaine inexistant", "dominio desconocido", "dominio inexistente", "dominio inesistente", "dominio sconosciuto", "domínio inexistente",
            "domínio desconhecido", "onbekend domein", "домен не найден", "домен не существует", "ドメインが見つかりません", "ドメインが存在しません", "域名不存在",
            "존재하지 않는 도메인", "도메인을 찾을 수 없",
        ], ["x.1.2"], "1.2", ["sender domain", "sending domain", "from domain", "return path", "return-path", "reverse", "sender address", "your domain", "helo command rejected",
            // Exim's failed sender callout: "Verification failed for <sender> / Unrouteable address / Sender verify failed".
            "sender verify",
            // A lookup that got no answer (SmarterMail: "DNS lookup failed for example.com (server failure, no answer from
            // the name servers)"): the name servers failed, nothing says the domain does not exist.
            "server failure", "servfail", "no answer from the name server",
            // A gateway's directory check that cannot tell which of the two is unknown (Hornetsecurity: "554 5.7.1 unknown
            // domain or unknown recipient (LDAP check)"): its mail reaches the gateway, so the domain is served there.
            "or unknown recipient", "or unknown user"])
        {
            Decisive = ["x.1.2"],
            // Stalwart answers an unknown mailbox and a refused relay with 5.1.2 too ("550 5.1.2 Mailbox does not exist.",
            // "550 5.1.2 Relay not allowed."): its words name what is wrong, not the domain.
            DecisiveUnless = ["mailbox does not exist", "relay not allowed",
                // Haraka's outbound answer to a null MX (RFC 7505) with 5.1.2: "Domain example.com sends and receives no
                // email (NULL MX)". The domain exists and says it takes no mail.
                "null mx"],
        },
        new(BounceReason.UserUnknown,
        [
            "user unknown", "unknown user", "no such user", "no such mailbox", "no such recipient", "no such account", "no such person", "recipient unknown", "unknown recipient",
            "address unknown", "unknown address", "addressee unknown", "invalid recipient", "recipient not found", "user not found", "mailbox not found", "mailbox unavailable",
            "mailbox does not exist", "account does not exist", "does not exist", "doesn't exist", "not exist", "unknown local part", "unknown local-part", "invalid mailbox",
            "not a valid mailbox", "no mailbox", "bad destination mailbox", "unknown or illegal user", "unknown or illegal alias", "unknown mailbox", "is not a known user", "user invalid", "invalid user",
            "recipnotfound", "recipientnotfound", "recipient address rejected: access denied", "rejected: recipient access denied", "not listed in public name", "wordt niet vermeld in",
            // An Exim :fail: alias's text for an address that was taken away ("This address has been removed.").
            "address has been removed", "address has been deleted",
            // A sending service that skips an address because mail to it bounced before (Mailgun's "605 Not delivering to
            // previously bounced address"), as Amazon SES's suppression list is read: the address failed for good.
            "previously bounced address", "previously hard bounced", "previously hard-bounced", "mailbox has been removed", "mailbox has been deleted", "delivery userid", "見つかりません", "ディレクトリのリストにありません", "no such address", "unknown account", "nosuchuser", "user doesn't exist", "no such local user",
            "not our customer", "address invalid", "mailbox unknown", "recipient is not", "not a valid recipient", "no user by that name",
            "this user doesn't have", "no longer exists", "no longer accepts mail", "mailbox is no longer in use", "address is no longer in use",
            // OpenSMTPD, for a local account its user table does not hold: "Permanent failure in user lookup" (with 5.1.6).
            "permanent failure in user lookup", "no account by that name", "couldn't find", "could not find the recipient", "unknown email address",
            "not listed in domino directory", "account is unavailable", "dosn't exist", "no valid recipient", "invalid-recipient",
            "sorry, no mailbox", "user doesn't have", "unbekannt", "inconnu", "address does not", "bad recipient", "mailbox is unavailable", "rejected: user",
            "unknown in local recipient table", "unknown in virtual", "unknown in relay recipient table", "unknown in", "user not exist", "couldn't be found", "could not be found", "no recipient", "recipient address is invalid",
            "not listed in public name & address book", "invalid final delivery userid", "check if address is correct", "ディレクトリのリストにありません",
            // Domino in German: "Benutzer ... ist nicht im Domino-Verzeichnis aufgeführt".
            "nicht im domino-verzeichnis",
            // Japanese: "the (mail) address does not exist", "the user does not exist".
            "アドレスは存在しません", "ユーザは存在しません", "ユーザーは存在しません",
            // Exchange's and Gmail's sentence for people in the sender's language: "the address was not found / does not exist".
            "is niet gevonden", "bestaat niet", "onbekende ontvanger", "konnte nicht gefunden werden", "wurde nicht gefunden", "existiert nicht", "est introuvable",
            "n'existe pas", "no se encontró la dirección", "no se ha encontrado la dirección", "no existe", "non è stato trovato", "non esiste", "não foi encontrado", "não existe",
            // National providers' "unknown / nonexistent user": French, Spanish, Portuguese, Italian, Dutch, Russian, Japanese,
            // Chinese, Korean (the sender's words in the exceptions keep an unknown sender out). "Unknown" only with a user,
            // recipient or address: "error desconocido", "errore sconosciuto", "onbekende fout" are unknown errors.
            "inexistant", "inexistente", "inesistente", "usuario desconocido", "destinatario desconocido", "dirección desconocida", "usuário desconhecido",
            "destinatário desconhecido", "endereço desconhecido", "utente sconosciuto", "destinatario sconosciuto", "indirizzo sconosciuto",
            "onbekende gebruiker", "gebruiker onbekend", "ontvanger onbekend", "adres is onbekend", "gebruiker niet gevonden", "ontvanger niet gevonden", "onbekend e-mailadres", "onbekend adres", "пользователь не найден",
            "нет такого пользователя", "такого ящика нет", "не существует", "ユーザが存在しません", "ユーザーが存在しません", "用户不存在", "收件人不存在", "邮箱不存在",
            "帐户不存在", "账户不存在", "帐号不存在", "账号不存在", "존재하지 않는",
            // Swedish, Norwegian, Danish, Finnish and Polish: "the mailbox / user / address / recipient does not exist",
            // "unknown recipient" (only with the mailbox's own words: "domänen finns inte" is a domain's).
            "brevlådan finns inte", "postlådan finns inte", "användaren finns inte", "mottagaren finns inte", "adressen finns inte", "kontot finns inte",
            "okänd mottagare", "okänd användare", "postkassen finnes ikke", "brukeren finnes ikke", "mottakeren finnes ikke", "adressen finnes ikke",
            "ukjent mottaker", "postkassen findes ikke", "brugeren findes ikke", "modtageren findes ikke", "adressen findes ikke", "ukendt modtager",
            "tuntematon vastaanottaja", "tuntematon käyttäjä", "käyttäjää ei ole olemassa", "osoitetta ei ole olemassa", "postilaatikkoa ei ole olemassa",
            "skrzynka nie istnieje", "użytkownik nie istnieje", "adres nie istnieje", "konto nie istnieje", "odbiorca nie istnieje", "nieznany odbiorca", "nieznany użytkownik",
        ], ["x.1.1", "x.1.3", "x.1.0"], "1.1", ["sender", "afzender", "absender", "expéditeur", "remitente", "mittente", "remetente", "отправител", "发件人", "送信者", "sending domain", "from domain", "return path", "host not found", "domain not found", "mail from", "your address", "your domain", "your ip", "relay", "reverse", "sender address", "ptr",
            // A mailbox the reply calls invalid but then says is disabled exists: Mail.ru's "invalid mailbox. Local mailbox
            // ... is unavailable: account is disabled" is the suspend rule's.
            "account is disabled", "account has been disabled", "mailbox is disabled", "mailbox has been disabled",
            // (Postfix's "Recipient address rejected: User disabled", addy.io's for an alias its owner switched off: the
            // "rejected: user" above is the rejection's words, the user exists.)
            "user disabled", "user is disabled", "user has been disabled",
            // Domino's "File does not exist": the person is in the directory, the mail file behind it is missing.
            "file does not exist"]),
        new(BounceReason.Suspend,
        [
            "suspended", "disabled", "inactive", "deactivated", "account expired", "not active", "account is locked", "account has been locked", "locked account", "frozen",
            "is not accepting mail", "mailbox is disabled", "temporarily disabled", "no longer active", "account closed", "has been closed", "not activated", "mailbox inactive",
            "due to inactivity", "expired account", "account is expired", "account has expired", "mailbox is expired", "mailbox has expired", "currently unavailable", "unavailable for delivery", "account disabled", "account is disabled",
            // Orange: "Le compte du destinataire est bloque. The recipient account isblocked." (before the blocked rule)
            "recipient account is blocked", "recipient account isblocked", "compte du destinataire est bloqu",
            // "Disabled / suspended / locked mailbox or account" in German, French, Dutch, Spanish, Italian, Portuguese, Russian,
            // Japanese, Chinese ("frozen") and Korean ("dormant account").
            "postfach ist gesperrt", "postfach gesperrt", "konto ist gesperrt", "konto gesperrt", "deaktiviert", "désactivé", "compte suspendu", "gedeactiveerd",
            "suspendida", "deshabilitada", "desactivada", "disattivat", "account sospeso", "desativad", "conta suspensa", "ящик заблокирован", "ящик отключен",
            "利用停止", "冻结", "휴면",
            // Stalwart: an account without the permission to receive ("This account is not authorized to receive email.").
            "account is not authorized to receive",
            // La Poste: "550 5.1.1 Boite du destinataire archivee. Archived recipient." (a mailbox closed for inactivity).
            "archived recipient", "destinataire archiv",
            // Yandex: "550 5.7.1 Policy rejection on the target address", which its help pages explain as a recipient's
            // account blocked for breaking the user agreement (before the policy rule's "policy").
            "policy rejection on the target address", "policy rejection on target address",
            // SimpleLogin's "550 SL E517 unverified mailbox": the alias exists, the mailbox it forwards to is not yet confirmed.
            "unverified mailbox",
        ], ["x.2.1", "x.7.13"], "2.1", ["delivery temporarily suspended", "service currently unavailable", "service is currently unavailable"]) { Decisive = ["x.7.13"] },
        // The recipient's own choice to refuse this sender is the recipient's filter, not a refusal of the sender by the server.
        new(BounceReason.Filtered,
        [
            // Interia: "550 5.7.1 Recipient doesn't want your mail", the recipient's own block of the sender.
            "doesn't want your mail", "does not want your mail",
            // A sending service that skips a contact who unsubscribed from this sender: the recipient's own choice.
            "unsubscribed from this sender", "unsubscribed from your",
            // The recipient speaking of themselves in a Sieve reject ("Sorry, I do not accept mail from this sender.").
            "i do not accept mail from", "i don't accept mail from", "i do not accept email from", "i don't accept email from",
            // Facebook's RCP-P2: "Attempted recipient's preferences prevent messages from being delivered."
            "recipient's preferences", "recipients preferences",
            "recipient has chosen", "recipient has blocked", "recipient's block list", "recipient's blocked senders", "only accepting mail from",
            "only accepts mail from", "only accepts messages from", "only accept messages from", "only accepts email from",
            // A list that takes posts from its members only ("Non-member submission refused: this list only accepts posts
            // from its members"): the list's own choice of senders.
            "only accepts posts from", "non-member submission", "from senders inside", "from internal senders",
            "recipient's filter", "blocked by the user", "recipient does not accept mail from", "mail from outside senders", "mail from external senders",
            // A Sieve "reject" of the recipient's (RFC 5429; Dovecot Pigeonhole's "Your message to <...> was automatically
            // rejected: ..."), whatever reason the recipient wrote after the colon. With the colon: a filter of the server
            // that says "was automatically rejected as spam" is not the recipient's.
            "was automatically rejected:",
            // Japanese mobile carriers: the recipient's own "reception refusal" setting (受信拒否); Naver's and Daum's Korean
            // notices: "the recipient has blocked (수신차단) / refused (수신거부) your mail".
            "受信拒否", "수신차단", "수신 차단", "수신거부", "수신 거부",
        ], [], "2.0"),
        new(BounceReason.Rejected,
        [
            "sender rejected", "sender address rejected", "sender verify", "sender denied", "rejected sender", "invalid sender", "sender domain", "bad sender",
            "sender unknown", "unknown sender", "sender was rejected", "domain of sender", "sending domain", "from domain", "sender is not allowed", "envelope sender", "your address", "sender address",
            "sender not", "from address", "address of sender", "return path", "sender verification", "not accepting mail from", "your domain",
            // NetEase (163.com, 126.com): "550 MI:IMF", the sender's address is not well formed.
            "mi:imf",
            "address that has been blacklisted", "not a member of",
            // A list that takes posts from its members only: ezmlm's "only subscribers may post", Mailman's moderator and
            // Mailman 3's "The message is not from a list member".
            "only subscribers may", "rejected by the list moderator", "rejected by the moderator", "not from a list member", "address has been blacklisted", "address is blacklisted", "from: domain is", "valid from:",
            // "Sender refused / unknown / invalid" in German, French, Spanish, Italian and Portuguese.
            "absender abgelehnt", "absender unbekannt", "ungültiger absender", "expéditeur refusé", "expéditeur inconnu", "expéditeur invalide",
            "remitente rechazado", "remitente desconocido", "remitente no válido", "mittente rifiutato", "mittente sconosciuto", "mittente non valido",
            "remetente rejeitado", "remetente desconhecido", "remetente inválido",
            // Russian, Chinese and Japanese: "the sender (address) is not found / does not exist / was refused".
            "отправитель не", "отправителя не", "发件人不存在", "发件人被拒", "送信者のアドレス", "送信者アドレス",
        ], ["x.1.7", "x.1.8", "x.7.1"], "7.1", ["is listed", "listed at", "listed in", "listed on", "listed by", "reputation", "dnsbl", "spamhaus", "spamcop", "blocklist", "block list",
            // A block list in the national providers' languages (the blocked rule's).
            "sperrliste", "schwarze liste", "schwarzen liste", "liste noire", "zwarte lijst", "lista negra", "lista nera", "черном списке", "чёрном списке", "черный список", "黑名单",
            // Google's "Please contact your domain administrator" is advice, not a refusal of the sender's domain.
            "your domain administrator",
            // AT&T's refusal of the sending IP ("550 unauthorized interface for <192.0.2.1>") in qmail's "Connected to ...
            // but sender was rejected".
            "unauthorized interface",
            // A content filter's verdict that names the refusal ("Message rejected as spam by content filter ... ask the
            // recipient to allowlist your address"): spam, not the sender's address.
            "rejected as spam"])
        {
            // RFC 3463: a bad sender's mailbox address (x.1.7) or sender's system (x.1.8) is about the sender whatever the words.
            Decisive = ["x.1.7", "x.1.8"],
        },
        // Not a block list named for reputation ("blocked using Trend Micro Email Reputation database"): a listing.
        new(BounceReason.BadReputation, ["reputation", "sender score", "poor sending history", "user complaints", "spam complaints"], [], "7.1", ["blocked using"]),
        // Not when a content filter judged the message (SpamAssassin, rspamd's default "Spam message rejected"), whatever
        // else the reply names (Mail.ru adds its abuse@ address).
        new(BounceReason.Blocked,
        [
            "blacklist", "blocklist", "block list", "black list", "blocked", "spamhaus", "spamcop", "dnsbl", "rbl", "listed in", "listed at", "listed on", "sorbs", "barracuda",
            "client host rejected", "your ip", "banned", "not allowed to send", "allowed to connect", "connection refused by", "connection refused from", "cloudmark", "connection rejected", "access denied",
            // Cisco Secure Email's host access table: "550 #5.7.1 Your access to submit messages to this e-mail system has been rejected."
            "your access to submit messages",
            // Not a bare "IP address": Exchange writes "Primary target IP address responded with" before any remote reply.
            "ip address is", "ip address has", "ip address was", "from ip address", "sending ip address", "refused by",
            // T-Online's refusal of the sending IP without its code in brackets: "554 IP=192.0.2.1 - A problem occurred.
            // (Ask your postmaster for help or to contact tosa@rx.t-online.de to clarify.)"
            "ask your postmaster for help or to contact",
            // NetEase (163.com, 126.com): "421 HL:REP" (the IP is held back for sending to many unknown addresses), "HL:MEP"
            // (for forging sender domains), "554 HL:IHU" (suspended for spam), "554 HL:IPB" (not on its list of allowed
            // IPs), "450 DT:RBL" (on a block list).
            "hl:rep", "hl:mep", "hl:ihu", "hl:ipb", "dt:rbl",
            // Sohu: "553 5.7.0 IP REJECT: 192.0.2.1:...", the sending IP refused.
            "ip reject",
            // AT&T's older servers: "550 unauthorized interface for <192.0.2.1>", the sending IP may not connect.
            "unauthorized interface",
            "denylist", "deny list", "has been denied", "rejected due to", "abuse", "not accepted from", "service unavailable, client host", "unacceptable", "poor reputation",
            "too many invalid", "invalid ip", "helo is not", "ehlo is not", "invalid helo", "invalid ehlo", "bad helo", "listed by", "the ip you're using", "the ip you are using", "ip not in whitelist", "ip not in allowlist", "ip not in the allowlist", "weren't sent", "your host", "dynamic ip", "dial-up", "dialup", "transient ip", "dynamic", "residential", "not welcome", "refused to talk", "rejected your ip", "an open relay", "helo command rejected", "ehlo command rejected", "not accepting connections", "greylist", "graylist",
            // greylistd's "is not yet authorized to deliver mail from <a> to <b>. Please try later.", without the word.
            "not yet authorized to deliver",
            // rspamd's greylisting reply, as Postfix passes it from the milter ("451 4.7.1 Try again later"), also without the word.
            "4.7.1 try again later",
            "service refuse", "smtp server of your isp", "use your isp's",
            // "Block list / black list" in German, French, Dutch, Spanish, Italian, Portuguese, Russian and Chinese.
            "sperrliste", "schwarze liste", "schwarzen liste", "liste noire", "zwarte lijst", "lista negra", "lista nera", "черном списке", "чёрном списке", "черный список", "黑名单",
        ], [], "7.1", ["spam content", "content rejected", "unacceptable content", "identified as spam", "classified as spam", "detected as spam", "likely unsolicited", "likely spam", "attachment", "spamassassin", "spam message rejected",
            // GoDaddy: "552 5.2.0 This message has been rejected due to content judged to be spam ... IB212".
            "judged to be spam", "judged as spam", "by aisp",
            // Strato: "550 5.7.1 Refused by local policy. No SPAM please!" after the message's content.
            "no spam please",
            // A URI block list (SURBL, URIBL, SpamExperts' "A URL in this email (host) is listed on ...") lists a link in
            // the message, not the sending server: the content was judged.
            "a url in", "contains a url", "url listed", "uri listed", "listed url", "uribl", "surbl"]),
        new(BounceReason.SpamDetected,
        [
            "spam", "junk", "unsolicited", "bulk mail", "bulk e-mail", "classified as", "looks like", "identified as", "scored", "spamassassin", "content rejected", "content denied",
            "message rejected due to content", "message content rejected", "suspicious", "phishing", "high probability",
            // NetEase (163.com, 126.com): "554 DT:SPM" is its spam verdict; the word "spam" is only in its help link.
            "dt:spm",
            // Alibaba Mail (Aliyun, mxhichina): "553 Mail data refused by AISP, rule [...]", its anti-spam engine's verdict
            // on the content (the blocked rule yields to it).
            "by aisp",
            // rspamd's "554 5.7.1 Gtube pattern": the message holds GTUBE, the standard test text that filters take for spam.
            "gtube",
            // A link of the message on a URI block list (the blocked rule leaves these to this one).
            "a url in", "contains a url", "url listed", "uri listed", "listed url", "uribl", "surbl",
            // "Spam" where it is not written in Latin letters: Russian, Japanese ("nuisance mail"), Chinese ("junk mail"), Korean.
            "спам", "迷惑メール", "垃圾邮件", "스팸",
        ], [], "7.1"),
        new(BounceReason.Filtered, ["filtered", "filter", "refused to accept", "user refuses", "recipient refuses", "not authorized", "does not accept", "not permitted", "not allowed to receive", "rejected by recipient"], ["x.2.0"], "2.0"),
        // Before the policy rule: a refusal of a message that breaks the standards is often worded as "not allowed" (Yahoo's
        // "Message not allowed - Headers are not RFC compliant"). Lines over RFC 5322's length limit and bare line feeds
        // (RFC 5321) are such a message too (Exim's "message has lines too long for transport", Postfix's "bare <LF>
        // received", Exchange's "bare linefeeds").
        new(BounceReason.NotCompliantRfc, ["missing a valid address in from", "no from: header", "rfc 5322", "rfc5322", "rfc 2822", "rfc2822", "rfc 822", "rfc822 compliant", "not rfc", "duplicate header", "malformed header", "invalid header", "multiple addresses", "bare lf", "bare newline", "bare <lf>", "bare linefeed", "lines too long",
            // docomo: "500 Line Too Long" (a line over RFC 5322's limit of 998 characters).
            "line too long",
            // Header fields in raw 8-bit text without SMTPUTF8 (Cyrus lmtpd's "Message contains non-ASCII characters in headers").
            "non-ascii characters in header", "non-ascii character in header", "8-bit characters in header", "8bit characters in header"], [], "6.0"),
        // German servers' "Richtlinie(n)" is their policy.
        new(BounceReason.PolicyViolation, ["policy", "richtlinie", "administrative prohibition", "unacceptable content", "prohibited", "violat", "not allowed", "forbidden", "restricted", "message rejected by",
            // "Not allowed" in German: an organisation's own rule in its own words ("Mandantenakten dürfen nicht an private
            // E-Mail-Adressen gesendet werden").
            "nicht erlaubt", "nicht gestattet", "nicht zulässig", "verboten", "dürfen nicht", "darf nicht"], ["x.7.2", "x.7.3", "x.7.7"], "7.0"),
        new(BounceReason.SyntaxError, ["syntax error", "command unrecognized", "unrecognized command", "bad command", "command not recognized", "command not implemented", "bad sequence", "improper sequence", "unknown command",
            // RFC 5321's 504: "Command parameter not implemented".
            "parameter not implemented"], ["x.5.0", "x.5.1", "x.5.2", "x.5.4"], "5.2"),
        new(BounceReason.Speeding, ["rate limit", "sender rate", "too many messages", "too fast", "too quickly", "rate exceeded", "throttl", "sending rate", "ratelimit", "rate of", "exceeded the rate", "rate exceeds", "sending quota", "sending limit", "receiving mail at a rate", "mail at a rate that",
            // RFC 3463's x.7.28 wording, which Sophos Email sends for an outbound rate limit ("554 5.7.28 Mail flood detected;").
            "mail flood",
            // Hosting panels' outgoing limits: Plesk's "The limit on the number of allowed outgoing messages was exceeded",
            // DirectAdmin's "You have reached your message limit", cPanel's "has exceeded the max emails per hour".
            "allowed outgoing messages", "reached your message limit", "max emails per hour"], ["x.7.28"], "7.0"),
        new(BounceReason.Expired,
        [
            "retry timeout exceeded", "delivery time expired", "could not be delivered within", "message expired", "timeout exceeded", "retry time", "not been delivered for",
            "too long in the queue", "undeliverable for", "giving up.", "giving up,", "giving up after", "expired", "has been delayed", "delivery delayed", "was not delivered within", "has not been delivered",
            "timed out in queue", "retry limit", "maximum time", "queue time", "in queue for too long", "in the queue for too long", "connection timed out", "still undelivered", "will keep trying", "continue trying",
            "timed out", "did not accept our requests to connect", "aborted after", "will be retried", "after retrying for", "queue too long", "multiple retries", "failing for a long time", "host not reachable",
            // XMail, when its queue gives up: "The maximum number of delivery attempts has been reached"; MDaemon's
            // "Message has been in the retry queue for 4 days - maximum lifetime reached".
            "maximum number of delivery attempts", "maximum lifetime reached",
        ], ["x.4.7"], "4.7") { Decisive = ["x.4.7"] },
        // A count of failed tries with no other cause named: IMail's "Delivery failed 3 attempts".
        new(BounceReason.Expired, [.. Enumerable.Range(1, 30).Select(n => $"failed {n} attempt")], [], "4.7"),
        new(BounceReason.NetworkError,
        [
            "connection timed out", "connection refused", "network is unreachable", "no route to host", "connection reset", "lost connection", "timed out", "could not connect",
            "unable to connect", "connection closed", "closed connection", "not reachable", "mail loop", "loop detected", "too many hops", "routing loop", "loops back", "hop count", "unreachable",
            // Exchange 2003's loop (#5.4.6): "caused the message to bounce between two servers", after "A configuration error".
            "bounce between two servers", "nesting limit",
            "conversation with", "broken pipe", "connection dropped", "socketerror", "socket error",
            // Windows' socket errors and hMailServer's "Connection to recipients server failed."
            "failed to connect", "winsock error", "no connection could be made", "actively refused", "connection to recipients server failed",
            // Exim's router defer: "host lookup did not complete" (the DNS gave no answer for now).
            "lookup did not complete", "dns error", "dns failure", "dns temporary", "lookup failed temporarily", "name service error", "dns query failed", "timeout", "network error",
        ], ["x.4.0", "x.4.1", "x.4.2", "x.4.6", "x.4.4", "x.4.3"], "4.0") { FittingByWording = NetworkFitting },
        // "MIME" as a word, not inside a name: Mimecast's replies end with a link to community.mimecast.com.
        new(BounceReason.ContentError, ["content", "attachment", "mime ", "mime-", "mime:", "mime,", "mime.", "mime)", "mime/", "encoding", "character set", "charset", "8bit", "8-bit", "message body"], ["x.6.0", "x.6.1", "x.6.2", "x.6.3", "x.6.4", "x.6.5", "x.6.6", "x.6.9"], "6.0"),
        // The server's own failure, even when it is worded as a refusal of the recipient.
        new(BounceReason.SystemError,
        [
            "internal system error", "internal server error", "internal error", "local error in processing",
            // Postfix's "451 4.3.0 <addr>: Temporary lookup failure": one of its lookup tables (LDAP, SQL) did not answer.
            "temporary lookup failure", "qq temporary problem",
            // Postfix's local(8) that cannot lock or write the mailbox file: "cannot update mailbox /var/mail/x for user
            // x. unable to create lock file /var/mail/x.lock: Permission denied" (the server's files, not a filter).
            "cannot update mailbox", "unable to create lock file", "unable to lock",
            // Domino: the recipient's mail database (its .nsf file) is missing on the server.
            "file does not exist",
            // A file the server needs is missing (sendmail's ":include:/etc/mail/lists/x... Cannot open ...: No such file or
            // directory"): after the delivery-program rule, whose failed programs say the same.
            "no such file or directory",
            // "Internal / local error" in German, French, Spanish, Italian, Portuguese and Russian.
            "interner fehler", "lokaler fehler", "erreur interne", "erreur locale", "error interno", "errore interno", "erro interno", "внутренняя ошибка",
        ], [], "3.0"),
        // Vague wording that names no mailbox: it does not overrule a status about the mail system, the network, the
        // content or security ("451 4.4.0 Route not found").
        new(BounceReason.UserUnknown, ["recipient address rejected", "invalid address", "address rejected", "recipient rejected", "not found", "is not a valid"], [], "1.1",
            ["sender", "mail from", "relay", "policy", "spam", "blocked", "authoriz", "helo", "ehlo"]) { NotWithSubjects = [3, 4, 5, 6, 7] },
        new(BounceReason.SystemError,
        [
            "system error", "internal error", "server error", "local error", "i/o error", "configuration error", "misconfigured", "resources temporarily", "temporary failure", "service failure",
            "service unavailable", "try again later", "temporarily", "server busy", "system is not", "out of memory", "insufficient resources", "unexpected",
        ], ["x.3.0", "x.3.5", "x.0.0", "x.4.5", "x.3.3"], "3.0"),
    ];

    /// <summary>The rules of <see cref="All"/>, searched for in one pass over a text.</summary>
    public static RuleList Wording { get; } = new(All);

    /// <summary>
    /// Causes a "gave up after retrying" notice may name for its last attempt, tried in order. Timeouts are not
    /// among them: a queue that expires after timeouts is reported as expired.
    /// </summary>
    public static IReadOnlyList<ReasonRule> ExpiryCauses { get; } =
    [
        new(BounceReason.NetworkError,
        [
            "host name lookup failure", "lookup did not complete", "name server", "dns query failed", "dns lookup", "lookup dns", "name service error", "host not found",
            "no route to host", "network is unreachable", "mail loop", "loop detected", "too many hops", "cname lookup failed",
            // qmail: "Connected to 192.0.2.1 but connection died. (#4.4.2)", a connection dropped by the other side.
            "connection died", "connection dropped", "failure in mx lookup", "dns temporary failure",
            // sendmail: "451 4.4.1 reply: read error from mx.example.org.", a connection the other side reset.
            "reply: read error", "connection reset",
            // Windows' "connection refused" socket error: Exchange's "Failed to connect. Winsock error code: 10061",
            // hMailServer's "No connection could be made because the target machine actively refused it" (nothing
            // listened on the port; no refusal of the sender). 10060, a timeout, stays expired.
            "error code: 10061", "error code 10061", "no connection could be made", "actively refused",
            // MDaemon: "Socket connection failed: Connection refused (Winsock error 10061)".
            "winsock error 10061",
        ], [], "4.0"),
        // The last attempt refused for want of a reverse DNS name ("450 4.7.1 Client host rejected: cannot find your reverse hostname").
        new(BounceReason.RequirePtr, ["reverse hostname", "reverse dns", "ptr record", "cannot find your hostname"], [], "7.25"),
        new(BounceReason.Blocked, ["connection refused by", "refused to talk", "blacklist", "blocklist", "blocked"], [], "7.1"),
        // A mailbox that stayed full until the queue gave up ("452 4.2.2 ... Mailbox full" as the last attempt's reply).
        new(BounceReason.MailboxFull, ["mailbox full", "mailbox is full", "over quota", "quota exceeded", "exceeded storage allocation", "out of storage space", "inbox is full", "mailbox quota"], [], "2.2"),
        // The receiving system's storage, not a mailbox's: "452 4.3.1 Insufficient system storage" until the queue gave up.
        new(BounceReason.SystemFull, ["insufficient system storage", "insufficient system resources", "disk full", "out of disk space"], [], "3.1"),
        new(BounceReason.SystemError, ["ldap server", "directory server", "internal error", "system error", "local error", "configuration error", "temporary lookup failure",
            // qmail-local: "Unable to chdir to maildir", a mailbox the server cannot open; its "Uh-oh: .qmail has prog
            // delivery but has x bit set", a delivery instruction set up wrong; qmail-queue's "qq temporary problem".
            "unable to chdir", "uh-oh:", "qq temporary problem",
            // vpopmail's vdelivermail: "deferred, database down" (its user database did not answer).
            "database down",
            // A remote server's own passing fault as the last attempt's answer: "451 4.3.0 Temporary local problem".
            "local problem",
            // Postfix's "451 4.3.5 <addr>: Recipient address rejected: Server configuration problem" as the last answer.
            "configuration problem"], [], "3.0"),
        new(BounceReason.SecurityError, ["tls handshake", "handshake fail", "tls session is required", "did not offer tls", "ssl_connect", "cannot start tls",
            "no tls achieved", "tls connect failed",
            // Postfix's login to its relay that kept failing: "SASL authentication failed; cannot authenticate to server
            // ...: no mechanism available", its report's "Diagnostic-Code: SASL; no mechanism available".
            "sasl authentication failed", "cannot authenticate to server", "no mechanism available"], [], "7.0"),
        // A connection limit until the queue gave up: "421 4.7.0 ... too many connections" as the last attempt's answer.
        new(BounceReason.TooManyConn, ["too many connections", "too many concurrent", "max message per connection", "maximum number of connections"], [], "7.0"),
    ];

    /// <summary>
    /// Wording that puts a block on the sending host or a block list rather than on an address: with it, a refusal that
    /// echoes the sender's address is still a block of the host.
    /// </summary>
    public static ReasonRule SendingHostEvidence { get; } = new(BounceReason.Blocked,
    [
        "listed", "dnsbl", "rbl", "spamhaus", "spamcop", "blacklist", "blocklist", "block list", "your ip", "ip address", "client host",
        "reputation", "open relay", "sending ip", "banned", "helo", "ehlo", "hostname",
    ], [], "7.1");

    /// <summary>
    /// The vague "user unknown" some receiving servers give when a per-recipient filter refuses the message after DATA;
    /// plainer wording ("invalid recipient", "does not exist") still means the mailbox is missing.
    /// </summary>
    public static ReasonRule FilterCover { get; } = new(BounceReason.Filtered, ["user unknown", "unknown user", "no such user"], [], "2.0");

    /// <summary>The cause an expiry notice names for its last attempt, or null when it names none (or only a timeout).</summary>
    public static BounceReason? CauseOfExpiry(string text)
    {
        if (string.IsNullOrEmpty(text)) return null;
        foreach (var rule in ExpiryCauses)
        {
            if (rule.MatchesText(text)) return rule.Reason;
        }
        return null;
    }

    private static readonly Dictionary<BounceReason, ReasonRule> ByReason = All.GroupBy(r => r.Reason).ToDictionary(g => g.Key, g => g.First());

    /// <summary>The rule of a reason, or null for reasons without one (delivered, feedback, vacation, undefined, onhold).</summary>
    public static ReasonRule? For(BounceReason reason) => ByReason.GetValueOrDefault(reason);
}
