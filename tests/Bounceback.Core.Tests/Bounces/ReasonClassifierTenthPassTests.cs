using Bounceback.Core.Bounces;
using Bounceback.Core.Bounces.Reasons;
using Bounceback.Core.Codes;
using static Bounceback.Core.Tests.Bounces.ReasonCases;

namespace Bounceback.Core.Tests.Bounces;

/// <summary>Tenth pass: layouts of Amazon SES, Oracle Messaging Server, Exchange 2003, ARF and RFC 3464 reports.</summary>
public class ReasonClassifierTenthPassTests
{
    private static ParseOutcome ParseText(string message) => BounceFixtures.Parse(message.ReplaceLineEndings("\n"));

    [Fact]
    public void Exchange_2003s_wording_that_the_destination_server_is_not_in_dns_is_an_unknown_host()
    {
        var c = Classify("The destination server for this recipient could not be found in Domain Name Service (DNS). Please verify the e-mail address and retry. <mail.example.org #5.4.0>");
        Assert.Equal(BounceReason.HostUnknown, c.Reason);
        Assert.True(c.HardBounce);
    }

    [Fact]
    public void Exchange_2003s_message_bouncing_between_two_servers_is_a_loop_not_a_system_error()
    {
        var c = Classify("A configuration error in the e-mail system caused the message to bounce between two servers or to be split into too many copies. Contact your administrator. <mail.example.org #5.4.6>");
        Assert.Equal(BounceReason.NetworkError, c.Reason);
    }

    [Theory]
    [InlineData("The message reached the recipient's e-mail system, but delivery was refused. <mx.example.net #5.0.0 smtp;554 5.7.1 Message rejected as spam>", "5.7.1")]
    [InlineData("Delivery failed. 5.0.0 smtp; 550 5.1.1 No such user", "5.1.1")]
    // A catch-all of another class is no summary of the reply that follows: the first status stays.
    [InlineData("Delivery delayed. 4.0.0 smtp; 550 5.1.1 No such user", "4.0.0")]
    public void A_catch_all_status_before_the_remote_reply_gives_way_to_the_replys_own(string diagnostic, string status)
    {
        Assert.Equal(status, ReasonClassifier.FindStatus(diagnostic)?.ToString());
    }

    [Fact]
    public void An_ses_delivery_delay_event_gives_each_delayed_recipient()
    {
        var outcome = ParseText("""
            From: AWS Notifications <no-reply@sns.amazonaws.com>
            To: events@example.com
            Subject: AWS Notification Message
            Content-Type: text/plain; charset=UTF-8

            {"eventType":"DeliveryDelay","mail":{"source":"shop@example.com","messageId":"m-1"},"deliveryDelay":{"delayType":"TransientCommunicationFailure","delayedRecipients":[{"emailAddress":"ann@example.net","status":"4.4.1"}],"reportingMTA":"out.example.com"}}
            """);
        var r = Assert.Single(outcome.Results);
        Assert.Equal("ann@example.net", r.Recipient);
        Assert.Equal("amazonses", r.Decoder);
        Assert.Equal("delayed", r.Action);
        Assert.False(r.HardBounce);
        Assert.Equal(BounceReason.NetworkError, r.Reason);
    }

    [Fact]
    public void Messaging_servers_original_address_is_not_another_recipient()
    {
        var outcome = ParseText("""
            From: Internet Mail Delivery <postmaster@mail.example.edu>
            To: ann@example.edu
            Subject: Delivery Notification: Delivery has failed

            Your message cannot be delivered to the following recipients:

              Recipient address: bob@example.com
              Original address: team@example.edu
              Reason: Remote SMTP server has rejected address
              Diagnostic code: smtp;550 5.1.1 <bob@example.com>... User unknown
            """);
        var r = Assert.Single(outcome.Results);
        Assert.Equal("bob@example.com", r.Recipient);
        Assert.Equal(BounceReason.UserUnknown, r.Reason);
    }
}
