using Bounceback.Core.Bounces.Decoders;
using Bounceback.Core.Bounces.Reasons;
using Bounceback.Core.Codes;
using static Bounceback.Core.Tests.Bounces.ReasonCases;

namespace Bounceback.Core.Tests.Bounces;

/// <summary>Reason rules added for wording and status codes real servers use; every text is written for these tests.</summary>
public class ReasonClassifierWordingTests
{
    [Theory]
    [InlineData("Deferred: Name server: shop.example.: host name lookup failure. Message could not be delivered for 5 days", "4.4.7", BounceReason.NetworkError)]
    [InlineData("550 5.4.312 Message expired, DNS query failed", "5.4.312", BounceReason.NetworkError)]
    [InlineData("554 4.4.7 Message expired: unable to deliver in 840 minutes.<421 4.4.0 Unable to lookup DNS for shop.example>", "4.4.7", BounceReason.NetworkError)]
    [InlineData("Deferred: Connection refused by mx.shop.example. Message could not be delivered for 5 days", "4.4.7", BounceReason.Blocked)]
    [InlineData("Unable to contact LDAP server. (#4.4.3) I'm not going to try again; this message has been in the queue too long.", null, BounceReason.SystemError)]
    [InlineData("Message expired after 3 days; last attempt: connection timed out", "4.4.7", BounceReason.Expired)]
    // An expiry whose cause is a temporary fault, with no status in the message, reports it under class 4.
    [InlineData("vdelivermail: deferred, database down. I'm not going to try again; this message has been in the queue too long.", null, BounceReason.SystemError)]
    // "ssl" inside a word is no mention of SSL (Swedish "misslyckats").
    [InlineData("Delay reason: Connection timed out. Lyckas det inte får du ett meddelande om att leveransen har misslyckats.", "4.0.0", BounceReason.Expired)]
    public void An_expiry_notice_reports_the_cause_it_names_except_a_timeout(string diagnostic, string? status, BounceReason want)
    {
        Assert.Equal(want, Classify(diagnostic, status).Reason);
    }

    [Fact]
    public void An_expiry_whose_cause_replaces_it_keeps_a_temporary_status() =>
        Assert.Equal("4.3.0", Classify("vdelivermail: deferred, database down. I'm not going to try again; this message has been in the queue too long.", null).Status);

    [Fact]
    public void An_expiry_reports_the_status_of_the_last_attempt_it_quotes()
    {
        var c = Classify("554 4.4.7 Message expired: unable to deliver in 900 minutes.<421 4.4.2 Connection timed out>", "4.4.7");
        Assert.Equal(BounceReason.Expired, c.Reason);
        Assert.Equal("4.4.2", c.Status);
    }

    [Fact]
    public void A_multi_line_reply_joined_into_one_line_reads_as_one_sentence()
    {
        var c = Classify("550-5.7.1 [192.0.2.7] Messages that carry multiple 550-5.7.1 addresses in the From: header are refused.", "5.7.1");
        Assert.Equal(BounceReason.NotCompliantRfc, c.Reason);
    }

    [Theory]
    [InlineData("550 5.4.1 Recipient address rejected: Access denied. [DM3NAM02FT011.eop-nam02.prod.protection.outlook.com]", "5.4.1")]
    [InlineData("554 5.7.1 <ann@shop.example>: Recipient address rejected: Access denied", "5.7.1")]
    public void Recipient_address_rejected_access_denied_means_the_mailbox_is_unknown(string diagnostic, string status)
    {
        Assert.Equal(BounceReason.UserUnknown, Classify(diagnostic, status).Reason);
    }

    [Theory]
    [InlineData("delivery temporarily suspended: connect to mx.shop.example[192.0.2.4]:25: server refused to talk to me: 421 Service not available")]
    [InlineData("delivery temporarily suspended: host mx.shop.example[192.0.2.4] refused to talk to me: 421 Too busy")]
    public void Postfix_delivery_temporarily_suspended_is_not_a_suspended_account(string diagnostic)
    {
        var c = Classify(diagnostic, "4.0.0");
        Assert.NotEqual(BounceReason.Suspend, c.Reason);
        Assert.Equal(BounceReason.Blocked, c.Reason);
    }

    [Theory]
    [InlineData("525 5.7.13 <ann@shop.example>: this account has been switched off", "5.7.13", BounceReason.Suspend)]
    [InlineData("550 5.7.6 Delivery failed", "5.7.6", BounceReason.SecurityError)]
    public void Registered_security_codes_decide_without_wording(string diagnostic, string status, BounceReason want)
    {
        Assert.Equal(want, Classify(diagnostic, status).Reason);
    }

    [Theory]
    [InlineData("553 mail.letters.example does not exist", BounceReason.HostUnknown)]
    [InlineData("550 Mailbox jane.doe does not exist", BounceReason.UserUnknown)]
    [InlineData("550 <jane.doe@shop.example> does not exist", BounceReason.UserUnknown)]
    public void Does_not_exist_about_a_bare_domain_is_an_unknown_host(string diagnostic, BounceReason want)
    {
        Assert.Equal(want, Classify(diagnostic).Reason);
    }

    [Theory]
    [InlineData("550 service permits 2 unverifiable sending IPs - letters.example is not 203.0.113.9", BounceReason.RequirePtr)]
    [InlineData("Sorry, you are sending to or from an address that has been blacklisted", BounceReason.Rejected)]
    [InlineData("550 5.2.0 <news@letters.example> From: domain is invalid. Please provide a valid From: header", BounceReason.Rejected)]
    [InlineData("Name service error for domain shop.example: Host not found, try again", BounceReason.NetworkError)]
    [InlineData("553 Domain of sender address news@letters.example does not resolve", BounceReason.Rejected)]
    [InlineData("550 5.7.1 Sender rejected: IP 192.0.2.1 is listed at bl.spamcop.net", BounceReason.Blocked)]
    [InlineData("550 5.7.1 Message rejected because of unacceptable content", BounceReason.PolicyViolation)]
    [InlineData("450 4.2.0 <ann@shop.example>: Recipient address rejected: Greylisted for 5 minutes, come back later", BounceReason.Blocked)]
    public void Sender_side_wording_gets_its_own_reason(string diagnostic, BounceReason want)
    {
        Assert.Equal(want, Classify(diagnostic).Reason);
    }

    [Theory]
    [InlineData("554 5.3.0 <ann@shop.example>: Recipient address rejected: Internal system error, try later", BounceReason.SystemError)]
    [InlineData("The group you wrote to may not exist, or you do not have permission to post messages to it.", BounceReason.Rejected)]
    [InlineData("Your 'Send mail as' settings are out of date. Learn more: https://support.google.com/mail/?p=CustomFromDenied", BounceReason.Rejected)]
    public void Server_faults_and_group_refusals_are_not_unknown_recipients(string diagnostic, BounceReason want)
    {
        Assert.Equal(want, Classify(diagnostic, "5.3.0").Reason);
    }

    [Fact]
    public void A_failed_local_delivery_program_reports_a_mailer_status_instead_of_a_catch_all()
    {
        var c = ReasonClassifier.Classify(ReportKind.Failure,
            new RecipientFacts { Recipient = "ann@shop.example", Status = "5.0.0", DiagnosticType = "x-unix", DiagnosticCode = "75", Action = "failed" }, null);
        Assert.Equal(BounceReason.MailerError, c.Reason);
        Assert.Equal("5.3.0", c.Status);
    }

    [Fact]
    public void A_notice_without_per_recipient_wording_gives_its_own_status_and_reason()
    {
        const string notice = "SMTP error from remote mail server after MAIL FROM:<news@letters.example>: host mx.shop.example [192.0.2.20]: "
            + "550 5.7.0 <news@letters.example>... Please relay through the SMTP server of your ISP.";
        var c = ReasonClassifier.Classify(ReportKind.Failure, new RecipientFacts { Recipient = "ann@shop.example", Action = "failed" }, notice);
        Assert.Equal(BounceReason.Blocked, c.Reason);
        Assert.Equal("5.7.0", c.Status);
        Assert.Equal(550, c.ReplyCode);
    }

    [Fact]
    public void A_dotted_name_that_does_not_exist_stays_a_mailbox_when_the_status_says_so()
    {
        Assert.Equal(BounceReason.UserUnknown, Classify("550 5.1.1 ann.smith does not exist here", "5.1.1").Reason);
    }
}
