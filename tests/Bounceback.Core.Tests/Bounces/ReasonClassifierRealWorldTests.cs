using Bounceback.Core.Bounces.Reasons;
using Bounceback.Core.Codes;
using static Bounceback.Core.Tests.Bounces.ReasonCases;

namespace Bounceback.Core.Tests.Bounces;

/// <summary>
/// Real-world wording: reply and diagnostic lines as the common mail servers, providers and gateways send them (their
/// documented replies and widely published error texts, written from those), each with the reason the vocabulary
/// (reference/reasons.tsv) gives it. Addresses, hosts, IPs and ids are invented (example.*, *.test, documentation IPs).
/// </summary>
public class ReasonClassifierRealWorldTests
{
    [Theory]
    // ---- userunknown: the mailbox does not exist
    // Postfix (virtual and local delivery, recipient verification)
    [InlineData("550 5.1.1 <ann@example.com>: Recipient address rejected: User unknown in virtual mailbox table", "5.1.1", BounceReason.UserUnknown)]
    [InlineData("unknown user: \"ann\"", "5.1.1", BounceReason.UserUnknown)]
    [InlineData("550 5.1.1 <ann@example.com>: Recipient address rejected: undeliverable address: host mx.example.com[192.0.2.25] said: 550 5.1.1 <ann@example.com>: Recipient address rejected: User unknown in local recipient table", "5.1.1", BounceReason.UserUnknown)]
    // Exim (cPanel), qmail, OpenSMTPD, Dovecot LMTP
    [InlineData("SMTP error from remote mail server after RCPT TO:<ann@example.com>: 550 No Such User Here", null, BounceReason.UserUnknown)]
    [InlineData("Sorry, no mailbox here by that name. (#5.1.1)", "5.1.1", BounceReason.UserUnknown)]
    [InlineData("550 Invalid recipient: <ann@example.com>", null, BounceReason.UserUnknown)]
    [InlineData("550 5.1.1 <ann@example.com> User doesn't exist: ann@example.com", "5.1.1", BounceReason.UserUnknown)]
    // Exchange / Microsoft 365, Outlook.com user-facing text
    [InlineData("550 5.1.1 RESOLVER.ADR.ExRecipNotFound; not found", "5.1.1", BounceReason.UserUnknown)]
    [InlineData("The email address you entered couldn't be found. Please check the recipient's email address and try to send the message again.", "5.1.1", BounceReason.UserUnknown)]
    // Gmail's user-facing summary
    [InlineData("Address not found: Your message wasn't delivered to ann@example.com because the address couldn't be found, or is unable to receive mail.", null, BounceReason.UserUnknown)]
    // Yahoo / AOL, Mail.ru, Yandex, Orange, Cisco IronPort (LDAP accept), Barracuda, Kerio
    [InlineData("552 1 Requested mail action aborted, mailbox not found", null, BounceReason.UserUnknown)]
    [InlineData("550 Message was not accepted -- invalid mailbox. Local mailbox ann@mail.example is unavailable: user not found", null, BounceReason.UserUnknown)]
    [InlineData("550 5.7.1 No such user!", "5.7.1", BounceReason.UserUnknown)]
    [InlineData("550 5.1.1 Adresse d au moins un destinataire invalide. Invalid recipient. OFR_416 [416]", "5.1.1", BounceReason.UserUnknown)]
    [InlineData("550 #5.1.0 Address rejected ann@example.com", "5.1.0", BounceReason.UserUnknown)]
    [InlineData("550 No such user (ann@example.com)", null, BounceReason.UserUnknown)]
    [InlineData("550 5.1.1 <ann@example.com> Unknown recipient", "5.1.1", BounceReason.UserUnknown)]
    // Postfix (address verification, relay table), Zimbra, iCloud, Yahoo, QQ Mail, AT&T, IceWarp, Proton Mail
    [InlineData("450 4.1.1 <ann@example.com>: Recipient address rejected: unverified address: host mx.example.com[192.0.2.25] said: 550 5.1.1 <ann@example.com>: User unknown", "4.1.1", BounceReason.UserUnknown)]
    [InlineData("550 5.1.1 <ann@example.com>: Recipient address rejected: example.com", "5.1.1", BounceReason.UserUnknown)]
    [InlineData("550 5.1.1 unknown or illegal alias: ann@icloud.example", "5.1.1", BounceReason.UserUnknown)]
    [InlineData("554 delivery error: dd Not a valid recipient - atlas119.free.mail.ne1.yahoo.com", null, BounceReason.UserUnknown)]
    [InlineData("550 Mailbox not found. http://service.exmail.qq.com/cgi-bin/help?subtype=1&&id=20022&&no=1000728", null, BounceReason.UserUnknown)]
    [InlineData("550 5.2.1 <ann@att.example> - Addressee unknown", "5.2.1", BounceReason.UserUnknown)]
    [InlineData("550 5.1.1 <ann@example.com> Mailbox does not exist", "5.1.1", BounceReason.UserUnknown)]
    [InlineData("550 5.1.1 <ann@example.com>: Recipient address rejected: User unknown in relay recipient table", "5.1.1", BounceReason.UserUnknown)]
    [InlineData("554 5.5.1 Error: no valid recipients", "5.5.1", BounceReason.UserUnknown)]
    // Gmail: a recipient address that is not a mailbox address at all (x.1.3, RFC 3463's bad destination address syntax).
    [InlineData("553-5.1.3 The recipient address <ann@example..com> is not a valid RFC-5321 address. Learn more at https://support.google.com/mail/answer/6596", "5.1.3", BounceReason.UserUnknown)]
    [InlineData("550 5.1.1 Address does not exist", "5.1.1", BounceReason.UserUnknown)]

    // ---- hostunknown: the domain does not exist or has no mail host
    [InlineData("550 5.1.2 <ann@nowhere.test>: Recipient address rejected: Domain not found", "5.1.2", BounceReason.HostUnknown)]
    [InlineData("Host or domain name not found. Name service error for name=nowhere.test type=A: Host not found", "5.4.4", BounceReason.HostUnknown)]
    [InlineData("Sorry, I couldn't find any host named nowhere.test. (#5.1.2)", "5.1.2", BounceReason.HostUnknown)]
    [InlineData("all relevant MX records point to non-existent hosts", null, BounceReason.HostUnknown)]
    [InlineData("550-5.1.2 We weren't able to find the recipient domain. Please check for any spelling errors, and make sure you didn't enter any spaces, periods, or other punctuation after the recipient's email address.", "5.1.2", BounceReason.HostUnknown)]
    [InlineData("554 5.4.4 SMTPSEND.DNS.NonExistentDomain; nonexistent domain", "5.4.4", BounceReason.HostUnknown)]
    [InlineData("550 5.4.310 DNS domain nowhere.test does not exist [Message=InfoDomainNonexistent] [LastAttemptedServerName=nowhere.test]", "5.4.310", BounceReason.HostUnknown)]
    [InlineData("550 5.1.2 <ann@nowhere.test>... Host unknown (Name server: nowhere.test: host not found)", "5.1.2", BounceReason.HostUnknown)]
    [InlineData("Your message couldn't be delivered. The Domain Name System (DNS) reported that the recipient's domain does not exist.", null, BounceReason.HostUnknown)]
    [InlineData("unable to look up host mx.nowhere.test: Name or service not known", "5.4.4", BounceReason.HostUnknown)]

    // ---- hasmoved
    [InlineData("551 User not local; please try <ann@new.example>", null, BounceReason.HasMoved)]
    [InlineData("551 5.1.6 Recipient has moved to <ann@new.example>", "5.1.6", BounceReason.HasMoved)]
    [InlineData("550 5.1.6 Destination mailbox has moved, no forwarding address", "5.1.6", BounceReason.HasMoved)]

    // ---- mailboxfull
    [InlineData("452 4.2.2 <ann@example.com>: Recipient address rejected: Mailbox is full", "4.2.2", BounceReason.MailboxFull)]
    [InlineData("ann@example.com: mailbox is full (MTA-imposed quota exceeded while writing to file /home/ann/mail/inbox)", "5.2.2", BounceReason.MailboxFull)]
    [InlineData("cannot update mailbox /var/mail/ann for user ann. error writing message: Disk quota exceeded", "5.2.2", BounceReason.MailboxFull)]
    [InlineData("The users mailfolder is over the allowed quota (size). (#5.2.2)", "5.2.2", BounceReason.MailboxFull)]
    [InlineData("maildrop: maildir over quota.", null, BounceReason.MailboxFull)]
    [InlineData("552 5.2.2 <ann@example.com> Quota exceeded (mailbox for user is full)", "5.2.2", BounceReason.MailboxFull)]
    [InlineData("LMTP server mail.example.com said: 552 5.2.2 Over quota (in reply to end of DATA command)", "5.2.2", BounceReason.MailboxFull)]
    [InlineData("554 5.2.2 mailbox full; STOREDRV.Deliver.Exception:QuotaExceededException.MapiExceptionShutoffQuotaExceeded; Failed to process message due to a permanent exception", "5.2.2", BounceReason.MailboxFull)]
    [InlineData("452-4.2.2 The email account that you tried to reach is over quota. Please direct the recipient to https://support.google.com/mail/?p=OverQuotaTemp", "4.2.2", BounceReason.MailboxFull)]
    [InlineData("550 5.2.2 Boite du destinataire pleine. Recipient overquota. OFR_417 [417]", "5.2.2", BounceReason.MailboxFull)]
    [InlineData("The recipient's mailbox is full and can't accept messages now. Please try resending your message later, or contact the recipient directly.", null, BounceReason.MailboxFull)]
    [InlineData("Recipient inbox full: Your message couldn't be delivered to ann@example.com. Their inbox is full, or it's getting too much mail right now.", null, BounceReason.MailboxFull)]
    [InlineData("452 4.2.2 Mailbox for ann@example.com is full", "4.2.2", BounceReason.MailboxFull)]
    [InlineData("552 Mailbox size limit exceeded", null, BounceReason.MailboxFull)]
    [InlineData("452 4.2.2 Quota exceeded", "4.2.2", BounceReason.MailboxFull)]
    [InlineData("#550 5.2.2 mailbox full ##", "5.2.2", BounceReason.MailboxFull)]

    // ---- mesgtoobig
    [InlineData("552 5.3.4 Message size exceeds fixed limit", "5.3.4", BounceReason.MesgTooBig)]
    [InlineData("552 sorry, that message size exceeds my databytes limit (#5.3.4)", "5.3.4", BounceReason.MesgTooBig)]
    [InlineData("SMTP error from remote mail server after MAIL FROM:<news@example.test> SIZE=20971520: 552 Message size exceeds maximum permitted", null, BounceReason.MesgTooBig)]
    [InlineData("552 Requested mail action aborted: exceeded mailsize limit", null, BounceReason.MesgTooBig)]
    [InlineData("554 Message size exceeds limit", null, BounceReason.MesgTooBig)]
    [InlineData("550 5.3.4 ROUTING.SizeLimit; message size exceeds fixed maximum size for route", "5.3.4", BounceReason.MesgTooBig)]
    [InlineData("554 Maximum email size exceeded - https://community.mimecast.com/docs/DOC-1369#554 [Jx2bQ0mDSa6p1yHk3uT9wA.uk12]", null, BounceReason.MesgTooBig)]
    [InlineData("552 Message too large", null, BounceReason.MesgTooBig)]
    [InlineData("552 5.3.4 Error: message file too big", "5.3.4", BounceReason.MesgTooBig)]

    // ---- exceedlimit: a count limit set for the recipient
    [InlineData("550 5.5.3 RESOLVER.ADR.RecipLimit; too many recipients", "5.5.3", BounceReason.ExceedLimit)]
    // RFC 3463's x.2.3 is the mailbox's own limit on a message's length (sendmail's wording names the size).
    [InlineData("552 5.2.3 Message exceeds maximum fixed size (10485760)", "5.2.3", BounceReason.ExceedLimit)]

    // ---- systemfull
    [InlineData("452 4.3.1 Insufficient system storage", "4.3.1", BounceReason.SystemFull)]
    [InlineData("452 4.4.5 Insufficient disk space; try again later", "4.4.5", BounceReason.SystemFull)]
    [InlineData("452 Space shortage, please try later", null, BounceReason.SystemFull)]
    [InlineData("452 4.3.1 Insufficient system resources", "4.3.1", BounceReason.SystemFull)]
    [InlineData("save to /var/mail/ann failed: No space left on device", null, BounceReason.SystemFull)]

    // ---- suspend: the mailbox exists but is disabled
    [InlineData("550 Message was not accepted -- invalid mailbox. Local mailbox ann@mail.example is unavailable: account is disabled", null, BounceReason.Suspend)]
    [InlineData("550 5.2.1 <ann@example.com>: Recipient address rejected: Mailbox disabled, not accepting messages", "5.2.1", BounceReason.Suspend)]
    [InlineData("554 5.2.1 Account suspended", "5.2.1", BounceReason.Suspend)]
    [InlineData("550 5.2.1 The email account that you tried to reach is disabled.", "5.2.1", BounceReason.Suspend)]
    [InlineData("554 30 Sorry, your message to ann@yahoo.example cannot be delivered. This account has been disabled or discontinued [#102].", null, BounceReason.Suspend)]
    [InlineData("550 5.0.0 <ann@example.com>... Mailbox disabled for this recipient", "5.0.0", BounceReason.Suspend)]

    // ---- filtered: a rule of the recipient refused it
    // Dovecot Pigeonhole: a Sieve "reject" action of the recipient (RFC 5429), with the reason the user wrote.
    [InlineData("Your message to <ann@example.com> was automatically rejected: I am not accepting mail from this address", "5.7.1", BounceReason.Filtered)]

    // ---- rejected: the sender was refused
    [InlineData("550 5.1.0 <news@example.test>: Sender address rejected: User unknown in virtual mailbox table", "5.1.0", BounceReason.Rejected)]
    [InlineData("550 5.1.8 <news@example.test>: Sender address rejected: Domain not found", "5.1.8", BounceReason.Rejected)]
    [InlineData("SMTP error from remote mail server after RCPT TO:<ann@example.com>: 550-Verification failed for <news@example.test> 550-No Such User Here 550 Sender verify failed", null, BounceReason.Rejected)]
    [InlineData("Connected to 192.0.2.25 but sender was rejected. Remote host said: 553 sorry, your envelope sender domain must exist (#5.7.1)", "5.7.1", BounceReason.Rejected)]
    [InlineData("550 5.7.1 <news@example.test>: Sender address rejected: Access denied", "5.7.1", BounceReason.Rejected)]
    [InlineData("501 5.1.7 Bad sender address syntax", "5.1.7", BounceReason.Rejected)]
    [InlineData("550 5.7.1 Emetteur invalide. Invalid Sender. OFR_416 [416]", "5.7.1", BounceReason.Rejected)]
    [InlineData("451 4.1.8 Domain of sender address news@example.test does not resolve", "4.1.8", BounceReason.Rejected)]
    [InlineData("504 5.5.2 <news>: Sender address rejected: need fully-qualified address", "5.5.2", BounceReason.Rejected)]
    [InlineData("451 Could not complete sender verify callout", null, BounceReason.Rejected)]

    // ---- blocked: the sending host or IP was refused
    [InlineData("554 5.7.1 Service unavailable; Client host [192.0.2.10] blocked using bl.spamcop.net; Blocked - see https://www.spamcop.net/bl.shtml?192.0.2.10", "5.7.1", BounceReason.Blocked)]
    [InlineData("554 5.7.1 Mail from 192.0.2.10 refused by blackhole site sbl.spamhaus.org", "5.7.1", BounceReason.Blocked)]
    [InlineData("550 5.7.1 host [192.0.2.10] is blacklisted by zen.spamhaus.org", "5.7.1", BounceReason.Blocked)]
    [InlineData("554-IP address is block listed. 554 For explanation visit https://www.gmx.net/mail/senderguidelines?c=bl", null, BounceReason.Blocked)]
    [InlineData("550 DY-001 (SNT004-MC1F43) Unfortunately, messages from 192.0.2.10 weren't sent. Please contact your Internet service provider. You can tell them that Hotmail does not relay dynamically-assigned IP ranges.", null, BounceReason.Blocked)]
    [InlineData("553 5.3.0 alph107 DNSBL:RBL 521< 192.0.2.10 >_is_blocked.For assistance forward this email to abuse_rbl@abuse-att.net", "5.3.0", BounceReason.Blocked)]
    [InlineData("554 5.7.1 <unknown[192.0.2.10]>: Client host rejected: Access denied", "5.7.1", BounceReason.Blocked)]
    [InlineData("421 mwinf5c73 ME Service refuse. Veuillez essayer plus tard. Service refused, please try later. LPN105_104 [104]", null, BounceReason.Blocked)]
    [InlineData("451 4.7.1 Greylisting in action, please come back in 00:05:00", "4.7.1", BounceReason.Blocked)]
    [InlineData("554 5.7.1 <mail.example.test[192.0.2.10]>: Client host rejected: Access denied", "5.7.1", BounceReason.Blocked)]
    [InlineData("host mx.example.com[192.0.2.25] refused to talk to me: 554 5.7.1 Connection refused", "5.7.1", BounceReason.Blocked)]
    [InlineData("Connected to 192.0.2.25 but greeting failed. Remote host said: 554 mail.example.com ESMTP not accepting connections", null, BounceReason.Blocked)]
    [InlineData("550 5.7.1 Service unavailable, Client host [192.0.2.10] blocked using Customer Block list (AS16012607)", "5.7.1", BounceReason.Blocked)]
    [InlineData("451 IP Temporarily Blacklisted - https://community.mimecast.com/docs/DOC-1369#451", null, BounceReason.Blocked)]
    [InlineData("550 5.5.0 Invalid EHLO/HELO domain.", "5.5.0", BounceReason.Blocked)]
    [InlineData("550 Access denied - Invalid HELO name (See RFC2821 4.1.1.1)", null, BounceReason.Blocked)]
    [InlineData("450 4.2.0 <ann@example.com>: Recipient address rejected: Greylisted, see http://postgrey.schweikert.ch/help/example.com.html", "4.2.0", BounceReason.Blocked)]
    [InlineData("550-5.7.1 Rejected because 192.0.2.10 is in a black list at zen.spamhaus.org", "5.7.1", BounceReason.Blocked)]
    [InlineData("554 5.7.1 Rejected: 192.0.2.10 listed at bl.spamcop.net", "5.7.1", BounceReason.Blocked)]
    [InlineData("550 5.7.0 Blocked - see https://support.proofpoint.com/dnsbl-lookup.cgi?ip=192.0.2.10", "5.7.0", BounceReason.Blocked)]
    [InlineData("550 SC-004 Mail rejected by Hotmail for policy reasons. A block has been placed against your IP address because we have received complaints concerning mail coming from that IP address.", null, BounceReason.Blocked)]
    [InlineData("550 5.7.1 Client host [192.0.2.10] blocked using dnsbl.sorbs.net; Currently Sending Spam See: http://www.sorbs.net/lookup.shtml?192.0.2.10", "5.7.1", BounceReason.Blocked)]
    [InlineData("553-mail rejected because your IP is in the PBL. See http://www.spamhaus.org/pbl", null, BounceReason.Blocked)]

    // ---- badreputation
    [InlineData("554 Your access to this mail system has been rejected due to the sending MTA's poor reputation. If you believe that this failure is in error, please contact the intended recipient via alternate means.", null, BounceReason.BadReputation)]
    [InlineData("550 5.7.1 Rejected due to poor sender reputation", "5.7.1", BounceReason.BadReputation)]
    [InlineData("550 Message was rejected due to sender reputation", null, BounceReason.BadReputation)]

    // ---- requireptr
    [InlineData("450 4.7.1 Client host rejected: cannot find your hostname, [192.0.2.10]", "4.7.1", BounceReason.RequirePtr)]
    [InlineData("550 5.7.1 Client host rejected: cannot find your reverse hostname, [192.0.2.10]", "5.7.1", BounceReason.RequirePtr)]
    [InlineData("554-gmx.net (mxgmx017) Nemesis ESMTP Service not available 554-No SMTP service 554-Bad DNS PTR resource record. 554 For explanation visit https://www.gmx.net/mail/senderguidelines?c=bp", null, BounceReason.RequirePtr)]
    [InlineData("550 5.7.25 [192.0.2.10] The IP address sending this message does not have a PTR record setup", "5.7.25", BounceReason.RequirePtr)]

    // ---- spamdetected
    [InlineData("550 This message scored 12.4 spam points.", null, BounceReason.SpamDetected)]
    [InlineData("554 5.7.1 [2] Message rejected under suspicion of SPAM; https://ya.cc/1IrBc 1686321650-aBcDeFgH1", "5.7.1", BounceReason.SpamDetected)]
    [InlineData("550 spam message rejected. Please visit http://help.mail.ru/notspam-support/id?c=AbCdEf or report details to abuse@corp.mail.ru. Error code: 12AB34CD.", null, BounceReason.SpamDetected)]
    [InlineData("554 5.7.0 Reject, id=12345-01 - spam", "5.7.0", BounceReason.SpamDetected)]
    [InlineData("554 5.7.1 Spam message rejected", "5.7.1", BounceReason.SpamDetected)]
    [InlineData("550 5.7.1 Blocked by SpamAssassin", "5.7.1", BounceReason.SpamDetected)]
    [InlineData("550 5.7.1 Message blocked due to spam content in the message.", "5.7.1", BounceReason.SpamDetected)]
    [InlineData("550 5.7.520 Message blocked because it contains content identified as spam. AS(4810)", "5.7.520", BounceReason.SpamDetected)]
    [InlineData("550 High probability of spam", null, BounceReason.SpamDetected)]
    [InlineData("554 Transaction failed: Message rejected as spam", null, BounceReason.SpamDetected)]

    // ---- virusdetected
    [InlineData("550 This message contains malware (Eicar-Test-Signature)", null, BounceReason.VirusDetected)]
    [InlineData("554 5.7.0 Reject, id=12345-02 - INFECTED: Eicar-Signature", "5.7.0", BounceReason.VirusDetected)]
    [InlineData("550 5.7.1 Virus detected: Win.Test.EICAR_HDB-1", "5.7.1", BounceReason.VirusDetected)]
    [InlineData("554 Message refused: virus found", null, BounceReason.VirusDetected)]
    [InlineData("550 5.7.1 The message was rejected because it contains prohibited virus or spam content", "5.7.1", BounceReason.VirusDetected)]

    // ---- policyviolation
    [InlineData("554 5.7.7 Email policy violation detected", "5.7.7", BounceReason.PolicyViolation)]
    [InlineData("550 5.7.1 TRANSPORT.RULES.RejectMessage; the message was rejected by organization policy", "5.7.1", BounceReason.PolicyViolation)]
    [InlineData("550 5.7.0 Local Policy Violation", "5.7.0", BounceReason.PolicyViolation)]
    [InlineData("550 5.7.1 Message rejected: Message contains a prohibited attachment type", "5.7.1", BounceReason.PolicyViolation)]

    // ---- authfailure
    [InlineData("550 5.7.1 <ann@example.com>: Recipient address rejected: Message rejected due to: SPF fail - not authorized. Please see http://www.openspf.net/Why?s=mfrom;id=news@example.test;ip=192.0.2.10;r=example.com", "5.7.1", BounceReason.AuthFailure)]
    [InlineData("550 5.7.1 rejected by DMARC policy for example.test", "5.7.1", BounceReason.AuthFailure)]
    [InlineData("550-5.7.26 The MAIL FROM domain [example.test] has an SPF record with a hard fail policy (-all) but it fails to pass SPF checks with the ip: [192.0.2.10].", "5.7.26", BounceReason.AuthFailure)]
    [InlineData("550-5.7.1 This message does not have authentication information or fails to pass authentication checks (SPF or DKIM).", "5.7.1", BounceReason.AuthFailure)]
    [InlineData("553-SPF (Sender Policy Framework) domain authentication 553-fail. Refer to the Troubleshooting page at 553-http://www.symanteccloud.com/troubleshooting for more 553 information. (#5.7.1)", "5.7.1", BounceReason.AuthFailure)]
    [InlineData("550 5.7.1 SPF FAIL", "5.7.1", BounceReason.AuthFailure)]
    [InlineData("554 5.7.5 Permanent error evaluating DMARC policy", "5.7.5", BounceReason.AuthFailure)]
    [InlineData("550 5.7.0 DKIM signature verification failed", "5.7.0", BounceReason.AuthFailure)]

    // ---- securityerror: TLS, credentials
    [InlineData("TLS is required, but was not offered by host mx.example.com[192.0.2.25]", "4.7.4", BounceReason.SecurityError)]
    [InlineData("Server certificate not verified", "4.7.5", BounceReason.SecurityError)]
    [InlineData("535-5.7.8 Username and Password not accepted. Learn more at https://support.google.com/mail/?p=BadCredentials", "5.7.8", BounceReason.SecurityError)]
    [InlineData("530-5.7.0 Authentication Required. Learn more at https://support.google.com/mail/?p=WantAuthError", "5.7.0", BounceReason.SecurityError)]
    [InlineData("451 5.7.3 STARTTLS is required to send mail", "5.7.3", BounceReason.SecurityError)]
    [InlineData("550 5.7.57 SMTP; Client was not authenticated to send anonymous mail during MAIL FROM", "5.7.57", BounceReason.SecurityError)]
    [InlineData("535 5.7.3 Authentication unsuccessful", "5.7.3", BounceReason.SecurityError)]
    [InlineData("454 4.7.0 TLS not available due to local problem", "4.7.0", BounceReason.SecurityError)]
    [InlineData("530 SMTP authentication is required.", null, BounceReason.SecurityError)]
    [InlineData("550 Unauthenticated senders not allowed", null, BounceReason.SecurityError)]

    // ---- norelaying
    [InlineData("554 5.7.1 <ann@example.com>: Relay access denied", "5.7.1", BounceReason.NoRelaying)]
    [InlineData("454 4.7.1 <ann@example.com>: Relay access denied", "4.7.1", BounceReason.NoRelaying)]
    [InlineData("550 5.7.54 SMTP; Unable to relay recipient in non-accepted domain", "5.7.54", BounceReason.NoRelaying)]
    [InlineData("550 5.7.64 TenantAttribution; Relay Access Denied", "5.7.64", BounceReason.NoRelaying)]
    [InlineData("550 5.7.1 Unable to relay for ann@example.com", "5.7.1", BounceReason.NoRelaying)]
    [InlineData("550 5.7.1 Relaying to <ann@example.com> denied (authentication required)", "5.7.1", BounceReason.NoRelaying)]
    [InlineData("451 Open relay not allowed - https://community.mimecast.com/docs/DOC-1369#451", null, BounceReason.NoRelaying)]
    [InlineData("550 5.7.1 <ann@example.com>... Relaying denied", "5.7.1", BounceReason.NoRelaying)]
    [InlineData("551 5.7.1 We do not relay non-local mail", "5.7.1", BounceReason.NoRelaying)]
    [InlineData("550-Please turn on SMTP Authentication in your mail client. 550-mail.example.com (client.example.test) [192.0.2.10]:56780 550 is not permitted to relay through this server without authentication.", null, BounceReason.NoRelaying)]
    [InlineData("550-5.7.0 Mail relay denied", "5.7.0", BounceReason.NoRelaying)]
    [InlineData("550 Relay rejected for policy reasons.", null, BounceReason.NoRelaying)]
    [InlineData("503 This mail server requires authentication when attempting to send to a non-local e-mail address. Please check your mail client settings or contact your administrator to verify that the domain or address is defined for this server.", null, BounceReason.NoRelaying)]
    [InlineData("550 5.7.367 Remote server returned not permitted to relay -> 550 5.7.1 Unable to relay", "5.7.367", BounceReason.NoRelaying)]

    // ---- notcompliantrfc
    [InlineData("550-5.7.1 [192.0.2.10] Our system has detected that this message is not RFC 5322 compliant: 'From' header is missing.", "5.7.1", BounceReason.NotCompliantRfc)]
    [InlineData("550-5.7.1 [192.0.2.10] Our system has detected that this message is not RFC 5322 compliant: Multiple 'Subject' headers found.", "5.7.1", BounceReason.NotCompliantRfc)]
    [InlineData("message has lines too long for transport", "5.0.0", BounceReason.NotCompliantRfc)]
    [InlineData("521 5.5.2 mx.example.com Error: bare <LF> received", "5.5.2", BounceReason.NotCompliantRfc)]
    [InlineData("550 5.6.11 SMTPSEND.BareLinefeedsAreIllegal; message contains bare linefeeds, which cannot be sent via DATA", "5.6.11", BounceReason.NotCompliantRfc)]
    [InlineData("554 Message not allowed - Headers are not RFC compliant[291]", null, BounceReason.NotCompliantRfc)]

    // ---- contenterror
    [InlineData("554 5.6.0 STOREDRV.Deliver.Exception:ConversionFailedException; Failed to process message due to a permanent exception with message Content conversion: Corrupt content.", "5.6.0", BounceReason.ContentError)]
    [InlineData("554 5.6.1 Body type not supported by Remote Host", "5.6.1", BounceReason.ContentError)]
    [InlineData("550 5.6.3 Conversion required but not supported", "5.6.3", BounceReason.ContentError)]
    [InlineData("550 5.6.0 CAT.InvalidContent.Exception: DataSourceOperationException, proxy and parse failed", "5.6.0", BounceReason.ContentError)]
    [InlineData("554 5.6.9 UTF-8 header message cannot be transferred to one or more recipients", "5.6.9", BounceReason.ContentError)]

    // ---- mailererror: the local delivery program failed
    [InlineData("Command died with status 1: \"/usr/local/bin/filter.sh\". Command output: filter: cannot open configuration", "5.3.0", BounceReason.MailerError)]
    [InlineData("Child process of address_pipe transport returned 127 (could mean unable to exec or command does not exist) from command: /usr/bin/vacation", null, BounceReason.MailerError)]
    [InlineData("554 5.3.0 unknown mailer error 1", "5.3.0", BounceReason.MailerError)]

    // ---- syntaxerror
    [InlineData("500 5.5.1 Command unrecognized: \"XYZZ\"", "5.5.1", BounceReason.SyntaxError)]
    [InlineData("503 5.5.1 Error: need RCPT command", "5.5.1", BounceReason.SyntaxError)]
    [InlineData("501 5.5.4 Syntax: MAIL FROM:<address>", "5.5.4", BounceReason.SyntaxError)]
    [InlineData("502 5.5.2 Error: command not recognized", "5.5.2", BounceReason.SyntaxError)]

    // ---- toomanyconn
    [InlineData("421 4.7.0 mx.example.com Error: too many connections from 192.0.2.10", "4.7.0", BounceReason.TooManyConn)]
    [InlineData("421 Too many concurrent SMTP connections from this IP address; please try again later.", null, BounceReason.TooManyConn)]
    [InlineData("421 4.3.2 Connection rate limit exceeded.", "4.3.2", BounceReason.TooManyConn)]
    [InlineData("421 4.3.2 Too many open connections.", "4.3.2", BounceReason.TooManyConn)]
    [InlineData("421 mwinf5c10 ME Trop de connexions, veuillez verifier votre configuration. Too many connections, slow down. OFR005_104 [104]", null, BounceReason.TooManyConn)]
    [InlineData("452-4.5.3 Domain policy size per transaction exceeded, please try this recipient in a separate transaction.", "4.5.3", BounceReason.TooManyConn)]
    [InlineData("550 Ip frequency limited. http://service.mail.qq.com/cgi-bin/help?subtype=1&&id=20022&&no=1000722", null, BounceReason.TooManyConn)]
    [InlineData("421 4.3.2 All server ports are busy", "4.3.2", BounceReason.TooManyConn)]

    // ---- speeding
    [InlineData("421 RP-001 (BAY004-MC1F21) Unfortunately, some messages from 192.0.2.10 weren't sent. Please try again. We have limits for how many messages can be sent per hour and per day.", null, BounceReason.Speeding)]
    [InlineData("454 Throttling failure: Maximum sending rate exceeded.", null, BounceReason.Speeding)]
    [InlineData("454 Throttling failure: Daily message quota exceeded.", null, BounceReason.Speeding)]
    [InlineData("550 Sender rate exceeds 100 messages per 1h", null, BounceReason.Speeding)]
    [InlineData("452 Too many recipients received this hour", null, BounceReason.Speeding)]
    [InlineData("450 4.7.1 Message delivery request rate limit exceeded", "4.7.1", BounceReason.Speeding)]
    [InlineData("450 4.2.1 The recipient has exceeded their message rate limit. Try again later.", "4.2.1", BounceReason.Speeding)]
    [InlineData("421 4.7.0 Temporarily rate limited", "4.7.0", BounceReason.Speeding)]
    [InlineData("550 5.4.5 Daily user sending quota exceeded.", "5.4.5", BounceReason.Speeding)]

    // ---- notaccept: the domain takes no mail
    [InlineData("556 5.1.10 <ann@example.test>: Recipient address rejected: Domain example.test does not accept mail (nullMX)", "5.1.10", BounceReason.NotAccept)]
    [InlineData("an MX or SRV record indicated no SMTP service", null, BounceReason.NotAccept)]
    [InlineData("521 5.3.2 mail.example.test does not accept mail", "5.3.2", BounceReason.NotAccept)]
    [InlineData("556 5.1.10 Recipient address has null MX", "5.1.10", BounceReason.NotAccept)]

    // ---- networkerror
    [InlineData("lost connection with mx.example.com[192.0.2.25] while receiving the initial server greeting", "4.4.2", BounceReason.NetworkError)]
    [InlineData("Host or domain name not found. Name service error for name=example.com type=MX: Host not found, try again", "4.4.3", BounceReason.NetworkError)]
    [InlineData("mail for example.com loops back to myself", "5.4.6", BounceReason.NetworkError)]
    [InlineData("SMTP timeout after end of data (20480 bytes written)", null, BounceReason.NetworkError)]
    [InlineData("Sorry, I wasn't able to establish an SMTP connection. (#4.4.1)", "4.4.1", BounceReason.NetworkError)]
    [InlineData("This message is looping: it already has my Delivered-To line. (#5.4.6)", "5.4.6", BounceReason.NetworkError)]
    [InlineData("554 5.4.6 Too many hops 26 (25 max): from <news@example.test> via localhost, to <ann@example.com>", "5.4.6", BounceReason.NetworkError)]
    [InlineData("Too many \"Received\" headers - suspected mail loop", "5.4.6", BounceReason.NetworkError)]
    [InlineData("554 5.4.14 Hop count exceeded - possible mail loop ATTR34", "5.4.14", BounceReason.NetworkError)]
    [InlineData("451 4.4.0 Primary target IP address responded with: \"421 4.2.1 Unable to connect.\" Attempted failover to alternate host, but that did not succeed.", "4.4.0", BounceReason.NetworkError)]
    [InlineData("451 4.4.397 Error communicating with target host. -> 421 4.4.2 Connection dropped due to SocketError", "4.4.397", BounceReason.NetworkError)]
    [InlineData("451 4.4.0 DNS query failed. The error was: DNS query failed with error: ErrorRetry", "4.4.0", BounceReason.NetworkError)]
    [InlineData("451 4.4.1 reply: read error from mx.example.com.", "4.4.1", BounceReason.NetworkError)]
    [InlineData("Remote host mx.example.com [192.0.2.25] closed connection in response to end of data", null, BounceReason.NetworkError)]
    [InlineData("Connected to 192.0.2.25 but connection died. (#4.4.2)", "4.4.2", BounceReason.NetworkError)]
    [InlineData("CNAME lookup failed temporarily. (#4.4.3)", "4.4.3", BounceReason.NetworkError)]
    [InlineData("#550 5.4.6 ROUTING.Loop; A routing loop was detected ##", "5.4.6", BounceReason.NetworkError)]
    [InlineData("Name service error for name=example.com type=MX: Malformed or unexpected name server reply", "4.4.3", BounceReason.NetworkError)]
    [InlineData("421 Timeout waiting for data from client.", null, BounceReason.NetworkError)]
    [InlineData("451-4.4.2 Timeout - closing connection.", "4.4.2", BounceReason.NetworkError)]
    [InlineData("554 5.4.0 Error: too many hops", "5.4.0", BounceReason.NetworkError)]
    [InlineData("Sorry, I couldn't find any host by that name. (#4.1.2)", "4.1.2", BounceReason.NetworkError)]
    [InlineData("554 too many hops, this message is looping (#5.4.6)", "5.4.6", BounceReason.NetworkError)]
    [InlineData("451 4.4.316 Connection refused [Message=Socket error code 10061] [LastAttemptedServerName=mx.example.com] [LastAttemptedIP=192.0.2.25:25]", "4.4.316", BounceReason.NetworkError)]

    // ---- expired: the queue gave up
    [InlineData("retry timeout exceeded", null, BounceReason.Expired)]
    [InlineData("I'm not going to try again; this message has been in the queue too long. (#4.4.7)", "4.4.7", BounceReason.Expired)]
    [InlineData("550 4.4.7 QUEUE.Expired; message expired", "4.4.7", BounceReason.Expired)]
    [InlineData("Message could not be delivered for 5 days", "4.4.7", BounceReason.Expired)]
    [InlineData("Delivery time expired", null, BounceReason.Expired)]
    // Postfix's bounce after its queue lifetime: a temporary status in a failed report, naming the last attempt's timeout.
    [InlineData("connect to mx.example.com[192.0.2.25]:25: Connection timed out", "4.4.1", BounceReason.Expired)]
    [InlineData("550 5.4.317 Message expired, cannot connect to remote server", "5.4.317", BounceReason.Expired)]

    // ---- systemerror: the receiving system failed
    [InlineData("421-4.3.0 Temporary System Problem. Try again later.", "4.3.0", BounceReason.SystemError)]
    [InlineData("451-4.3.0 Mail server temporarily rejected message.", "4.3.0", BounceReason.SystemError)]
    [InlineData("451 Temporary local problem - please try later", null, BounceReason.SystemError)]
    [InlineData("451 4.3.0 Temporary system failure. Please try again later.", "4.3.0", BounceReason.SystemError)]
    [InlineData("451 4.3.5 Server configuration problem", "4.3.5", BounceReason.SystemError)]
    [InlineData("451 Internal resource temporarily unavailable - https://community.mimecast.com/docs/DOC-1369#451", null, BounceReason.SystemError)]
    [InlineData("451 4.3.0 Error: queue file write error", "4.3.0", BounceReason.SystemError)]
    [InlineData("451 Resources temporarily unavailable. Please try again later [#4.16.1].", null, BounceReason.SystemError)]
    [InlineData("454 Temporary service failure", null, BounceReason.SystemError)]
    [InlineData("mail transport unavailable", "4.3.0", BounceReason.SystemError)]
    [InlineData("421 4.4.5 Server busy, try again later", "4.4.5", BounceReason.SystemError)]
    [InlineData("451 4.3.5 <ann@example.com>: Recipient address rejected: Server configuration problem", "4.3.5", BounceReason.SystemError)]
    [InlineData("451 qq temporary problem (#4.3.0)", "4.3.0", BounceReason.SystemError)]
    [InlineData("451 4.7.0 Temporary server error. Please try again later. PRX4", "4.7.0", BounceReason.SystemError)]

    // ---- onhold: refused, no cause given
    [InlineData("550 5.7.0 Message could not be delivered", "5.7.0", BounceReason.OnHold)]
    public void Real_world_wording_gets_the_vocabularys_reason(string line, string? status, BounceReason want)
    {
        Assert.Equal(want, Classify(line, status).Reason);
    }
}
