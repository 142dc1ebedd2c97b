using Bounceback.Core.Bounces.Decoders;
using Bounceback.Core.Bounces.Reasons;
using Bounceback.Core.Codes;
using static Bounceback.Core.Tests.Bounces.ReasonCases;

namespace Bounceback.Core.Tests.Bounces;

/// <summary>
/// Thirteenth pass: what the blind round of self-hosted servers, Exchange on premises and list managers showed. The
/// texts are written for these tests in the shapes those servers use.
/// </summary>
public class ReasonClassifierThirteenthPassTests
{
    [Theory]
    [InlineData("550 5.1.2 Mailbox does not exist.", "userunknown", true)]
    [InlineData("550 5.1.2 Relay not allowed.", "norelaying", false)]
    [InlineData("550 5.1.2 <ann@shop.example>... Host unknown (Name server: shop.example: host not found)", "hostunknown", true)]
    public void A_5_1_2_decides_the_domain_unless_its_words_name_the_mailbox_or_relaying(string diagnostic, string reason, bool hard)
    {
        var c = Classify(diagnostic);
        Assert.Equal((reason, hard), (c.Reason.Token(), c.HardBounce));
    }

    [Theory]
    [InlineData("550 192.0.2.17 is not allowed to send mail from example.org", "5.7.23")]
    [InlineData("550 SPF Sender Invalid - envelope rejected", "5.7.23")]
    [InlineData("550 Mail from example.org with invalid signature (DKIM)", "5.7.20")]
    [InlineData("550 Message rejected: SPF and DKIM both failed", "5.7.26")]
    [InlineData("550 Unauthenticated email is not accepted from this domain (DMARC reject)", "5.7.26")]
    public void A_failed_authentication_without_a_status_gets_the_status_of_the_check_its_words_name(string diagnostic, string status)
    {
        var c = Classify(diagnostic);
        Assert.Equal((BounceReason.AuthFailure, status), (c.Reason, c.Status));
    }

    [Fact]
    public void A_status_the_server_gave_is_kept_whatever_check_its_words_name() =>
        Assert.Equal("5.7.1", Classify("550 5.7.1 SPF check failed").Status);

    [Fact]
    public void Exchanges_front_end_proxy_failure_is_read_from_the_reply_it_quotes()
    {
        var c = Classify("550 5.7.0 Proxy session setup failed on Frontend with '554 5.4.4 SMTPSEND.DNS.NonExistentDomain; nonexistent domain'");
        Assert.Equal((BounceReason.HostUnknown, "5.4.4", 554), (c.Reason, c.Status, c.ReplyCode));
    }

    [Fact]
    public void A_mailbox_no_longer_in_use_is_unknown_also_under_a_policy_status()
    {
        var c = Classify("550 5.7.1 This mailbox is no longer in use. Karin has left the company.");
        Assert.Equal((BounceReason.UserUnknown, true), (c.Reason, c.HardBounce));
    }

    [Fact]
    public void Harakas_refusal_of_a_recipient_no_plugin_accepted_is_relaying() =>
        Assert.Equal(BounceReason.NoRelaying, Classify("550 I cannot deliver mail for <ann@shop.example>").Reason);

    [Theory]
    [InlineData("conversation with mx.example.net[198.51.100.83] timed out while performing the EHLO handshake", "EHLO")]
    [InlineData("lost connection with mail.example.com[203.0.113.29] while sending message body", "DATA")]
    [InlineData("conversation with mx2.example.net[198.51.100.115] timed out while sending RCPT TO", "RCPT")]
    public void Postfixs_lost_or_timed_out_connection_names_its_step(string diagnostic, string command) =>
        Assert.Equal(command, Classify(diagnostic).Command);

    [Fact]
    public void A_delivery_programs_trouble_with_its_own_key_file_is_a_mailer_error_not_mail_security()
    {
        var c = ReasonClassifier.Classify(ReportKind.Failure, new RecipientFacts
        {
            Recipient = Recipient, Status = "4.3.0", Action = "delayed", DiagnosticType = "x-unix",
            DiagnosticCode = "doveconf: Fatal: Error in configuration file /etc/dovecot/conf.d/10-ssl.conf line 12: ssl_key: Can't open file /etc/ssl/private/mail.key: Permission denied",
        }, null);
        Assert.Equal(BounceReason.MailerError, c.Reason);
    }
}
