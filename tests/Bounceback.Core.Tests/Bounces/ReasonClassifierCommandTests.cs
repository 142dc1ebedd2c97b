using Bounceback.Core.Bounces.Decoders;
using Bounceback.Core.Bounces.Reasons;
using Bounceback.Core.Codes;
using static Bounceback.Core.Tests.Bounces.ReasonCases;

namespace Bounceback.Core.Tests.Bounces;

/// <summary>
/// The refused SMTP command refines a reason read from wording: DATA (filter), MAIL FROM (sender), greeting/HELO
/// (sending host). The texts are written for these tests in the shapes real servers use.
/// </summary>
public class ReasonClassifierCommandTests
{
    [Theory]
    [InlineData("550 : User unknown")]
    [InlineData("550: : User unknown")]
    [InlineData("SMTP error from remote mail server after end of data: host mx.mobile.example [192.0.2.8]: 550 : User unknown")]
    public void User_unknown_in_a_reply_that_names_no_address_is_a_filter_after_data(string diagnostic)
    {
        var c = Classify(diagnostic);
        Assert.Equal(BounceReason.Filtered, c.Reason);
        Assert.False(c.HardBounce);
    }

    [Theory]
    [InlineData("550 5.2.1 <ann@shop.example>... User unknown", "5.2.1")]
    [InlineData("550 5.0.0 <ann@shop.example>... Unknown user", "5.0.0")]
    [InlineData("550 5.7.1 <ann@shop.example>: Recipient address rejected: User unknown", "5.7.1")]
    public void Vague_user_unknown_answered_to_data_is_a_filter(string diagnostic, string status)
    {
        Assert.Equal(BounceReason.Filtered, Classify(diagnostic, status, "DATA").Reason);
    }

    [Theory]
    [InlineData("550 5.1.1 <ann@shop.example>... User unknown", "5.1.1")]
    [InlineData("550 5.5.0 Invalid recipient, please check the address", "5.5.0")]
    [InlineData("550 5.1.1 The mailbox you wrote to does not exist", "5.1.1")]
    public void A_missing_mailbox_stays_userunknown_after_data_when_status_or_wording_say_so(string diagnostic, string status)
    {
        var c = Classify(diagnostic, status, "DATA");
        Assert.Equal(BounceReason.UserUnknown, c.Reason);
        Assert.True(c.HardBounce);
    }

    [Theory]
    [InlineData("550 <ann@shop.example>: User unknown")]
    [InlineData("550 5.2.1 <ann@shop.example>... User Unknown")]
    public void User_unknown_answered_to_rcpt_is_a_missing_mailbox(string diagnostic)
    {
        Assert.Equal(BounceReason.UserUnknown, Classify(diagnostic, command: "RCPT").Reason);
    }

    [Theory]
    [InlineData("SMTP error from remote mail server after pipelined RCPT TO:<ann@shop.example>: 550 5.1.1 unknown", "RCPT")]
    [InlineData("SMTP error from remote mail server after pipelined MAIL FROM:<news@letters.example>: 550 sender refused", "MAIL")]
    [InlineData("host mx.shop.example said: 550 spam (in reply to end of DATA command)", "DATA")]
    // DragonFly Mail Agent names the end of the message "final DATA".
    [InlineData("mx.shop.example [192.0.2.5] did not like our final DATA: 554 5.7.1 refused", "DATA")]
    // Yahoo's notices tag the reply with the command it answered.
    [InlineData("Remote host said: 552 5.2.2 <ann@shop.example>... Mailbox Full [RCPT_TO]", "RCPT")]
    [InlineData("Remote host said: 553 5.1.8 Domain of sender address does not exist [MAIL_FROM]", "MAIL")]
    [InlineData("Remote host said: 554 5.7.1 Message refused as spam [DATA]", "DATA")]
    // Each way the wording begins, also upper-cased, after other text, and with a Kelvin sign the pattern takes for a "k".
    [InlineData("mx.example.org did not like our RCPT TO: 550 5.1.1 no such user", "RCPT")]
    [InlineData("MX.EXAMPLE.ORG DID NOT LIKE OUR MAIL FROM: 553 sender rejected", "MAIL")]
    [InlineData("mx.example.org did not li\u212Ae our DATA: 554 5.7.1 spam", "DATA")]
    [InlineData("host mx.example.org said: 554 5.7.1 refused (IN REPLY TO END OF DATA COMMAND)", "DATA")]
    [InlineData("lost connection with mx.example.org while sending RCPT TO", "RCPT")]
    [InlineData("SMTP error from remote mail server after initial connection: 554 no entry", "CONNECT")]
    [InlineData("421 error in HELO: try later", "EHLO")]
    [InlineData("hMailServer sent: MAIL FROM:<ann@shop.example> Remote server replied: 550 sender denied", "MAIL")]
    [InlineData("550 Access denied, but my name was rejected", "EHLO")]
    [InlineData("SMTP error from remote server for DATA command, host: mx.example.org", "DATA")]
    [InlineData("while talking to mx.example.org: >>> RCPT TO:<ann@shop.example> <<< 550 unknown", "RCPT")]
    // qmail-remote names the step of the session rather than the command.
    [InlineData("192.0.2.61 does not like recipient. Remote host said: 550 5.1.1 no mailbox here", "RCPT")]
    [InlineData("192.0.2.62 failed after I sent the message. Remote host said: 554 5.7.1 spam", "DATA")]
    [InlineData("192.0.2.63 failed on DATA command. Remote host said: 451 try later", "DATA")]
    [InlineData("Connected to 192.0.2.64 but greeting failed. Remote host said: 554 no entry", "CONNECT")]
    [InlineData("Connected to 192.0.2.65 but sender was rejected. Remote host said: 553 sorry", "MAIL")]
    [InlineData("afterwards, after a while, the error in the form: 550 no", null)]
    // A failed connection that a server reports inside its own reply is its own (a filter that could not reach its
    // backend to check the address); Postfix's line of its own failed connection names CONNECT.
    [InlineData("450 4.1.1 <ann@shop.example>: Recipient address rejected: unverified address: connect to exch.shop.example[198.51.100.60]:25: Connection refused", null)]
    [InlineData("host mx.shop.example said: 450 4.1.1 <ann@shop.example>: unverified address: connect to exch.shop.example[198.51.100.60]:25: Connection refused (in reply to RCPT TO command)", "RCPT")]
    [InlineData("connect to mx.shop.example[192.0.2.1]:25: Connection refused", "CONNECT")]
    public void The_refused_command_is_read_from_the_wording(string diagnostic, string? want)
    {
        Assert.Equal(want, SmtpCommand.Find(diagnostic));
    }

    // Notices with two recipients: each recipient's command is read from its own part, not from the other's.
    [Theory]
    // A recipient whose local part holds an apostrophe ends the paragraph of the recipient before it (qmail).
    [InlineData("I'm afraid I wasn't able to deliver your message to the following addresses.\n\n" +
        "<ann@example.org>:\nSorry, no mailbox here by that name. (#5.1.1)\n\n" +
        "<o'brien@example.com>:\nConnected to 192.0.2.41 but sender was rejected.\nRemote host said: 550 5.7.23 sender rejected\n",
        "ann@example.org", null, "o'brien@example.com", "MAIL")]
    // Courier's own failure line ("*** Connection refused") takes no command from the other recipient's transcript.
    [InlineData(" <res@example.net>:\n *** Connection refused\n\n <dir@example.com>:\n     mx.example.com [198.51.100.35]:\n" +
        " >>> DATA\n <<< 550 5.7.26 Unauthenticated email is not accepted\n",
        "res@example.net", null, "dir@example.com", "DATA")]
    // sendmail: a session refused in its greeting takes no command from the session before it.
    [InlineData("<a@example.net>\n    (reason: 554 5.7.1 blocked)\n<b@example.com>\n    (reason: 421 4.7.0 too many connections)\n" +
        "   ----- Transcript of session follows -----\n... while talking to mx.example.net.:\n>>> RCPT To:<a@example.net>\n<<< 554 5.7.1 blocked\n" +
        "... while talking to mx.example.com.:\n<<< 421 4.7.0 too many connections\n<b@example.com>... Deferred: 421 4.7.0 too many connections\n",
        "a@example.net", "RCPT", "b@example.com", "CONNECT")]
    // A command tag ending one recipient's reply ("[RCPT_TO]") is not the next recipient's command.
    [InlineData("Sorry, we were unable to deliver your message to the following address.\n\n" +
        "<ole@example.net>:\nRemote host said: 550 5.7.1 <ole@example.net>: Recipient address rejected [RCPT_TO]\n\n" +
        "<pia@example.org>:\nNo MX or A records for example.org\n",
        "ole@example.net", "RCPT", "pia@example.org", null)]
    public void Each_recipient_of_a_notice_gets_the_command_of_its_own_part(string notice, string first, string? firstWant, string second, string? secondWant)
    {
        string[] all = [first, second];
        Assert.Equal(firstWant, SmtpCommand.Find(notice, first, all));
        Assert.Equal(secondWant, SmtpCommand.Find(notice, second, all));
    }

    [Fact]
    public void The_transcript_reply_that_names_the_recipient_gives_its_command()
    {
        const string notice = "While talking to mx.a.example: >>> DATA <<< 550 Your message is a duplicate 554 <bob@a.example>... Service unavailable "
            + "While talking to mail.shop.example: >>> RCPT To:<ann@shop.example> <<< 550 Requested mailbox not found here 550 <ann@shop.example>... User unknown";
        Assert.Equal("RCPT", SmtpCommand.Find(notice, "ann@shop.example"));
        Assert.Equal("DATA", SmtpCommand.Find(notice));
        var c = Classify("User unknown", notice: notice);
        Assert.Equal(BounceReason.UserUnknown, c.Reason);
    }

    [Fact]
    public void A_recipient_heading_its_own_session_takes_the_command_of_that_session()
    {
        // Courier's layout: each recipient heads its session, so the address follows the previous recipient's reply.
        const string notice = "<ann@a.example>: mx.a.example [192.0.2.1]: >>> RCPT TO:<ann@a.example> <<< 550 5.1.1 <ann@a.example>: unknown "
            + "<bob@b.example>: mx.b.example [192.0.2.2]: >>> DATA <<< 552 5.2.2 <bob@b.example>: mailbox is full "
            + "<cas@c.example>: mx.c.example [192.0.2.3]: >>> DATA <<< 552 5.3.4 Message size exceeds fixed maximum message size";
        string[] all = ["ann@a.example", "bob@b.example", "cas@c.example"];
        Assert.Equal("RCPT", SmtpCommand.Find(notice, "ann@a.example", all));
        Assert.Equal("DATA", SmtpCommand.Find(notice, "bob@b.example", all));
        Assert.Equal("DATA", SmtpCommand.Find(notice, "cas@c.example", all));
    }

    [Theory]
    [InlineData("550 5.1.1 kees@web.example.org... User unknown")]
    [InlineData("550 5.1.1 <kees@web.example.org>... User unknown")]
    public void A_local_failure_line_before_any_session_names_no_command(string line)
    {
        // sendmail's own line for a local recipient, with or without angle brackets, before the sessions of the others.
        var notice = "   ----- Transcript of session follows ----- " + line + " ... while talking to mail.a.example.: "
            + ">>> RCPT To:<ann@a.example> <<< 550 5.1.1 <ann@a.example>... User unknown 550 5.1.1 ann@a.example... User unknown "
            + ">>> DATA <<< 554 5.7.1 Message rejected 554 5.0.0 Service unavailable";
        string[] all = ["ann@a.example", "bob@a.example", "kees@web.example.org"];
        Assert.Null(SmtpCommand.Find(notice, "kees@web.example.org", all));
        Assert.Equal("RCPT", SmtpCommand.Find(notice, "ann@a.example", all));
    }

    [Fact]
    public void A_reply_that_opens_with_the_address_still_names_it_when_a_command_follows()
    {
        // sendmail's transcript: the reply names the recipient and the next recipient's command follows at once.
        const string notice = ">>> RCPT To:<ann@a.example> <<< 550 <ann@a.example>: gone >>> RCPT To:<bob@a.example> <<< 250 ok >>> DATA <<< 554 no";
        Assert.Equal("RCPT", SmtpCommand.Find(notice, "ann@a.example", ["ann@a.example", "bob@a.example"]));
    }

    [Theory]
    [InlineData("SMTP error from remote mail server after MAIL FROM:<news@letters.example> SIZE=2048: 550 5.1.0 Address unknown")]
    [InlineData("host mx.shop.example said: 553 5.1.8 letters.example does not exist (in reply to MAIL FROM command)")]
    public void An_unknown_address_refused_at_mail_from_is_the_sender_rejected(string diagnostic)
    {
        Assert.Equal(BounceReason.Rejected, Classify(diagnostic).Reason);
    }

    [Theory]
    [InlineData("Connected to 192.0.2.40 but my name was rejected. Remote host said: 501 5.0.0 Invalid domain name")]
    [InlineData("SMTP error from remote mail server after initial connection: host mx.shop.example [192.0.2.40]: 554 You are over your daily relay quota")]
    [InlineData("554 mail.shop.example ESMTP not accepting messages (in reply to initial connection)")]
    public void A_permanent_refusal_of_the_greeting_or_helo_is_a_block_of_the_sending_host(string diagnostic)
    {
        Assert.Equal(BounceReason.Blocked, Classify(diagnostic).Reason);
    }

    [Fact]
    public void A_temporary_refusal_of_the_greeting_is_not_called_a_block()
    {
        var c = Classify("SMTP error from remote mail server after initial connection: 421 4.3.2 System not accepting network messages, try later", action: "delayed");
        Assert.NotEqual(BounceReason.Blocked, c.Reason);
        Assert.True(c.Temporary);
    }
}
