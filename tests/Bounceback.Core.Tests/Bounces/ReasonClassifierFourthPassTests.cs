using Bounceback.Core.Bounces.Decoders;
using Bounceback.Core.Bounces.Reasons;
using Bounceback.Core.Codes;
using static Bounceback.Core.Tests.Bounces.ReasonCases;

namespace Bounceback.Core.Tests.Bounces;

/// <summary>Fourth pass on parse accuracy: links in diagnostics, the bare x.7.0 status, qmail's rcpthosts, a user's own block.</summary>
public class ReasonClassifierFourthPassTests
{

    [Theory]
    [InlineData("550 5.7.1 Message not accepted; details at https://help.mail.example.net/articles/help_spam?lang=en", BounceReason.SpamDetected)]
    [InlineData("550 5.7.1 Refused, read http://support.example.org/virus-and-malware/ before you try again", BounceReason.VirusDetected)]
    [InlineData("550 5.1.1 Recipient refused, see https://docs.example.net/reasons/over-quota", BounceReason.MailboxFull)]
    public void Words_in_the_path_of_a_link_do_not_decide_the_reason(string diagnostic, BounceReason notThis)
    {
        Assert.NotEqual(notThis, Classify(diagnostic).Reason);
    }

    [Fact]
    public void The_host_name_of_a_link_still_names_the_block_list()
    {
        var c = Classify("554 5.7.1 Service unavailable; look up 192.0.2.44 at https://check.spamhaus.org/results/?query=192.0.2.44");
        Assert.Equal(BounceReason.Blocked, c.Reason);
    }

    [Fact]
    public void The_wording_next_to_a_link_is_still_read()
    {
        var c = Classify("552 5.2.2 Mailbox full, more at https://help.example.net/q/1234");
        Assert.Equal(BounceReason.MailboxFull, c.Reason);
    }

    [Fact]
    public void A_bare_x_7_0_status_with_unknown_wording_is_no_security_error()
    {
        var c = Classify("550 5.7.0 Your message could not be accepted", "5.7.0");
        Assert.NotEqual(BounceReason.SecurityError, c.Reason);
        Assert.False(c.HardBounce);
    }

    [Theory]
    [InlineData("530 5.7.0 Must issue a STARTTLS command first", BounceReason.SecurityError)]
    [InlineData("421 4.7.0 TLS required for RCPT domain, closing connection", BounceReason.SecurityError)]
    [InlineData("421 4.7.0 [192.0.2.9] IP not in whitelist for RCPT domain, closing connection", BounceReason.Blocked)]
    [InlineData("421 4.7.0 Messages from 192.0.2.9 deferred due to user complaints", BounceReason.BadReputation)]
    [InlineData("421 4.7.0 This message is suspicious due to the very low reputation of the sending domain", BounceReason.BadReputation)]
    public void The_wording_decides_what_an_x_7_0_status_means(string diagnostic, BounceReason expected)
    {
        Assert.Equal(expected, Classify(diagnostic).Reason);
    }

    [Fact]
    public void A_domain_missing_from_qmails_rcpthosts_is_a_relay_refusal()
    {
        var c = Classify("553 sorry, that domain isn't in my list of allowed rcpthosts (#5.7.1)");
        Assert.Equal(BounceReason.NoRelaying, c.Reason);
        Assert.False(c.HardBounce);
    }

    [Fact]
    public void A_message_blocked_by_the_user_is_the_recipients_filter()
    {
        var c = Classify("550 5.7.1 Your message was blocked by the user");
        Assert.Equal(BounceReason.Filtered, c.Reason);
    }

    [Theory]
    [InlineData("554 5.7.1 Rejected: 198.51.100.9 is listed by bl.example.net")]
    [InlineData("550-5.7.1 [203.0.113.5] The IP you're using to send mail is not authorized to send email directly to our servers")]
    public void A_refusal_that_names_the_sending_ip_or_its_listing_is_a_block(string diagnostic)
    {
        Assert.Equal(BounceReason.Blocked, Classify(diagnostic, "5.7.1").Reason);
    }

    [Theory]
    [InlineData("550 5.7.26 This mail is unauthenticated and has been blocked", "5.7.26")]
    [InlineData("550 5.7.23 Message rejected, the sending host is not allowed by the sender domain", "5.7.23")]
    public void An_authentication_status_decides_whatever_else_the_words_say(string diagnostic, string status)
    {
        Assert.Equal(BounceReason.AuthFailure, Classify(diagnostic, status).Reason);
    }

    [Fact]
    public void Exchanges_reply_between_hashes_gives_the_reply_code()
    {
        var c = Classify("#550 5.1.1 RESOLVER.ADR.RecipNotFound; not found ##");
        Assert.Equal(550, c.ReplyCode);
        Assert.Equal(BounceReason.UserUnknown, c.Reason);
    }

    [Fact]
    public void Qmails_giving_up_on_a_host_after_a_refusal_is_no_expiry()
    {
        var c = Classify("192.0.2.7 does not like recipient. Remote host said: 550 5.7.1 Sorry, your message was refused. Giving up on 192.0.2.7.");
        Assert.NotEqual(BounceReason.Expired, c.Reason);
    }

    [Theory]
    [InlineData("Could not deliver for the last 345600 seconds. Giving up.")]
    [InlineData("Delivery failed after several retries, giving up, sorry")]
    public void Giving_up_on_the_message_is_an_expiry(string diagnostic)
    {
        Assert.Equal(BounceReason.Expired, Classify(diagnostic).Reason);
    }

    [Fact]
    public void A_message_blocked_for_a_banned_attachment_is_a_policy_violation()
    {
        var c = Classify("554 5.7.1 This message has been blocked because it contains a banned attachment");
        Assert.Equal(BounceReason.PolicyViolation, c.Reason);
    }

    [Fact]
    public void A_recipient_receiving_mail_too_quickly_is_speeding_not_a_suspended_mailbox()
    {
        var c = Classify("450-4.2.1 The user you are trying to contact is receiving mail too quickly. Please resend your message at a later time.", "4.2.1");
        Assert.Equal(BounceReason.Speeding, c.Reason);
    }

    [Fact]
    public void Mx_records_that_point_to_hosts_that_do_not_exist_are_an_unknown_host()
    {
        var c = Classify("all relevant MX records point to non-existent hosts");
        Assert.Equal(BounceReason.HostUnknown, c.Reason);
        Assert.True(c.HardBounce);
    }

    [Fact]
    public void A_domain_without_mx_or_address_records_is_an_unknown_host()
    {
        var c = Classify("No MX or A records for shop.example");
        Assert.Equal(BounceReason.HostUnknown, c.Reason);
        Assert.True(c.HardBounce);
    }

    [Theory]
    [InlineData("451 4.7.652 The mail server [192.0.2.5] has exceeded the maximum number of connections.", BounceReason.TooManyConn)]
    [InlineData("421 4.3.2 The maximum number of concurrent server connections has exceeded a limit, closing transmission channel", BounceReason.TooManyConn)]
    [InlineData("550 5.7.520 Access denied, Your organization does not allow external forwarding.", BounceReason.PolicyViolation)]
    [InlineData("550-5.7.1 Our system has detected that this message is likely unsolicited mail, so it has been blocked.", BounceReason.SpamDetected)]
    [InlineData("550-5.7.1 Messages missing a valid address in From: header, or having no From: header, are not accepted.", BounceReason.NotCompliantRfc)]
    [InlineData("550 Administrative prohibition", BounceReason.PolicyViolation)]
    [InlineData("552 5.7.0 Our system detected an illegal attachment on your message.", BounceReason.PolicyViolation)]
    [InlineData("550 Mail content denied. See https://help.mail.example.net/?id=42", BounceReason.SpamDetected)]
    public void Common_wording_of_large_providers_and_mail_servers_gives_its_reason(string diagnostic, BounceReason expected)
    {
        Assert.Equal(expected, Classify(diagnostic).Reason);
    }

    [Fact]
    public void Something_that_has_exceeded_a_limit_is_not_by_itself_a_full_mailbox()
    {
        var c = Classify("550 5.0.0 The sender has exceeded what is allowed for one message");
        Assert.NotEqual(BounceReason.MailboxFull, c.Reason);
    }

    [Theory]
    [InlineData("452 4.5.3 Too many recipients")]
    [InlineData("452 4.5.3 The sender has exceeded the number of recipients allowed in one message")]
    [InlineData("452 4.5.3 Error")]
    public void Too_many_recipients_is_not_a_full_mailbox_though_the_reply_is_452(string diagnostic)
    {
        Assert.Equal(BounceReason.TooManyConn, Classify(diagnostic).Reason);
    }

    [Theory]
    [InlineData("550 5.7.60 SMTP; Client does not have permissions to send as this sender", BounceReason.SecurityError)]
    [InlineData("421 4.7.0 Too many messages from your IP in a short period, try later", BounceReason.Speeding)]
    public void Wording_about_the_sending_client_gives_its_reason(string diagnostic, BounceReason expected)
    {
        Assert.Equal(expected, Classify(diagnostic).Reason);
    }

    [Fact]
    public void A_recipient_that_does_not_accept_mail_from_the_sender_is_no_domain_without_mail()
    {
        var c = Classify("550 5.7.1 Recipient does not accept mail from your address");
        Assert.Equal(BounceReason.Filtered, c.Reason);
        Assert.False(c.HardBounce);
    }

    [Theory]
    [InlineData("554 5.7.1 Your PTR not found", BounceReason.RequirePtr)]
    [InlineData("501 5.5.2 HELO is not a valid FQDN", BounceReason.Blocked)]
    [InlineData("550 5.7.1 Your IP address is unknown in our records; connection refused", BounceReason.Blocked)]
    [InlineData("550 5.7.1 Sending domain does not exist", BounceReason.Rejected)]
    [InlineData("550 5.7.1 From domain does not exist", BounceReason.Rejected)]
    [InlineData("550 5.7.1 Return path domain not found", BounceReason.Rejected)]
    [InlineData("550 5.2.1 User account is expired", BounceReason.Suspend)]
    public void Wording_that_only_looks_like_a_missing_address_or_an_expiry_gives_its_own_reason(string diagnostic, BounceReason expected)
    {
        var c = Classify(diagnostic);
        Assert.Equal(expected, c.Reason);
        Assert.False(c.HardBounce);
    }

    [Theory]
    [InlineData("451 4.4.0 Route not found for the domain", "4.4.0")]
    [InlineData("550 5.7.1 Client address not found in the allowed list", "5.7.1")]
    [InlineData("554 5.6.0 Header value is not a valid date", "5.6.0")]
    public void A_vague_not_found_does_not_overrule_a_status_about_the_network_content_or_security(string diagnostic, string status)
    {
        var c = Classify(diagnostic, status);
        Assert.NotEqual(BounceReason.UserUnknown, c.Reason);
        Assert.False(c.HardBounce);
    }

    [Fact]
    public void A_vague_not_found_still_means_a_missing_mailbox_with_an_addressing_status()
    {
        Assert.Equal(BounceReason.UserUnknown, Classify("550 5.1.1 Address not found", "5.1.1").Reason);
        Assert.Equal(BounceReason.UserUnknown, Classify("550 Recipient rejected").Reason);
    }

    [Fact]
    public void An_address_that_takes_no_mail_from_outside_senders_is_a_filter_not_a_domain_without_mail()
    {
        var c = Classify("550 5.7.1 <ann@shop.example>: Recipient address rejected: This address does not receive mail from outside senders");
        Assert.Equal(BounceReason.Filtered, c.Reason);
        Assert.False(c.HardBounce);
    }

    [Fact]
    public void A_delivery_command_that_ran_out_of_time_is_a_mailer_error()
    {
        Assert.Equal(BounceReason.MailerError, Classify("Command time limit exceeded: \"/usr/local/bin/handler\"").Reason);
    }

    [Fact]
    public void A_user_not_local_with_an_address_to_try_has_moved()
    {
        var c = Classify("551 User not local; please try <ann@new.example>");
        Assert.Equal(BounceReason.HasMoved, c.Reason);
        Assert.True(c.HardBounce);
    }
}
