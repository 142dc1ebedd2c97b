using Bounceback.Core.Bounces.Decoders;
using Bounceback.Core.Bounces.Reasons;
using Bounceback.Core.Codes;
using static Bounceback.Core.Tests.Bounces.ReasonCases;

namespace Bounceback.Core.Tests.Bounces;

/// <summary>Sixth pass: wording found by the fixtures of the families that had none.</summary>
public class ReasonClassifierSixthPassTests
{
    [Theory]
    [InlineData("554 5.7.0 Reject, id=02209-03 - BANNED: Rechnung_0612.pdf.exe")]
    [InlineData("554 5.7.0 Message refused: contains a banned file name (setup.scr)")]
    [InlineData("554 5.7.1 MSG-P2 The message contains an attachment type that Facebook does not accept.")]
    public void A_refused_kind_of_file_is_a_policy_violation_not_a_block_or_a_filter(string diagnostic)
    {
        var c = Classify(diagnostic, status: "5.7.0");
        Assert.Equal(BounceReason.PolicyViolation, c.Reason);
        Assert.False(c.HardBounce);
    }

    [Fact]
    public void A_banned_sender_is_still_a_block()
    {
        Assert.Equal(BounceReason.Blocked, Classify("550 5.7.1 Access denied, banned sender [192.0.2.1]").Reason);
    }

    [Fact]
    public void A_barracuda_block_of_an_accepted_message_is_spam()
    {
        var c = Classify("550 permanent failure for one or more recipients (ann@shop.example:blocked)", status: "5.7.1");
        Assert.Equal(BounceReason.SpamDetected, c.Reason);
    }

    [Theory]
    [InlineData("SMTP error from remote server for RCPT TO command, host: mx.shop.example (192.0.2.5) reason: 550 5.1.1 <ann@shop.example>: User unknown", "RCPT")]
    [InlineData("SMTP error from remote server for MAIL FROM command, host: mx.shop.example (192.0.2.5) reason: 550 5.7.1 Sender rejected", "MAIL")]
    [InlineData("SMTP error from remote server for DATA command, host: mx.shop.example (192.0.2.5) reason: 550 5.7.1 Message rejected as spam", "DATA")]
    public void The_ionos_wording_names_the_command(string diagnostic, string command)
    {
        Assert.Equal(command, SmtpCommand.Find(diagnostic));
    }

    [Theory]
    [InlineData("宛先のメールアドレスは存在しません。アドレスをご確認ください。")]
    [InlineData("指定されたユーザーは存在しません")]
    public void Japanese_wording_that_the_address_does_not_exist_is_a_missing_mailbox(string diagnostic)
    {
        var c = Classify(diagnostic);
        Assert.Equal(BounceReason.UserUnknown, c.Reason);
        Assert.True(c.HardBounce);
    }

    [Theory]
    [InlineData("550-5.7.1 Our system has detected an unusual rate of unsolicited mail originating from your IP address. To protect our users from spam, mail sent from your IP address has been blocked. https://support.google.com/mail/?p=UnsolicitedIPError - gsmtp", BounceReason.Blocked)]
    [InlineData("550-5.7.1 Our system has detected that this message is likely unsolicited mail. To reduce the amount of spam sent to Gmail, this message has been blocked. https://support.google.com/mail/?p=UnsolicitedMessageError - gsmtp", BounceReason.SpamDetected)]
    public void Gmail_tells_a_blocked_ip_from_a_message_judged_as_spam(string diagnostic, BounceReason want)
    {
        var outcome = BounceFixtures.Parse(BounceFixtures.OneRecipientReport("5.7.1", diagnostic, "gmail-smtp-in.l.google.com"));
        Assert.Equal(want, Assert.Single(outcome.Results).Reason);
    }

    [Theory]
    [InlineData("550 5.5.0 Le compte du destinataire est bloque. The recipient account isblocked. LPN007_510")]
    [InlineData("550 5.2.1 The recipient account is blocked")]
    public void A_blocked_recipient_account_is_a_suspended_mailbox_not_a_blocked_sender(string diagnostic)
    {
        var c = Classify(diagnostic, command: "RCPT");
        Assert.Equal(BounceReason.Suspend, c.Reason);
        Assert.False(c.HardBounce);
    }
}
