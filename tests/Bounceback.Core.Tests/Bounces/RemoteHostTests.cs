using System.Text;
using Bounceback.Core.Bounces.Decoders;

namespace Bounceback.Core.Tests.Bounces;

/// <summary>The remote server named in a diagnostic, for reports without a Remote-MTA field.</summary>
public class RemoteHostTests
{
    [Theory]
    [InlineData("host mx.shop.example[192.0.2.7] said: 550 5.1.1 <ann@shop.example>: Recipient address rejected: User unknown (in reply to RCPT TO command)", "mx.shop.example")]
    [InlineData("SMTP error from remote mail server after RCPT TO:<ann@shop.example>: host mx1.shop.example [192.0.2.7]: 550 5.1.1 User unknown", "mx1.shop.example")]
    [InlineData("SMTP error from remote server after RCPT command: host: mx.shop.example 5.2.2 <ann@shop.example>... Mailbox full", "mx.shop.example")]
    [InlineData("mx.shop.example [192.0.2.7] did not like our RCPT TO: 550 5.1.1 <ann@shop.example>: User unknown", "mx.shop.example")]
    [InlineData("Delivery failed for the following reason: Server MX22.Shop.Example[192.0.2.7] failed with: 550 No such user here", "mx22.shop.example")]
    [InlineData("connect to mx.shop.example[192.0.2.7]:25: Connection timed out", "mx.shop.example")]
    [InlineData("lost connection with mx.shop.example[192.0.2.7] while sending RCPT TO", "mx.shop.example")]
    [InlineData("host mx.shop.example.[IPv6:2001:db8::25] said: 452 4.2.2 Mailbox full", "mx.shop.example")]
    [InlineData("192.0.2.7 does not like recipient. Remote host said: 550 5.1.1 <ann@shop.example>... User unknown", "192.0.2.7")]
    [InlineData("Sorry, no SMTP connection got far enough; most progress was RCPT TO response; remote host 192.0.2.7 said: 550 Unknown user", "192.0.2.7")]
    [InlineData("Connected to 192.0.2.7 but sender was rejected. 192.0.2.7 does not like sender: 553 Bad sender", "192.0.2.7")]
    [InlineData("192.0.2.7 failed after I sent the message. Remote host said: 554 Message rejected", "192.0.2.7")]
    [InlineData("REMOTE SERVER [192.0.2.7]: 550 Mailbox unavailable", "192.0.2.7")]
    // The pattern matches the Kelvin sign as a "k": the words looked for first leave that letter out.
    [InlineData("192.0.2.7 does not li\u212Ae recipient. 550 5.1.1 User unknown", "192.0.2.7")]
    public void The_server_that_refused_is_found_in_the_wording(string diagnostic, string host)
    {
        Assert.Equal(host, RemoteHost.Find(diagnostic));
    }

    [Theory]
    [InlineData("554 5.7.1 Service unavailable; Client host [192.0.2.9] blocked using zen.spamhaus.org")]
    [InlineData("DNS lookup failure: host nowhere.shop.example not found")]
    [InlineData("550 Host unknown (Authoritative answer from name server)")]
    [InlineData("Generating server: EXCH01.corp.example")]
    [InlineData("550 5.1.1 The email account that you tried to reach does not exist.")]
    [InlineData("")]
    public void Wording_that_names_no_remote_server_gives_none(string diagnostic)
    {
        Assert.Null(RemoteHost.Find(diagnostic));
    }

    [Fact]
    public void A_plain_text_bounce_reports_the_remote_server_it_names()
    {
        var outcome = BounceFixtures.Parse((
            "From: MAILER-DAEMON@relay.sender.example (Mail Delivery System)\n" +
            "To: ann@sender.example\n" +
            "Subject: Undelivered Mail Returned to Sender\n" +
            "Content-Type: text/plain\n\n" +
            "This is the mail system at host relay.sender.example.\n\n" +
            "I'm sorry to have to inform you that your message could not\n" +
            "be delivered to one or more recipients.\n\n" +
            "<bob@receiver.example>: host mx.receiver.example[198.51.100.3] said: 550 5.1.1\n" +
            "    <bob@receiver.example>: Recipient address rejected: User unknown (in reply to\n" +
            "    RCPT TO command)\n"));
        Assert.Equal("mx.receiver.example", Assert.Single(outcome.Results).RemoteMta);
    }
}
