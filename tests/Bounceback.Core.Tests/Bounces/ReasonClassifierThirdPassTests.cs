using Bounceback.Core.Bounces.Decoders;
using Bounceback.Core.Bounces.Reasons;
using Bounceback.Core.Codes;
using static Bounceback.Core.Tests.Bounces.ReasonCases;

namespace Bounceback.Core.Tests.Bounces;

/// <summary>Third pass on parse accuracy: hard or soft, refusals of the sender, relays named as open, unroutable domains.</summary>
public class ReasonClassifierThirdPassTests
{
    private const string Sender = "news@letters.example";

    [Fact]
    public void A_missing_mailbox_is_hard_even_when_the_server_asks_to_try_again()
    {
        var c = Classify("450 4.1.1 <ann@shop.example>: no mailbox by this name in the alias map", "4.1.1");
        Assert.Equal(BounceReason.UserUnknown, c.Reason);
        Assert.True(c.Temporary);
        Assert.True(c.HardBounce);
    }

    [Theory]
    [InlineData("5.1.10", true)]
    [InlineData("4.1.10", false)]
    public void A_domain_that_takes_no_mail_is_hard_only_when_the_failure_is_permanent(string status, bool hard)
    {
        var c = Classify("shop.example publishes a null MX, so it takes no mail", status);
        Assert.Equal(BounceReason.NotAccept, c.Reason);
        Assert.Equal(hard, c.HardBounce);
    }

    [Fact]
    public void A_full_mailbox_is_soft_even_when_the_failure_is_permanent()
    {
        var c = Classify("552 5.2.2 this mailbox is over quota", "5.2.2");
        Assert.Equal(BounceReason.MailboxFull, c.Reason);
        Assert.False(c.HardBounce);
    }

    [Fact]
    public void An_access_refusal_that_echoes_the_senders_address_refuses_the_sender()
    {
        var c = Classify("550 5.7.1 <news@letters.example>... Access denied", "5.7.1", sender: Sender);
        Assert.Equal(BounceReason.Rejected, c.Reason);
        Assert.False(c.HardBounce);
    }

    [Fact]
    public void The_same_access_refusal_without_the_senders_address_stays_a_block()
    {
        Assert.Equal(BounceReason.Blocked, Classify("550 5.7.1 Access denied", "5.7.1", sender: Sender).Reason);
        Assert.Equal(BounceReason.Blocked, Classify("550 5.7.1 <news@letters.example>... Access denied", "5.7.1", sender: null).Reason);
    }

    [Fact]
    public void A_vague_unknown_address_that_echoes_the_sender_is_the_senders_not_the_recipients()
    {
        var c = Classify("553 <news@letters.example>... address unknown here", null, sender: Sender);
        Assert.Equal(BounceReason.Rejected, c.Reason);
        Assert.False(c.HardBounce);
    }

    [Fact]
    public void A_refusal_that_names_both_addresses_is_read_from_its_words()
    {
        var c = Classify("550 mail from <news@letters.example> to <ann@shop.example>: no such user", null, sender: Sender);
        Assert.Equal(BounceReason.UserUnknown, c.Reason);
    }

    [Fact]
    public void A_block_list_refusal_that_echoes_the_sender_stays_a_block()
    {
        var c = Classify("554 <news@letters.example>: mail refused, your IP address is listed on a DNS block list", null, sender: Sender);
        Assert.Equal(BounceReason.Blocked, c.Reason);
    }

    [Fact]
    public void The_senders_address_in_the_quoted_mail_from_command_is_not_an_echo_of_the_reply()
    {
        var c = Classify("SMTP error from remote mail server after MAIL FROM:<news@letters.example> SIZE=2048: 550 Access denied", null, sender: Sender);
        Assert.Equal(BounceReason.Blocked, c.Reason);
    }

    [Fact]
    public void A_server_refused_for_being_an_open_relay_is_blocked()
    {
        Assert.Equal(BounceReason.Blocked, Classify("501 no mail taken from host [192.0.2.9], it is an open relay").Reason);
    }

    [Fact]
    public void A_server_that_declines_to_be_an_open_relay_is_no_relaying()
    {
        Assert.Equal(BounceReason.NoRelaying, Classify("550 sorry, this host is not an open relay for other domains").Reason);
    }

    [Fact]
    public void Cpanels_unroutable_domain_notice_is_an_unknown_host()
    {
        var c = Classify("Nothing could be handed to ann@shop.example: the domain may be gone or missing the proper DNS records for mail.");
        Assert.Equal(BounceReason.HostUnknown, c.Reason);
        Assert.True(c.HardBounce);
    }

    [Fact]
    public void A_bare_550_after_the_content_is_undecided_and_soft()
    {
        var c = ReasonClassifier.Classify(ReportKind.Failure,
            new RecipientFacts { Recipient = Recipient, DiagnosticCode = "550 we do not take this message here", Action = "failed", Command = "DATA" }, null);
        Assert.Equal(BounceReason.OnHold, c.Reason);
        Assert.False(c.HardBounce);
    }

    [Fact]
    public void The_same_bare_550_at_rcpt_to_is_a_missing_mailbox()
    {
        var c = ReasonClassifier.Classify(ReportKind.Failure,
            new RecipientFacts { Recipient = Recipient, DiagnosticCode = "550 we do not take this message here", Action = "failed", Command = "RCPT" }, null);
        Assert.Equal(BounceReason.UserUnknown, c.Reason);
    }

    [Theory]
    [InlineData("450 4.1.8 <news@letters.example>: the sender address was refused, its domain cannot be found", "4.1.8")]
    [InlineData("553 5.1.7 the address in MAIL FROM is malformed", "5.1.7")]
    public void A_status_about_the_senders_address_or_system_means_the_sender_was_refused(string diagnostic, string status)
    {
        Assert.Equal(BounceReason.Rejected, Classify(diagnostic, status).Reason);
    }

    [Fact]
    public void A_sender_address_whose_domain_is_not_found_is_the_senders_even_without_a_status()
    {
        Assert.Equal(BounceReason.Rejected, Classify("450 Sender address rejected: domain not found for news@letters.example").Reason);
    }

    [Theory]
    [InlineData("450 4.7.1 the sending rate limit of this account is exceeded")]
    [InlineData("450-4.2.1 This mailbox is receiving mail at a rate that keeps more mail from being taken now")]
    public void Rate_limits_are_speeding_not_a_size_limit_or_a_disabled_mailbox(string diagnostic)
    {
        Assert.Equal(BounceReason.Speeding, Classify(diagnostic, diagnostic.Contains("4.2.1", StringComparison.Ordinal) ? "4.2.1" : "4.7.1").Reason);
    }

    [Fact]
    public void A_host_that_may_not_connect_is_blocked()
    {
        Assert.Equal(BounceReason.Blocked, Classify("554 5.7.1 your server is not allowed to connect here", "5.7.1").Reason);
    }

    [Theory]
    [InlineData("550 5.7.1 this message was refused: the recipient has chosen not to take mail from you")]
    [InlineData("550 5.7.1 refused: the sender is on the recipient's block list")]
    [InlineData("554 5.7.1 not delivered: this mailbox is only accepting mail from people it knows")]
    [InlineData("550 5.7.1 the message was blocked by the recipient's filter rules")]
    public void A_recipients_own_block_of_the_sender_is_the_recipients_filter(string diagnostic)
    {
        Assert.Equal(BounceReason.Filtered, Classify(diagnostic, "5.7.1").Reason);
    }

    [Fact]
    public void A_message_blocked_for_spam_content_is_spam_not_a_block_of_the_host()
    {
        Assert.Equal(BounceReason.SpamDetected, Classify("554 5.7.1 we blocked this message: its content was identified as spam", "5.7.1").Reason);
    }

    [Fact]
    public void A_banned_attachment_is_a_policy_not_a_block_of_the_host()
    {
        Assert.Equal(BounceReason.PolicyViolation, Classify("550 5.7.1 refused under our policy: banned attachment (.scr)", "5.7.1").Reason);
    }

    [Fact]
    public void A_mailbox_blocked_for_inactivity_is_suspended()
    {
        Assert.Equal(BounceReason.Suspend, Classify("550 5.2.1 this mailbox was blocked due to inactivity", "5.2.1").Reason);
    }

    [Theory]
    [InlineData("Remote Server returned '550 5.1.1 the address was not found'", 550)]
    [InlineData("550: 5.2.2 <ann@shop.example>... no room left", 550)]
    [InlineData("Bad address, ERROR_CODE :553, ERROR_CODE :5.1.1 <ann@shop.example>", 553)]
    [InlineData("ResponseCode 421, , the host could not be reached", 421)]
    [InlineData("host mx.shop.example[2001:db8::250] said: 550 no such user", 550)]
    public void The_reply_code_is_found_in_the_forms_servers_write_it(string text, int want)
    {
        Assert.Equal(want, ReasonClassifier.FindReply(text));
    }

    [Fact]
    public void A_delivery_programs_exit_status_is_not_a_reply_code_and_the_notices_own_reply_is_used()
    {
        var facts = new RecipientFacts { Recipient = Recipient, Status = "5.0.0", DiagnosticType = "X-Unix", DiagnosticCode = "255", Action = "failed" };
        var withNotice = ReasonClassifier.Classify(ReportKind.Failure, facts, "The script could not store the message.\n554 5.3.0 the local delivery program failed with 255");
        var alone = ReasonClassifier.Classify(ReportKind.Failure, facts, null);
        Assert.Equal(BounceReason.MailerError, withNotice.Reason);
        Assert.Equal(554, withNotice.ReplyCode);
        Assert.Null(alone.ReplyCode);
    }

    [Fact]
    public void A_temporary_dns_failure_is_a_network_error_not_a_system_error()
    {
        Assert.Equal(BounceReason.NetworkError, Classify("451 4.4.0 the DNS temporary failure stopped delivery (#4.4.3)", "4.4.0", action: "delayed").Reason);
    }

    [Fact]
    public void A_command_the_notice_names_for_another_recipient_is_not_this_ones()
    {
        const string notice = "Delivery failed for two addresses.\n"
            + "<lea@far.example>: 553 your sender address is refused (in reply to MAIL FROM command)\n"
            + "<ann@shop.example>: the server said: 550 no such user here\n";
        var facts = new RecipientFacts { Recipient = Recipient, DiagnosticCode = "550 no such user here", Action = "failed" };
        var c = ReasonClassifier.Classify(ReportKind.Failure, facts, notice, Sender, ["lea@far.example", Recipient]);
        Assert.Equal(BounceReason.UserUnknown, c.Reason);
        Assert.Null(c.Command);
    }

    [Fact]
    public void Exchange_quoting_a_dropped_connection_at_the_target_ip_address_is_a_network_error()
    {
        var c = Classify("451 4.4.0 Primary target IP address responded with: \"421 4.4.2 the connection was dropped after a SocketError.\" No other host worked either.", "4.4.0", action: "delayed");
        Assert.Equal(BounceReason.NetworkError, c.Reason);
    }

    [Fact]
    public void A_client_that_did_not_authenticate_is_a_security_error()
    {
        Assert.Equal(BounceReason.SecurityError, Classify("530 5.7.57 the client was not authenticated to send mail here", "5.7.57").Reason);
    }

    [Fact]
    public void A_550_with_a_policy_status_no_rule_knows_is_not_a_missing_mailbox()
    {
        var c = Classify("550 5.7.64 the tenant attribution of this relay failed", "5.7.64");
        Assert.NotEqual(BounceReason.UserUnknown, c.Reason);
        Assert.False(c.HardBounce);
    }

    [Fact]
    public void A_refusal_about_the_senders_own_domain_is_a_refused_sender_not_a_missing_mailbox()
    {
        var c = Classify("550 your domain publishes no MX or address record, so replies could not reach you");
        Assert.Equal(BounceReason.Rejected, c.Reason);
        Assert.False(c.HardBounce);
    }

    [Fact]
    public void A_notice_that_gave_up_after_retrying_for_days_is_expired()
    {
        Assert.Equal(BounceReason.Expired, Classify("Delivery was abandoned after retrying for 4 days").Reason);
    }

    [Fact]
    public void A_deferral_for_user_complaints_is_bad_reputation_not_a_system_error()
    {
        var c = Classify("421 4.7.0 [XY04] mail from 192.0.2.4 is temporarily deferred because of user complaints", "4.7.0", action: "delayed");
        Assert.Equal(BounceReason.BadReputation, c.Reason);
    }

    [Theory]
    [InlineData("450 4.7.1 <mta.letters.example>: Helo command rejected: Host not found", "4.7.1")]
    [InlineData("504 5.5.2 <box>: Helo command rejected: a fully-qualified hostname is required", "5.5.2")]
    public void A_refused_helo_name_is_a_block_of_the_sending_host(string diagnostic, string status)
    {
        var c = Classify(diagnostic, status, action: status.StartsWith('4') ? "delayed" : "failed");
        Assert.Equal(BounceReason.Blocked, c.Reason);
        Assert.False(c.HardBounce);
    }
}
