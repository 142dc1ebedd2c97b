using Bounceback.Core.Codes;
using Bounceback.Core.Bounces.Reasons;
using static Bounceback.Core.Tests.Bounces.ReasonCases;

namespace Bounceback.Core.Tests.Bounces;

/// <summary>
/// Seventh pass: the replies senders meet most from the large receiving providers, in their 2023-2026 wording, each with
/// the reason the provider's own explanation gives. Written from the providers' public pages (named per row); the
/// addresses, IPs and session ids are invented.
/// </summary>
public class ReasonClassifierProviderRepliesTests
{
    // The remote hosts the replies come from; the parser gives the provider catalog the host with the wording, so the
    // rows go through the whole parse (reason rules, provider wording and catalog), as a real report does.
    private const string Gmail = "gmail-smtp-in.l.google.com";
    private const string Microsoft365 = "shop-example.mail.protection.outlook.com";
    private const string OutlookCom = "outlook-com.olc.protection.outlook.com";
    private const string Yahoo = "mta7.am0.yahoodns.net";
    private const string ICloud = "mx01.mail.icloud.com";
    private const string Generic = "mx1.shop.example";
    private const string Mimecast = "eu-smtp-inbound-1.mimecast.com";
    private const string Proofpoint = "mx0a-00312301.pphosted.com";
    private const string Zoho = "mx.zoho.eu";
    private const string Gmx = "mx00.emig.gmx.net";

    [Theory]
    // Google, "Gmail SMTP errors and codes": https://support.google.com/a/answer/3726730
    [InlineData("550-5.1.1 The email account that you tried to reach does not exist. Please try double-checking the recipient's email address for typos or unnecessary spaces. For more information, go to https://support.google.com/mail/?p=NoSuchUser 5b1f17b1804b1-4a2c19d0f2csi118.7 - gsmtp", "5.1.1", BounceReason.UserUnknown, true, Gmail)]
    // https://support.google.com/a/answer/3726730
    [InlineData("550-5.2.1 The email account that you tried to reach is inactive. For more information, go to https://support.google.com/mail/?p=DisabledUser 6a1e0cd3f8a-2b7d30si41.9 - gsmtp", "5.2.1", BounceReason.Suspend, false, Gmail)]
    // https://support.google.com/a/answer/3726730
    [InlineData("452-4.2.2 The recipient's inbox is out of storage space. Please direct the recipient to https://support.google.com/mail/?p=OverQuotaTemp 98e67ed59e1d1-31c2f8asi20.4 - gsmtp", "4.2.2", BounceReason.MailboxFull, false, Gmail)]
    // https://support.google.com/a/answer/3726730
    [InlineData("552-5.2.3 Your message exceeded Google's message size limits. For more information, go to https://support.google.com/mail/?p=MaxSizeError d75a77b69052e-4b0f3asi7.2 - gsmtp", "5.2.3", BounceReason.MesgTooBig, false, Gmail)]
    // https://support.google.com/a/answer/3726730 and the sender guidelines https://support.google.com/a/answer/81126
    [InlineData("550-5.7.26 This mail has been blocked because the sender is unauthenticated. Gmail requires all senders to authenticate with either SPF or DKIM. Authentication results: DKIM = did not pass SPF [news.shop.example] with ip: [203.0.113.40] = did not pass For instructions on setting up authentication, go to https://support.google.com/mail/answer/81126#authentication 3f1490d57ef6-e8b1asi2.11 - gsmtp", "5.7.26", BounceReason.AuthFailure, false, Gmail)]
    // https://support.google.com/a/answer/3726730
    [InlineData("550-5.7.26 Unauthenticated email from shop.example is not accepted due to domain's DMARC policy. Please contact the administrator of shop.example domain if this was a legitimate mail. To learn about the DMARC initiative, go to https://support.google.com/mail/?p=DmarcRejection 41be03b00d2f7-b3f1asi9.3 - gsmtp", "5.7.26", BounceReason.AuthFailure, false, Gmail)]
    // https://support.google.com/a/answer/3726730
    [InlineData("421-4.7.26 This mail has been rate limited because it is unauthenticated. Gmail requires all senders to authenticate with either SPF or DKIM. For instructions on setting up authentication, go to https://support.google.com/mail/answer/81126#authentication a640c23a62f3a-ae0dsi5.8 - gsmtp", "4.7.26", BounceReason.AuthFailure, false, Gmail)]
    // https://support.google.com/a/answer/3726730
    [InlineData("421-4.7.27 Your email has been rate limited because SPF authentication didn't pass for this message. Gmail requires all bulk email senders to authenticate with SPF. For more information, go to https://support.google.com/mail/answer/81126#authentication 2adb3069b0e04-55b8asi3.2 - gsmtp", "4.7.27", BounceReason.AuthFailure, false, Gmail)]
    // https://support.google.com/a/answer/3726730
    [InlineData("550-5.7.27 Your email has been blocked because SPF authentication didn't pass for this message. Gmail requires all bulk email senders to authenticate with SPF. For more information, go to https://support.google.com/mail/answer/81126#authentication 2adb3069b0e04-55b8asi3.5 - gsmtp", "5.7.27", BounceReason.AuthFailure, false, Gmail)]
    // https://support.google.com/a/answer/3726730
    [InlineData("550-5.7.30 Your email has been blocked because DKIM authentication didn't pass for this message. Gmail requires all bulk email senders to authenticate with DKIM. For more information, go to https://support.google.com/mail/answer/81126#authentication 5b1f17b1804b1-45a1asi4.6 - gsmtp", "5.7.30", BounceReason.AuthFailure, false, Gmail)]
    // https://support.google.com/a/answer/3726730
    [InlineData("421-4.7.32 Your email has been rate limited because the From: header (RFC5322) in this message isn't aligned with either the authenticated SPF or DKIM organizational domain. For more information, go to https://support.google.com/mail/answer/81126#authentication 38308e7fff4ca-32b3asi1.4 - gsmtp", "4.7.32", BounceReason.AuthFailure, false, Gmail)]
    // https://support.google.com/a/answer/3726730
    [InlineData("550-5.7.32 Your email has been blocked because the From: header (RFC5322) in this message isn't aligned with either the authenticated SPF or DKIM organizational domain. For more information, go to https://support.google.com/mail/answer/81126#authentication 38308e7fff4ca-32b3asi1.7 - gsmtp", "5.7.32", BounceReason.AuthFailure, false, Gmail)]
    // https://support.google.com/a/answer/3726730
    [InlineData("421-4.7.40 Your email has been rate limited because DMARC policy is not present for the domain. For more information, go to https://support.google.com/mail/answer/81126#authentication 6a1803df08f44-70deasi2.1 - gsmtp", "4.7.40", BounceReason.AuthFailure, false, Gmail)]
    // https://support.google.com/a/answer/3726730
    [InlineData("421-4.7.29 Your email has been rate limited because this message wasn't sent over a TLS connection. Gmail requires all bulk email senders to use TLS/SSL for SMTP connections. For more information, go to https://support.google.com/mail/answer/81126#authentication e9e14a558f8ab-3e2fasi9.2 - gsmtp", "4.7.29", BounceReason.SecurityError, false, Gmail)]
    // https://support.google.com/a/answer/3726730
    [InlineData("550-5.7.25 The IP address sending this message does not have a PTR record setup, or the corresponding forward DNS entry does not point to the sending IP. As a policy, Gmail does not accept messages from IPs with missing PTR records. For more information, go to https://support.google.com/mail/answer/81126#ip-practices 4fb4d7f45d1cf-60c6asi3.8 - gsmtp", "5.7.25", BounceReason.RequirePtr, false, Gmail)]
    // https://support.google.com/a/answer/3726730 (the message was judged to be spam)
    [InlineData("550-5.7.1 Our system has detected that this message is likely unsolicited mail. To reduce the amount of spam sent to Gmail, this message has been blocked. For more information, go to https://support.google.com/mail/?p=UnsolicitedMessageError af79cd13be357-7d5dasi6.2 - gsmtp", "5.7.1", BounceReason.SpamDetected, false, Gmail)]
    // https://support.google.com/a/answer/3726730 (the reputation of the sender, not the content)
    [InlineData("550-5.7.1 Our system has detected that this message is likely suspicious due to the very low reputation of the sending domain. To best protect our users from spam, the message has been blocked. For more information, go to https://support.google.com/mail/answer/188131 d2e1a72fcca58-74afasi1.3 - gsmtp", "5.7.1", BounceReason.BadReputation, false, Gmail)]
    // https://support.google.com/a/answer/3726730
    [InlineData("421-4.7.0 This message is suspicious due to the very low reputation of the sending IP address. To protect our users from spam, mail sent from your IP address has been temporarily rate limited. For more information, go to https://support.google.com/mail/answer/188131 ffacd0b85a97d-3b4fasi2.7 - gsmtp", "4.7.0", BounceReason.BadReputation, false, Gmail)]
    // https://support.google.com/a/answer/3726730 (rate limit because of the unsolicited mail seen from the sender)
    [InlineData("421-4.7.28 Gmail has detected an unusual rate of unsolicited mail originating from your DKIM domain [news.shop.example]. To protect our users from spam, mail sent from your domain has been temporarily rate limited. For more information, go to https://support.google.com/mail/?p=UnsolicitedRateLimitError 8926c6da1cb9f-50a1asi7.5 - gsmtp", "4.7.28", BounceReason.BadReputation, false, Gmail)]
    // https://support.google.com/a/answer/3726730
    [InlineData("550-5.7.1 Messages missing a valid address in the From: header, or having no From: header, are not accepted. For more information, go to https://support.google.com/mail/?p=RfcMessageNonCompliant 5b1f17b1804b1-454fasi8.1 - gsmtp", "5.7.1", BounceReason.NotCompliantRfc, false, Gmail)]
    // https://support.google.com/a/answer/3726730
    [InlineData("550-5.7.1 [203.0.113.40] The IP you're using to send mail is not authorized to send email directly to our servers. Please use the SMTP relay at your service provider instead. For more information, go to https://support.google.com/mail/?p=NotAuthorizedError 6a1803df08f44-6fd7asi1.2 - gsmtp", "5.7.1", BounceReason.Blocked, false, Gmail)]
    // https://support.google.com/a/answer/3726730
    [InlineData("421-4.7.0 TLS required for RCPT domain, closing connection. For more information, go to https://support.google.com/mail/answer/7126863 a1e0cc1a2514c-88f1asi3.3 - gsmtp", "4.7.0", BounceReason.SecurityError, false, Gmail)]
    // https://support.google.com/a/answer/3726730
    [InlineData("550-5.7.1 The user or domain that you are sending to (or from) has a policy that prohibited the mail that you sent. Please contact your domain administrator for further details. For more information, go to https://support.google.com/a/answer/172179 46e09a7af769-2e9fasi2.4 - gsmtp", "5.7.1", BounceReason.Filtered, false, Gmail)]
    // https://support.google.com/a/answer/3726730
    [InlineData("552-5.7.0 This message was blocked because its content presents a potential security issue. To review our message content and attachment content guidelines, go to https://support.google.com/mail/?p=BlockedMessage 5b1f17b1804b1-4538asi9.9 - gsmtp", "5.7.0", BounceReason.VirusDetected, false, Gmail)]

    // Microsoft, "Email non-delivery reports and SMTP errors in Exchange Online":
    // https://learn.microsoft.com/exchange/mail-flow-best-practices/non-delivery-reports-in-exchange-online/non-delivery-reports-in-exchange-online
    [InlineData("550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient ann@shop.example not found by SMTP address lookup", "5.1.10", BounceReason.UserUnknown, true, Microsoft365)]
    // https://learn.microsoft.com/exchange/mail-flow-best-practices/non-delivery-reports-in-exchange-online/fix-error-code-550-5-4-1-in-exchange-online (directory-based edge blocking)
    [InlineData("550 5.4.1 Recipient address rejected: Access denied. For more information see https://aka.ms/EXOSmtpErrors [AM4PEPF00027A5C.eurprd04.prod.outlook.com 2026-05-14T09:12:40.311Z 08DDA1C3B2E1F0A7]", "5.4.1", BounceReason.UserUnknown, true, Microsoft365)]
    // https://learn.microsoft.com/exchange/mail-flow-best-practices/non-delivery-reports-in-exchange-online/non-delivery-reports-in-exchange-online (DMARC)
    [InlineData("550 5.7.509 Access denied, sending domain shop.example does not pass DMARC verification and has a DMARC policy of reject. [DB1PEPF000509F2.eurprd03.prod.outlook.com 2026-05-14T09:12:40.311Z 08DDA1C3B2E1F0A8]", "5.7.509", BounceReason.AuthFailure, false, Microsoft365)]
    // Outlook.com requirements for high-volume senders (May 2025):
    // https://techcommunity.microsoft.com/blog/microsoftdefenderforoffice365blog/strengthening-email-ecosystem-outlook%E2%80%99s-new-requirements-for-high%E2%80%90volume-senders/4399730
    [InlineData("550 5.7.515 Access denied, sending domain news.shop.example doesn't meet the required authentication level. [SN1PEPF0002529D.namprd05.prod.outlook.com 2026-05-14T09:12:40.311Z 08DDA1C3B2E1F0A9]", "5.7.515", BounceReason.AuthFailure, false, Microsoft365)]
    // https://learn.microsoft.com/exchange/mail-flow-best-practices/non-delivery-reports-in-exchange-online/fix-error-code-5-7-708-in-exchange-online
    [InlineData("550 5.7.708 Service unavailable. Access denied, traffic not accepted from this IP. For more information please go to http://go.microsoft.com/fwlink/?LinkId=526653 AS(7230) [PAXP193MB1820.EURP193.PROD.OUTLOOK.COM]", "5.7.708", BounceReason.BadReputation, false, Microsoft365)]
    // https://learn.microsoft.com/exchange/mail-flow-best-practices/non-delivery-reports-in-exchange-online/fix-error-code-5-7-750-in-exchange-online (the sender's domains are not registered in the tenant)
    [InlineData("550 5.7.750 Service unavailable. Client blocked from sending from unregistered domains. For more information please go to http://go.microsoft.com/fwlink/?LinkId=526653 [BN8NAM11FT061.eop-nam11.prod.protection.outlook.com]", "5.7.750", BounceReason.Rejected, false, Microsoft365)]
    // https://learn.microsoft.com/exchange/mail-flow-best-practices/non-delivery-reports-in-exchange-online/non-delivery-reports-in-exchange-online (5.7.511: banned sender)
    [InlineData("550 5.7.511 Access denied, banned sender[203.0.113.40]. To request removal from this list, forward this message to delist@microsoft.com. For more information please go to http://go.microsoft.com/fwlink/?LinkId=526653. AS(1430) [VI1EUR05FT021.eop-eur05.prod.protection.outlook.com]", "5.7.511", BounceReason.Blocked, false, Microsoft365)]
    // https://learn.microsoft.com/defender-office-365/email-security-in-microsoft-365 "Use the delist portal to remove yourself from the blocked senders list"
    [InlineData("550 5.7.606 Access denied, banned sending IP [203.0.113.40]. To request removal from this list please visit https://sender.office.com/ and follow the directions. For more information please go to http://go.microsoft.com/fwlink/?LinkID=526655 AS(1430) [DB5EUR03FT058.eop-EUR03.prod.protection.outlook.com]", "5.7.606", BounceReason.Blocked, false, Microsoft365)]
    // https://learn.microsoft.com/exchange/mail-flow-best-practices/non-delivery-reports-in-exchange-online/non-delivery-reports-in-exchange-online (5.7.350: the remote server judged the message spam)
    [InlineData("550 5.7.350 Remote server returned message detected as spam -> 554 5.7.1 Message rejected as spam by Content Filtering", "5.7.350", BounceReason.SpamDetected, false, Microsoft365)]
    // https://learn.microsoft.com/exchange/mail-flow-best-practices/non-delivery-reports-in-exchange-online/fix-error-code-5-7-520-in-exchange-online
    [InlineData("550 5.7.520 Access denied, Your organization does not allow external forwarding. Please contact your administrator for further assistance. AS(7555)", "5.7.520", BounceReason.PolicyViolation, false, Microsoft365)]
    // https://learn.microsoft.com/exchange/mail-flow-best-practices/non-delivery-reports-in-exchange-online/fix-error-code-5-2-2-through-5-2-121-in-exchange-online
    [InlineData("554 5.2.122 The recipient has exceeded their limit for the number of messages they can receive per hour. For more information, go to https://aka.ms/EXOSmtpErrors", "5.2.122", BounceReason.ExceedLimit, false, Microsoft365)]
    // Outlook.com postmaster troubleshooting: https://sendersupport.olc.protection.outlook.com/pm/troubleshooting.aspx
    [InlineData("550 5.7.1 Unfortunately, messages from [203.0.113.40] weren't sent. Please contact your Internet service provider since part of their network is on our block list (S3150). You can also refer your provider to http://mail.live.com/mail/troubleshooting.aspx#errors. [AM3PEPF0000A795.eurprd04.prod.outlook.com 2026-05-14T09:12:40.311Z 08DDA1C3B2E1F0B0]", "5.7.1", BounceReason.Blocked, false, OutlookCom)]
    // https://sendersupport.olc.protection.outlook.com/pm/troubleshooting.aspx
    [InlineData("451 4.7.650 The mail server [203.0.113.40] has been temporarily rate limited due to IP reputation. For e-mail delivery information, see https://postmaster.live.com (S775) [BL6PEPF0001AB56.namprd02.prod.outlook.com 2026-05-14T09:12:40.311Z 08DDA1C3B2E1F0B1]", "4.7.650", BounceReason.BadReputation, false, OutlookCom)]
    // https://sendersupport.olc.protection.outlook.com/pm/troubleshooting.aspx
    [InlineData("550 5.5.0 Requested action not taken: mailbox unavailable (S2017062302). [DB3PEPF0000885A.eurprd02.prod.outlook.com 2026-05-14T09:12:40.311Z 08DDA1C3B2E1F0B2]", "5.5.0", BounceReason.UserUnknown, true, OutlookCom)]

    // Yahoo Sender Hub, "SMTP Error Codes": https://senders.yahooinc.com/smtp-error-codes/
    [InlineData("421 4.7.0 [TSS04] Messages from 203.0.113.40 temporarily deferred due to unexpected volume or user complaints - 4.16.55.1; see https://postmaster.yahooinc.com/error-codes", "4.7.0", BounceReason.BadReputation, false, Yahoo)]
    // https://senders.yahooinc.com/smtp-error-codes/
    [InlineData("553 5.7.2 [TSS09] All messages from 203.0.113.40 will be permanently deferred; Retrying will NOT succeed. See https://postmaster.yahooinc.com/error-codes", "5.7.2", BounceReason.BadReputation, false, Yahoo)]
    // https://senders.yahooinc.com/smtp-error-codes/
    [InlineData("554 5.7.9 Message not accepted for policy reasons.  See https://postmaster.yahooinc.com/error-codes", "5.7.9", BounceReason.PolicyViolation, false, Yahoo)]
    // https://senders.yahooinc.com/smtp-error-codes/ (the 2024 sender requirements: https://senders.yahooinc.com/best-practices/)
    [InlineData("550 5.7.9 This mail has been blocked because the sender is unauthenticated. Yahoo requires all senders to authenticate with either SPF or DKIM.", "5.7.9", BounceReason.AuthFailure, false, Yahoo)]
    // https://senders.yahooinc.com/smtp-error-codes/
    [InlineData("553 5.7.1 [BL21] Connections will not be accepted from 203.0.113.40, because the ip is in Spamhaus's list; see https://postmaster.yahooinc.com/error-codes", "5.7.1", BounceReason.Blocked, false, Yahoo)]
    // https://senders.yahooinc.com/smtp-error-codes/
    [InlineData("554 delivery error: dd This user doesn't have a yahoo.com account (ann.devries@yahoo.com) [0] - mta1042.mail.ir2.yahoo.com", "5.0.0", BounceReason.UserUnknown, true, Yahoo)]
    // https://senders.yahooinc.com/smtp-error-codes/
    [InlineData("554 delivery error: dd Sorry your message to ann.devries@yahoo.com cannot be delivered. This mailbox is disabled (554.30). - mta1042.mail.ir2.yahoo.com", "5.0.0", BounceReason.Suspend, false, Yahoo)]
    // https://senders.yahooinc.com/smtp-error-codes/ (AOL is on the same platform)
    [InlineData("451 Message temporarily deferred due to unresolvable RFC.5321 from domain; see https://postmaster.yahooinc.com/error-codes", "4.0.0", BounceReason.Rejected, false, Yahoo)]

    // Apple, "Postmaster information for iCloud Mail": https://support.apple.com/en-us/102322
    [InlineData("550 5.7.1 [CS01] Message rejected due to local policy. Please visit https://support.apple.com/en-us/HT204137", "5.7.1", BounceReason.PolicyViolation, false, ICloud)]
    // https://support.apple.com/en-us/102322
    [InlineData("554 5.7.1 [HM08] Message rejected due to local policy. Please visit https://support.apple.com/en-us/HT204137", "5.7.1", BounceReason.BadReputation, false, ICloud)]
    // https://support.apple.com/en-us/102322
    [InlineData("550 5.1.1 <ann.devries@icloud.com>: user does not exist", "5.1.1", BounceReason.UserUnknown, true, ICloud)]
    // https://support.apple.com/en-us/102322
    [InlineData("552 5.2.2 <ann.devries@icloud.com>: user is over quota", "5.2.2", BounceReason.MailboxFull, false, ICloud)]
    // https://support.apple.com/en-us/102322
    [InlineData("550 5.7.1 Your message was rejected due to shop.example's DMARC policy. See https://support.apple.com/en-us/HT204137 for more information.", "5.7.1", BounceReason.AuthFailure, false, ICloud)]
    // https://support.apple.com/en-us/102322 (a link in the message is on Spamhaus' domain list)
    [InlineData("550 5.7.1 Your email was rejected due to having a domain present in the Spamhaus DBL -- see https://www.spamhaus.org/dbl/", "5.7.1", BounceReason.SpamDetected, false, ICloud)]

    // Spamhaus, "DNSBL usage": https://www.spamhaus.org/faqs/dnsbl-usage/ ; Barracuda Reputation: https://www.barracudacentral.org/rbl
    [InlineData("554 5.7.1 Service unavailable; Client host [203.0.113.40] blocked using zen.spamhaus.org; https://www.spamhaus.org/query/ip/203.0.113.40", "5.7.1", BounceReason.Blocked, false, Generic)]
    // https://campus.barracuda.com/product/emailsecuritygateway/doc/3866693/ (Barracuda Reputation Block List)
    [InlineData("554 Service unavailable; Client host [203.0.113.40] blocked using Barracuda Reputation; http://www.barracudanetworks.com/reputation/?r=1&ip=203.0.113.40", "5.7.1", BounceReason.Blocked, false, Generic)]
    // Mimecast, "SMTP error codes": https://community.mimecast.com/s/article/email-security-cloud-gateway-mimecast-smtp-error-codes
    [InlineData("550 Invalid Recipient - https://community.mimecast.com/docs/DOC-1369#550 [xR4tq0aMPOe1Fz7Kd3ZcHg.uk75]", "5.0.0", BounceReason.UserUnknown, true, Mimecast)]
    // https://community.mimecast.com/s/article/email-security-cloud-gateway-mimecast-smtp-error-codes
    [InlineData("550 Rejected by header based Blocked Senders - block policy for Header From - https://community.mimecast.com/docs/DOC-1369#550 [pQ2sT9bNRfm3hY1kW8aLcA.uk73]", "5.0.0", BounceReason.Rejected, false, Mimecast)]
    // https://community.mimecast.com/s/article/email-security-cloud-gateway-mimecast-smtp-error-codes
    [InlineData("554 Email rejected due to security policies - https://community.mimecast.com/docs/DOC-1369#554 [c5Yd0hQeNZu2Gv8Tm1XsPw.uk48]", "5.0.0", BounceReason.PolicyViolation, false, Mimecast)]
    // Proofpoint, "IP check / dynamic reputation": https://ipcheck.proofpoint.com/
    [InlineData("554 5.7.0 Blocked - see https://ipcheck.proofpoint.com/?ip=203.0.113.40", "5.7.0", BounceReason.BadReputation, false, Proofpoint)]
    // Zoho Mail, "Email bounce / SMTP error codes": https://www.zoho.com/mail/help/adminconsole/email-bounce-errors.html
    [InlineData("554 5.7.1 Email rejected per DMARC policy for shop.example (DMARC policy reject)", "5.7.1", BounceReason.AuthFailure, false, Zoho)]

    // More of Google's table, https://support.google.com/a/answer/3726730
    [InlineData("421-4.7.0 [203.0.113.40      15] Our system has detected an unusual rate of unsolicited mail originating from your IP address. To protect our users from spam, mail sent from your IP address has been temporarily rate limited. For more information, go to https://support.google.com/mail/?p=UnsolicitedRateLimitError 2adb3069b0e04-55b9asi4.1 - gsmtp", "4.7.0", BounceReason.BadReputation, false, Gmail)]
    // https://support.google.com/a/answer/3726730
    [InlineData("550-5.7.1 [2001:db8:4:1::25] Our system has detected that this message does not meet IPv6 sending guidelines regarding PTR records and authentication. For more information, go to https://support.google.com/mail/?p=IPv6AuthError 5b1f17b1804b1-4537asi2.5 - gsmtp", "5.7.1", BounceReason.RequirePtr, false, Gmail)]
    // https://support.google.com/a/answer/3726730
    [InlineData("550-5.7.1 This message violates shop.example email policy. - gcdp 7a2c1b3e0f4d5-4a1basi6.6 - gsmtp", "5.7.1", BounceReason.Filtered, false, Gmail)]
    // https://support.google.com/a/answer/3726730
    [InlineData("550-5.7.1 Unauthenticated email is not accepted from this domain. For more information, go to https://support.google.com/mail/answer/81126 3f1490d57ef6-e8b2asi1.9 - gsmtp", "5.7.1", BounceReason.AuthFailure, false, Gmail)]
    // https://support.google.com/a/answer/3726730
    [InlineData("550-5.4.5 Daily user sending limit exceeded. For more information on Gmail sending limits, go to https://support.google.com/a/answer/166852 46e09a7af769-2ea1asi8.8 - gsmtp", "5.4.5", BounceReason.Speeding, false, Gmail)]
    // https://support.google.com/a/answer/3726730
    [InlineData("421-4.7.30 Your email has been rate limited because DKIM authentication didn't pass for this message. Gmail requires all bulk email senders to authenticate with DKIM. For more information, go to https://support.google.com/mail/answer/81126#authentication 5b1f17b1804b1-45a2asi1.1 - gsmtp", "4.7.30", BounceReason.AuthFailure, false, Gmail)]
    // https://support.google.com/a/answer/3726730
    [InlineData("554-5.6.0 Mail message is malformed. Not accepted. For more information, go to https://support.google.com/mail/?p=RfcMessageNonCompliant ffacd0b85a97d-3b50asi3.4 - gsmtp", "5.6.0", BounceReason.NotCompliantRfc, false, Gmail)]

    // More of Microsoft's Exchange Online list:
    // https://learn.microsoft.com/exchange/mail-flow-best-practices/non-delivery-reports-in-exchange-online/non-delivery-reports-in-exchange-online
    [InlineData("550 5.7.1 Service unavailable, Client host [203.0.113.40] blocked using Spamhaus. To request removal from this list see https://www.spamhaus.org/query/ip/203.0.113.40 AS(1450) [AM2PEPF0001C70E.eurprd05.prod.outlook.com]", "5.7.1", BounceReason.Blocked, false, Microsoft365)]
    // https://learn.microsoft.com/exchange/mail-flow-best-practices/non-delivery-reports-in-exchange-online/fix-error-code-5-7-23-in-exchange-online
    [InlineData("550 5.7.23 The message was rejected because of Sender Policy Framework violation -- shop.example does not designate 203.0.113.40 as permitted sender", "5.7.23", BounceReason.AuthFailure, false, Microsoft365)]
    // https://learn.microsoft.com/exchange/mail-flow-best-practices/non-delivery-reports-in-exchange-online/fix-error-code-5-7-1-through-5-7-999-in-exchange-online
    [InlineData("550 5.7.12 The sender was not authenticated by organization. For more information, go to https://aka.ms/EXOSmtpErrors", "5.7.12", BounceReason.Filtered, false, Microsoft365)]
    // https://learn.microsoft.com/exchange/mail-flow-best-practices/non-delivery-reports-in-exchange-online/fix-error-code-5-7-1-through-5-7-999-in-exchange-online
    [InlineData("550 5.7.1 RESOLVER.RST.NotAuthorized; not authorized. Delivery not authorized, message refused.", "5.7.1", BounceReason.Filtered, false, Microsoft365)]
    // https://learn.microsoft.com/exchange/mail-flow-best-practices/non-delivery-reports-in-exchange-online/fix-error-code-5-4-1-in-exchange-online (relay)
    [InlineData("550 5.4.1 Relay Access Denied. For more information see https://aka.ms/EXOSmtpErrors [BN1PEPF00005FFE.namprd05.prod.outlook.com]", "5.4.1", BounceReason.NoRelaying, false, Microsoft365)]
    // https://learn.microsoft.com/exchange/mail-flow-best-practices/non-delivery-reports-in-exchange-online/fix-error-code-5-7-57-in-exchange-online
    [InlineData("530 5.7.57 Client not authenticated to send mail. Error: 535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Tenant.", "5.7.57", BounceReason.SecurityError, false, Microsoft365)]
    // https://learn.microsoft.com/exchange/mail-flow-best-practices/non-delivery-reports-in-exchange-online/non-delivery-reports-in-exchange-online (4.7.500-699)
    [InlineData("451 4.7.500 Server busy. Please try again later from [203.0.113.40]. (S77719) [DB5PEPF00014B8E.eurprd02.prod.outlook.com]", "4.7.500", BounceReason.BadReputation, false, OutlookCom)]

    // Comcast (its postmaster error-code page): http://postmaster.comcast.net/smtp-error-codes.php
    [InlineData("554 5.7.1 [203.0.113.40] Comcast block for spam. Please see http://postmaster.comcast.net/smtp-error-codes.php#BL000000", "5.7.1", BounceReason.Blocked, false, "mx1a1.comcast.net")]
    // Deutsche Telekom (T-Online) postmaster: https://postmaster.t-online.de/index.en.html
    [InlineData("554 IP=203.0.113.40 - A problem occurred. (Ask your postmaster for help or to contact tosa@rx.t-online.de to clarify.) (BL)", "5.0.0", BounceReason.Blocked, false, "mx00.t-online.de")]
    // Fastmail, "Undelivered email": https://www.fastmail.com/help/send/undeliverable.html
    [InlineData("550 5.1.1 <ann.devries@fastmail.com>: Recipient address rejected: User unknown in local recipient table", "5.1.1", BounceReason.UserUnknown, true, "in1-smtp.messagingengine.com")]
    // Fastmail blog, "Change in over quota handling": https://fastmail.com/blog/change-in-over-quota-handling
    [InlineData("451 4.2.2 User is over quota, try again later", "4.2.2", BounceReason.MailboxFull, false, "in1-smtp.messagingengine.com")]

    // https://support.google.com/a/answer/3726730 (the content and links, not the sender's reputation)
    [InlineData("421-4.7.0 [203.0.113.40      15] Our system has detected that this message is suspicious due to the nature of the content and/or the links within. To best protect our users from spam, the message has been blocked. For more information, go to https://support.google.com/mail/answer/188131 a640c23a62f3a-ae1asi2.2 - gsmtp", "4.7.0", BounceReason.SpamDetected, false, Gmail)]
    // https://support.google.com/a/answer/3726730
    [InlineData("550-5.7.1 [203.0.113.40] Messages with multiple addresses in From: header are not accepted. For more information, go to https://support.google.com/mail/?p=RfcMessageNonCompliant 38308e7fff4ca-32b4asi7.3 - gsmtp", "5.7.1", BounceReason.NotCompliantRfc, false, Gmail)]
    // https://support.google.com/a/answer/3726730
    [InlineData("452-4.5.3 Your message has too many recipients. For more information regarding Google's sending limits, go to https://support.google.com/mail/answer/6592 e9e14a558f8ab-3e30asi1.6 - gsmtp", "4.5.3", BounceReason.TooManyConn, false, Gmail)]
    // https://learn.microsoft.com/exchange/mail-flow-best-practices/non-delivery-reports-in-exchange-online/non-delivery-reports-in-exchange-online
    // (5.7.705: most of the sending tenant's traffic looked suspicious; the same meaning as 5.7.708)
    [InlineData("550 5.7.705 Access denied, tenant has exceeded threshold. For more information please go to http://go.microsoft.com/fwlink/?LinkId=526653 AS(7228) [AM6PR0202MB3397.eurprd02.prod.outlook.com]", "5.7.705", BounceReason.BadReputation, false, Microsoft365)]
    // https://learn.microsoft.com/exchange/mail-flow-best-practices/non-delivery-reports-in-exchange-online/fix-error-code-5-1-8-in-exchange-online
    [InlineData("550 5.1.8 Access denied, bad outbound sender. AS(42) [DB8PR09MB3306.eurprd09.prod.outlook.com]", "5.1.8", BounceReason.Rejected, false, Microsoft365)]
    // GMX / WEB.DE postmaster, "Fehlermeldungen": the sender's domain has no MX or A record (written after the generic
    // "mailbox unavailable", which is no unknown recipient here)
    [InlineData("550-Requested action not taken: mailbox unavailable 550 invalid DNS MX or A/AAAA resource record", "5.0.0", BounceReason.Rejected, false, Gmx)]
    // https://learn.microsoft.com/exchange/mail-flow-best-practices/non-delivery-reports-in-exchange-online/fix-error-code-5-7-1-through-5-7-999-in-exchange-online
    [InlineData("550 5.7.133 RESOLVER.RST.SenderNotAuthenticatedForGroup; authentication required; Delivery restriction check failed because the sender was not authenticated when sending to this group", "5.7.133", BounceReason.SecurityError, false, Microsoft365)]
    // https://learn.microsoft.com/exchange/mail-flow-best-practices/non-delivery-reports-in-exchange-online/fix-error-code-5-2-2-through-5-2-121-in-exchange-online (the sender's own limit)
    [InlineData("554 5.2.2 mailbox full; STOREDRV.Submission.Exception:SubmissionQuotaExceededException; Failed to process message due to a permanent exception with message Cannot submit message.", "5.2.2", BounceReason.Speeding, false, Microsoft365)]
    // Yahoo Sender Hub, https://senders.yahooinc.com/smtp-error-codes/
    [InlineData("554 delivery error: dd Sorry, your message to ann.devries@yahoo.com cannot be delivered. This account is over quota. - mta4211.mail.bf1.yahoo.com", "5.0.0", BounceReason.MailboxFull, false, Yahoo)]
    // https://senders.yahooinc.com/smtp-error-codes/
    [InlineData("421 4.7.0 [TS01] Messages from 203.0.113.40 temporarily deferred due to user complaints - 4.16.55.1; see https://postmaster.yahooinc.com/error-codes", "4.7.0", BounceReason.BadReputation, false, Yahoo)]

    // Spamhaus, "DNSBL usage": https://www.spamhaus.org/faqs/dnsbl-usage/ (the older combined list name)
    [InlineData("550 5.7.1 Service unavailable; client [203.0.113.40] blocked using sbl-xbl.spamhaus.org", "5.7.1", BounceReason.Blocked, false, Generic)]
    // Barracuda Reputation Block List (as a DNSBL in Postfix): https://www.barracudacentral.org/rbl/how-to-use
    [InlineData("554 5.7.1 Service unavailable; Client host [203.0.113.40] blocked using b.barracudacentral.org; http://www.barracudanetworks.com/reputation/?pr=1&ip=203.0.113.40", "5.7.1", BounceReason.Blocked, false, Generic)]
    // Mimecast SMTP error codes: https://community.mimecast.com/s/article/email-security-cloud-gateway-mimecast-smtp-error-codes
    [InlineData("550 Anti-Spoofing policy - Inbound not allowed - https://community.mimecast.com/docs/DOC-1369#550 [Hq8vN2cYR4qG0sJ1xw7mTg.uk81]", "5.0.0", BounceReason.AuthFailure, false, Mimecast)]
    // https://community.mimecast.com/s/article/email-security-cloud-gateway-mimecast-smtp-error-codes
    [InlineData("550 Envelope blocked - User Entry - https://community.mimecast.com/docs/DOC-1369#550 [1rTz9wLqPVmE8dYc6kHbNA.uk74]", "5.0.0", BounceReason.Filtered, false, Mimecast)]
    // Zoho Mail bounce errors: https://www.zoho.com/mail/help/adminconsole/email-bounce-errors.html
    [InlineData("550 5.1.1 User does not exist - ann.devries@zohomail.eu", "5.1.1", BounceReason.UserUnknown, true, Zoho)]
    // GMX postmaster, error messages: https://postmaster.gmx.net/en/error-messages
    [InlineData("550 Requested action not taken: mailbox unavailable", "5.0.0", BounceReason.UserUnknown, true, "mx00.gmx.net")]
    public void A_providers_current_reply_gives_the_reason_it_means(string diagnostic, string status, BounceReason want, bool hard, string remoteMta)
    {
        var result = Assert.Single(BounceFixtures.Parse(BounceFixtures.OneRecipientReport(status, diagnostic, remoteMta)).Results);
        Assert.Equal(want, result.Reason);
        Assert.Equal(hard, result.HardBounce);
    }

    [Theory]
    [InlineData("550-5.7.26 This mail has been blocked because the sender is unauthenticated. Gmail requires all senders to authenticate with either SPF or DKIM. - gsmtp", "5.7.26", BounceReason.AuthFailure)]
    [InlineData("421 4.7.0 [TSS04] Messages from 203.0.113.40 temporarily deferred due to unexpected volume or user complaints", "4.7.0", BounceReason.BadReputation)]
    [InlineData("550 5.4.1 Recipient address rejected: Access denied. For more information see https://aka.ms/EXOSmtpErrors", "5.4.1", BounceReason.UserUnknown)]
    public void The_reason_rules_alone_agree_where_the_wording_says_enough(string diagnostic, string status, BounceReason want)
    {
        Assert.Equal(want, Classify(diagnostic, status: status).Reason);
    }
}
