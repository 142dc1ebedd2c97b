using System.Text;
using Bounceback.Core.Bounces;
using Bounceback.Core.Bounces.Reasons;
using Bounceback.Core.Codes;
using static Bounceback.Core.Tests.Bounces.ReasonCases;

namespace Bounceback.Core.Tests.Bounces;

/// <summary>Seventh pass: wording and layouts of real mail servers that the corpus does not have.</summary>
public class ReasonClassifierSeventhPassTests
{
    private static ParseOutcome ParseText(string message) => BounceFixtures.Parse(message.ReplaceLineEndings("\n"));

    [Theory]
    [InlineData("Permanent Delivery Failure")]
    [InlineData("Message Delivery Failure")]
    public void A_subject_with_delivery_failure_alone_is_not_domino(string subject)
    {
        var outcome = ParseText($"""
            From: postmaster@mail.example.org
            To: ann@example.org
            Subject: {subject}

            Delivery to the following recipient failed permanently:

                bob@example.com

            550 5.1.1 <bob@example.com>: Recipient address rejected: User unknown
            """);
        var r = Assert.Single(outcome.Results);
        Assert.NotEqual("domino", r.Decoder);
        Assert.Equal(BounceReason.UserUnknown, r.Reason);
    }

    [Theory]
    [InlineData("Error Type: SMTP Error Description: No mail servers appear to exists for the recipients address.")]
    [InlineData("Reason: The message could not be delivered because the domain name (shop.invalid) does not appear to be registered.")]
    public void Wording_that_the_domain_has_no_mail_server_or_is_not_registered_is_an_unknown_host(string diagnostic)
    {
        var c = Classify(diagnostic);
        Assert.Equal(BounceReason.HostUnknown, c.Reason);
        Assert.True(c.HardBounce);
    }

    [Fact]
    public void The_hmailserver_wording_names_the_command()
    {
        Assert.Equal("RCPT", SmtpCommand.Find("Error Type: SMTP Remote server (192.0.2.5) issued an error. hMailServer sent: RCPT TO:<ann@shop.example> Remote server replied: 550 5.1.1 User unknown"));
    }

    /// <summary>An MDaemon notice to ann@example.org whose session transcript, after the greeting, has these lines.</summary>
    private static string MdaemonNotice(string transcript) =>
        "From: MDaemon@mail.example.org\nTo: ann@example.org\nSubject: Permanent Delivery Failure\n\n" +
        "The attached message had PERMANENT fatal delivery errors!\n\n--- Session Transcript ---\n" +
        " Mon 2026-11-09 10:12:03.512: <-- 220 mx.example.com ESMTP\n" + transcript + "\n--- End Transcript ---\n";

    [Fact]
    public void An_mdaemon_transcript_gives_the_refused_recipient_and_the_accepted_one_that_data_failed()
    {
        var outcome = ParseText(MdaemonNotice("""
             Mon 2026-11-09 10:12:03.541: --> MAIL From:<ann@example.org> SIZE=120
             Mon 2026-11-09 10:12:03.569: <-- 250 2.1.0 Ok
             Mon 2026-11-09 10:12:03.569: --> RCPT To:<bob@example.com>
             Mon 2026-11-09 10:12:03.601: <-- 550 5.1.1 <bob@example.com>: User unknown
             Mon 2026-11-09 10:12:03.601: --> RCPT To:<cas@example.com>
             Mon 2026-11-09 10:12:03.630: <-- 250 2.1.5 Ok
             Mon 2026-11-09 10:12:03.630: --> DATA
             Mon 2026-11-09 10:12:03.650: <-- 354 Go ahead
             Mon 2026-11-09 10:12:04.100: <-- 552 5.3.4 Message size exceeds fixed limit
            """));
        Assert.Equal(2, outcome.Results.Count);
        Assert.Equal(("bob@example.com", BounceReason.UserUnknown, "RCPT"), (outcome.Results[0].Recipient, outcome.Results[0].Reason, outcome.Results[0].Command));
        Assert.Equal(("cas@example.com", BounceReason.MesgTooBig, "DATA"), (outcome.Results[1].Recipient, outcome.Results[1].Reason, outcome.Results[1].Command));
        Assert.All(outcome.Results, r => Assert.Equal("mdaemon", r.Decoder));
    }

    [Fact]
    public void An_mdaemon_transcript_keeps_every_line_of_a_reply_of_several()
    {
        var outcome = ParseText(MdaemonNotice("""
             Mon 2026-11-09 10:12:03.541: --> MAIL From:<ann@example.org>
             Mon 2026-11-09 10:12:03.569: <-- 250 2.1.0 Ok
             Mon 2026-11-09 10:12:03.569: --> RCPT To:<bob@example.com>
             Mon 2026-11-09 10:12:03.601: <-- 550-5.7.1 Service unavailable; client host 192.0.2.1
             Mon 2026-11-09 10:12:03.601: <-- 550-5.7.1 is listed at zen.spamhaus.org. See the
             Mon 2026-11-09 10:12:03.601: <-- 550 5.7.1 website for details.
            """));
        var r = Assert.Single(outcome.Results);
        Assert.Equal("bob@example.com", r.Recipient);
        Assert.StartsWith("550-5.7.1 Service unavailable", r.DiagnosticCode, StringComparison.Ordinal);
        Assert.EndsWith("550 5.7.1 website for details.", r.DiagnosticCode, StringComparison.Ordinal);
        // The words on the first lines decide: a block list, not the bare 5.7.1's refusal.
        Assert.Equal(BounceReason.Blocked, r.Reason);
    }

    [Theory]
    [InlineData("\tRecipient: [SMTP:bob@example.com]\n\tReason: Remote SMTP Server Returned: 550 5.1.1 User unknown")]
    [InlineData("Failed to deliver to '<bob@example.com>'\nSMTP module(domain example.com) reports:\n host mx.example.com says:\n 550 5.1.1 User unknown")]
    public void A_recipient_in_brackets_or_quotes_is_read_with_its_reply(string notice)
    {
        var outcome = ParseText($"From: MAILER-DAEMON@mail.example.org\nTo: ann@example.org\nSubject: Undeliverable mail\n\n{notice}\n");
        var r = Assert.Single(outcome.Results);
        Assert.Equal("bob@example.com", r.Recipient);
        Assert.Equal(BounceReason.UserUnknown, r.Reason);
        Assert.Equal(550, r.ReplyCode);
    }
}
