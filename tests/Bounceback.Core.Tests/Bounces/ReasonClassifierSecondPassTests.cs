using System.Text;
using Bounceback.Core.Bounces.Decoders;
using Bounceback.Core.Bounces.Reasons;
using Bounceback.Core.Codes;
using static Bounceback.Core.Tests.Bounces.ReasonCases;

namespace Bounceback.Core.Tests.Bounces;

/// <summary>Second pass on parse accuracy: a receiver without TLS, au's bare filter notice, Apple Mail's unsubscribe mail.</summary>
public class ReasonClassifierSecondPassTests
{
    [Theory]
    [InlineData("We could not hand the message over: 530 the server at mx.shop.example does not support TLS")]
    [InlineData("Delivery stopped because TLS is not available at the receiving host and this route demands it")]
    public void A_receiver_that_offers_no_tls_where_it_is_demanded_is_a_security_error(string diagnostic)
    {
        Assert.Equal(BounceReason.SecurityError, Classify(diagnostic).Reason);
    }

    [Theory]
    [InlineData("bob@ezweb.ne.jp")]
    [InlineData("bob@au.com")]
    public void A_bare_refusal_notice_for_an_au_subscriber_means_the_subscribers_filter(string recipient)
    {
        Assert.Equal(BounceReason.Filtered, Classify("The mail to this address could not be handed over.", recipient: recipient).Reason);
    }

    [Fact]
    public void The_same_bare_notice_for_another_provider_stays_undecided()
    {
        Assert.Equal(BounceReason.OnHold, Classify("The mail to this address could not be handed over.", recipient: "bob@shop.example").Reason);
    }

    [Fact]
    public void An_au_subscriber_whose_server_gives_a_reply_is_read_from_that_reply()
    {
        Assert.Equal(BounceReason.UserUnknown, Classify("550 <bob@ezweb.ne.jp>: no such mailbox here", recipient: "bob@ezweb.ne.jp").Reason);
    }

    private static byte[] AppleMail(bool unsubscribe) => Encoding.ASCII.GetBytes(
        "From: reader@mail.example\n" +
        "To: leave-4711@letters.example\n" +
        "Subject: " + (unsubscribe ? "unsubscribe" : "Out of office") + "\n" +
        "Date: Mon, 02 Mar 2026 10:00:00 +0000\n" +
        "Auto-Submitted: auto-replied\n" +
        (unsubscribe ? "X-Apple-Unsubscribe: true\n" : "") +
        "MIME-Version: 1.0\n" +
        "Content-Type: text/plain; charset=us-ascii\n\n" +
        (unsubscribe ? "Please take me off this list.\n" : "I am away until Monday.\n"));

    [Fact]
    public void An_apple_mail_unsubscribe_message_is_an_opt_out_feedback()
    {
        var r = Assert.Single(BounceFixtures.Parse(AppleMail(unsubscribe: true)).Results);
        Assert.Equal(BounceReason.Feedback, r.Reason);
        Assert.Equal("opt-out", r.FeedbackType);
        Assert.Equal("reader@mail.example", r.Recipient);
    }

    [Fact]
    public void An_auto_reply_without_the_unsubscribe_mark_stays_a_vacation_reply()
    {
        var r = Assert.Single(BounceFixtures.Parse(AppleMail(unsubscribe: false)).Results);
        Assert.Equal(BounceReason.Vacation, r.Reason);
        Assert.Null(r.FeedbackType);
    }

    [Fact]
    public void A_providers_wording_is_read_as_that_providers_when_only_the_remote_host_names_it()
    {
        const string wording = "554 Message rejected due to security policies - ref 7";
        var atGateway = Assert.Single(BounceFixtures.Parse(BounceFixtures.OneRecipientReport("5.0.0", wording, "relay-eu-7.mimecast.com")).Results);
        var elsewhere = Assert.Single(BounceFixtures.Parse(BounceFixtures.OneRecipientReport("5.0.0", wording, "mx.shop.example")).Results);
        Assert.Equal(BounceReason.PolicyViolation, atGateway.Reason);
        Assert.Equal(atGateway.Reason, atGateway.Explanation?.Reason);
        Assert.NotEqual(BounceReason.PolicyViolation, elsewhere.Reason);
    }

    [Fact]
    public void A_relays_label_before_the_quoted_remote_reply_does_not_decide_the_reason()
    {
        var c = Classify("5.1.0 - Unknown address error 550-'5.7.1 Your IP 192.0.2.9 is on our blocklist' (delivery attempts: 0)");
        Assert.Equal(BounceReason.Blocked, c.Reason);
        Assert.Equal("5.7.1", c.Status);
    }

    [Fact]
    public void The_relays_status_stays_when_the_quoted_remote_reply_has_none()
    {
        var c = Classify("5.3.0 - Other mail system problem 552-'Mailbox quota exceeded for this recipient' (delivery attempts: 0)");
        Assert.Equal(BounceReason.MailboxFull, c.Reason);
        Assert.Equal("5.3.0", c.Status);
    }

    [Theory]
    [InlineData("220-mx.shop.example 421 4.2.1 Too busy right now, come back later", 421)]
    [InlineData("220 mx.shop.example ready", 220)]
    [InlineData("550 5.1.1 mailbox gone; see 220 Main Street", 550)]
    public void A_greeting_banner_quoted_before_the_refusal_does_not_give_the_reply_code(string diagnostic, int want)
    {
        Assert.Equal(want, ReasonClassifier.FindReply(diagnostic));
    }

    [Fact]
    public void An_expiry_reports_the_reply_code_of_the_last_attempt_with_its_status()
    {
        var c = Classify("554 4.4.7 Gave up after two days of trying.<451 4.4.2 Connection dropped by the remote host>", "4.4.7");
        Assert.Equal("4.4.2", c.Status);
        Assert.Equal(451, c.ReplyCode);
    }
}
