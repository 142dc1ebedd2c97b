using System.Text;
using Bounceback.Core.Bounces;
using Bounceback.Core.Codes;

namespace Bounceback.Core.Tests.Bounces;

/// <summary>Recipient addresses are read whole and in one form, whatever their shape (found by GeneralisationTests).</summary>
public class AddressReadingTests
{
    [Fact]
    public void An_address_followed_by_text_without_a_space_is_not_read_as_a_shorter_domain()
    {
        // A Chinese notice greets the sender as "addr您好，"; the greeting is no recipient, and never a cut-off address.
        var outcome = BounceFixtures.Parse(
            "From: Mail Delivery Subsystem <mailer-daemon@mx.relay.example>\n" +
            "To: ann@mail.shop.example\n" +
            "Subject: Delivery Status Notification (Failure)\n" +
            "X-Failed-Recipients: list@groups.example\n" +
            "Content-Type: text/plain; charset=UTF-8\n\n" +
            "ann@mail.shop.example您好，\n\n" +
            "我們謹此通知，您試圖聯絡的群組可能不存在。\n\n" +
            "The response was:\n\n" +
            "550 5.1.1 The group you tried to contact (list) may not exist.\n");
        Assert.Equal("list@groups.example", Assert.Single(outcome.Results).Recipient);
    }

    [Theory]
    [InlineData("*")]
    [InlineData("-")]
    [InlineData("•")]
    public void Recipients_listed_as_bulleted_items_are_read_without_the_returned_message(string bullet)
    {
        // A report without per-recipient fields and without the returned copy: the list under the introduction is all
        // that names the recipients.
        var outcome = BounceFixtures.Parse(
            "From: Mail Delivery System <mailer-daemon@relay.sender.example>\n" +
            "To: ann@sender.example\n" +
            "Subject: Delivery status notification\n" +
            "MIME-Version: 1.0\n" +
            "Content-Type: multipart/report; report-type=delivery-status; boundary=\"b1\"\n\n" +
            "--b1\nContent-Type: text/plain; charset=UTF-8\n\n" +
            "This is an automatically generated Delivery Status Notification.\n\n" +
            "Delivery to the following recipients failed permanently:\n\n" +
            $"   {bullet} jan@shop.example\n" +
            $"   {bullet} piet@shop.example\n\n" +
            "--b1\nContent-Type: message/delivery-status\n\n" +
            "Reporting-MTA: dns; relay.sender.example\n" +
            "Arrival-Date: Thu, 29 Apr 2026 10:00:00 +0000\n\n" +
            "--b1--\n");
        Assert.Equal(["jan@shop.example", "piet@shop.example"], outcome.Results.Select(r => r.Recipient));
    }

    [Fact]
    public void A_listed_recipient_takes_the_reply_that_names_it_in_a_later_section()
    {
        var outcome = BounceFixtures.Parse(
            "From: Mail Delivery System <mailer-daemon@relay.sender.example>\n" +
            "To: ann@sender.example\n" +
            "Subject: Undeliverable mail\n" +
            "Content-Type: text/plain; charset=UTF-8\n\n" +
            "Delivery to the following recipients failed permanently:\n" +
            "   * jan@shop.example\n" +
            "   * piet@shop.example\n" +
            "==========================================\n" +
            "Technical details:\n" +
            "SMTP:RCPT host 192.0.2.7: 550 5.2.2 <piet@shop.example>... Mailbox full\n" +
            "SMTP:RCPT host 192.0.2.7: 550 5.1.1 <jan@shop.example>... No such user here\n");
        Assert.Collection(outcome.Results,
            jan => Assert.Equal(("jan@shop.example", BounceReason.UserUnknown, "5.1.1"), (jan.Recipient, jan.Reason, jan.Status)),
            piet => Assert.Equal(("piet@shop.example", BounceReason.MailboxFull, "5.2.2"), (piet.Recipient, piet.Reason, piet.Status)));
    }

    [Fact]
    public void The_sender_that_exim_names_on_a_line_of_its_own_is_no_recipient()
    {
        // Exim's bounce to an errors address other than the sender names that sender first; no X-Failed-Recipients here.
        var outcome = BounceFixtures.Parse(
            "From: Mail Delivery System <Mailer-Daemon@mx.shop.example>\n" +
            "To: bounces@lists.sender.example\n" +
            "Subject: Mail delivery failed: returning message to sender\n" +
            "Content-Type: text/plain\n\n" +
            "This message was created automatically by mail delivery software.\n\n" +
            "A message sent by\n\n" +
            "  <ann@sender.example>\n\n" +
            "could not be delivered to one or more of its recipients. The following\n" +
            "address(es) failed:\n\n" +
            "  jan@shop.example\n" +
            "    all hosts have been failing for a long time and were last tried after this message arrived\n");
        var result = Assert.Single(outcome.Results);
        Assert.Equal("jan@shop.example", result.Recipient);
        Assert.Equal(BounceReason.Expired, result.Reason);
    }

    [Theory]
    // A spam filter's notice with no sender of its own, as a forward inline keeps it.
    [InlineData("", "**Message you sent blocked by our bulk email filter**",
        "Your message to: jan@shop.example\nwas blocked by our Spam Firewall. The email you sent with the following subject has NOT BEEN DELIVERED:\n\nSubject: Offerte\n")]
    // A provider's one-line notice that names the recipient after "The following message to".
    [InlineData("MAILER-DAEMON@bounces.mailer.example", "Delivery Status Notification (Failure)",
        "The following message to <jan@shop.example> was undeliverable.\nThe reason for the problem:\n5.1.1 - Unknown address error 550-'5.1.1 <jan@shop.example>... User unknown'\n")]
    // amavis's list of recipients, each after "->".
    [InlineData("\"Content-filter at shop.example\" <postmaster@shop.example>", "Considered UNSOLICITED BULK EMAIL, apparently from you",
        "A message from <ann@sender.example> to:\n-> jan@shop.example\n\nwas considered unsolicited bulk e-mail (UBE).\n")]
    public void A_recipient_named_by_the_wording_of_a_text_only_notice_is_read(string from, string subject, string text)
    {
        var outcome = BounceFixtures.Parse(
            (from.Length > 0 ? $"From: {from}\n" : "") +
            "To: ann@sender.example\n" +
            $"Subject: {subject}\n" +
            "Content-Type: text/plain; charset=UTF-8\n\n" + text);
        Assert.Equal("jan@shop.example", Assert.Single(outcome.Results).Recipient);
    }

    [Fact]
    public void A_recipient_in_X_Failed_Recipients_with_an_internationalised_domain_keeps_its_ascii_form()
    {
        var outcome = BounceFixtures.Parse(
            "From: Mail Delivery System <Mailer-Daemon@out.sender.example>\n" +
            "To: ann@sender.example\n" +
            "Subject: Mail delivery failed: returning message to sender\n" +
            "X-Failed-Recipients: jan@xn--mnchen-3ya.example\n" +
            "Content-Type: text/plain\n\n" +
            "This message was created automatically by mail delivery software.\n\n" +
            "A message that you sent could not be delivered to one or more of its\n" +
            "recipients. This is a permanent error. The following address(es) failed:\n\n" +
            "  jan\n" +
            "    SMTP error from remote mail server after RCPT TO:<jan>:\n" +
            "    host mx.xn--mnchen-3ya.example [192.0.2.8]: 550 5.1.1 User unknown\n");
        Assert.Equal("jan@xn--mnchen-3ya.example", Assert.Single(outcome.Results).Recipient);
    }

    [Fact]
    public void An_auto_reply_from_an_internationalised_domain_keeps_its_ascii_form()
    {
        var outcome = BounceFixtures.Parse(
            "From: Jan <jan@xn--mnchen-3ya.example>\n" +
            "To: ann@sender.example\n" +
            "Subject: Out of office: figures\n" +
            "Auto-Submitted: auto-replied\n" +
            "Content-Type: text/plain\n\n" +
            "I am away until Monday.\n");
        var result = Assert.Single(outcome.Results);
        Assert.Equal(BounceReason.Vacation, result.Reason);
        Assert.Equal("jan@xn--mnchen-3ya.example", result.Recipient);
    }
}
