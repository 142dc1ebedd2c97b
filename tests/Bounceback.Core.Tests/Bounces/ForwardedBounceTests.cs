using System.Text;
using Bounceback.Core.Bounces;

namespace Bounceback.Core.Tests.Bounces;

/// <summary>Bounces as a helpdesk receives them: forwarded (attached, inline, quoted in a reply) or pasted without headers.</summary>
public class ForwardedBounceTests
{
    private const string PostfixNotice =
        "This is the mail system at host smtp.sender.example.\n\n" +
        "I'm sorry to have to inform you that your message could not\n" +
        "be delivered to one or more recipients. It's attached below.\n\n" +
        "                   The mail system\n\n" +
        "<kim@receiver.example>: host mx.receiver.example[192.0.2.7] said: 550 5.1.1\n" +
        "    <kim@receiver.example>: Recipient address rejected: User unknown (in reply to\n" +
        "    RCPT TO command)\n";

    private static string Forward(string subject, string body) =>
        "From: Noor Aydin <noor@sender.example>\n" +
        "To: helpdesk@support.example\n" +
        $"Subject: {subject}\n" +
        "Date: Mon, 16 Mar 2026 09:00:00 +0100\n" +
        "Content-Type: text/plain; charset=utf-8\n\n" +
        "Kun je hiernaar kijken?\n\nNoor\n\n" + body;

    /// <summary>Noor's message to the helpdesk with her own words and another message attached (forward as attachment).</summary>
    private static string Attaching(string subject, string words, string attached) =>
        "From: Noor Aydin <noor@sender.example>\nTo: helpdesk@support.example\n" + $"Subject: {subject}\n" +
        "Content-Type: multipart/mixed; boundary=\"b\"\n\n--b\nContent-Type: text/plain\n\n" + words + "\n\n" +
        "--b\nContent-Type: message/rfc822\n\n" + attached + "\n--b--\n";

    [Theory]
    [InlineData("-------- Doorgestuurd bericht --------\nOnderwerp: \tUndelivered Mail Returned to Sender\nDatum: \tMon, 16 Mar 2026 08:40:00 +0100\nVan: \tMail Delivery System <MAILER-DAEMON@smtp.sender.example>\nAan: \tnoor@sender.example\n\n\n")]
    [InlineData("---------- Forwarded message ---------\nFrom: Mail Delivery System <MAILER-DAEMON@smtp.sender.example>\nDate: Mon, 16 Mar 2026 at 08:40\nSubject: Undelivered Mail Returned to Sender\nTo: <noor@sender.example>\n\n\n")]
    [InlineData("---------- Doorgestuurd bericht ---------\nVan: Mail Delivery System <MAILER-DAEMON@smtp.sender.example>\nDatum: ma 16 mrt 2026 om 08:40\nOnderwerp: Undelivered Mail Returned to Sender\nAan: <noor@sender.example>\n\n\n")]
    [InlineData("________________________________\nVan: Mail Delivery System <MAILER-DAEMON@smtp.sender.example>\nVerzonden: maandag 16 maart 2026 08:40\nAan: Noor Aydin <noor@sender.example>\nOnderwerp: Undelivered Mail Returned to Sender\n\n")]
    [InlineData("From: Mail Delivery System <MAILER-DAEMON@smtp.sender.example>\nSent: Monday, March 16, 2026 8:40 AM\nTo: Noor Aydin <noor@sender.example>\nSubject: Undelivered Mail Returned to Sender\n\n")]
    public void An_inline_forward_gives_the_failed_recipient_and_never_the_forwarder(string block)
    {
        var outcome = BounceFixtures.Parse(Forward("Fwd: Undelivered Mail Returned to Sender", block + PostfixNotice));
        var result = Assert.Single(outcome.Results);
        Assert.Equal("kim@receiver.example", result.Recipient);
        Assert.Equal("5.1.1", result.Status);
        Assert.Equal("postfix", result.Decoder);
    }

    [Fact]
    public void A_bounce_quoted_in_a_reply_is_read_without_its_quote_marks()
    {
        var quoted = string.Join('\n', PostfixNotice.Split('\n').Select(l => "> " + l));
        var outcome = BounceFixtures.Parse(Forward("Re: Undelivered Mail Returned to Sender", "On Mon, 16 Mar 2026 at 08:40, Mail Delivery System <MAILER-DAEMON@smtp.sender.example> wrote:\n" + quoted));
        Assert.Equal("kim@receiver.example", Assert.Single(outcome.Results).Recipient);
    }

    [Theory]
    // Gmail wraps a long attribution after the address's "<" and leaves a blank line before the quote.
    [InlineData("Op ma 16 mrt 2026 om 08:40 schreef Mail Delivery System <\nMAILER-DAEMON@smtp.sender.example>:\n\n")]
    [InlineData("Am Mo., 16. März 2026 um 08:40 Uhr schrieb Mail Delivery System <MAILER-DAEMON@smtp.sender.example>:\n")]
    public void A_bounce_quoted_under_a_wrapped_or_german_attribution_is_read(string attribution)
    {
        var quoted = string.Join('\n', PostfixNotice.Split('\n').Select(l => "> " + l));
        var outcome = BounceFixtures.Parse(Forward("Re: Undelivered Mail Returned to Sender", attribution + quoted));
        Assert.Equal("kim@receiver.example", Assert.Single(outcome.Results).Recipient);
    }

    [Fact]
    public void A_forward_of_an_ordinary_message_that_talks_about_a_bounce_is_not_a_bounce()
    {
        var outcome = BounceFixtures.Parse(Forward("Fwd: Offerte",
            "My mail below came back as undeliverable, could not be delivered. Can you help?\n\n" +
            "---------- Forwarded message ---------\nFrom: Noor Aydin <noor@sender.example>\nDate: Mon, 16 Mar 2026 at 08:40\n" +
            "Subject: Offerte\nTo: <kim@receiver.example>\n\n\nDear Kim,\n\nHere is the quote we discussed.\n"));
        Assert.Equal(ParseOutcomeKind.NotBounce, outcome.Kind);
    }

    [Fact]
    public void A_plain_text_notice_attached_under_a_subject_of_the_forwarders_own_gives_its_recipient()
    {
        var outcome = BounceFixtures.Parse(Attaching("mail komt terug", "Kun je hiernaar kijken? (cc helpdesk@support.example)",
            "From: Mail Delivery System <MAILER-DAEMON@smtp.sender.example>\nTo: noor@sender.example\n" +
            "Subject: Undelivered Mail Returned to Sender\nContent-Type: text/plain\n\n" + PostfixNotice));
        Assert.Equal("kim@receiver.example", Assert.Single(outcome.Results).Recipient);
    }

    [Fact]
    public void A_forward_that_attaches_an_ordinary_message_is_not_a_bounce()
    {
        var outcome = BounceFixtures.Parse(Attaching("FW: Offerte", "This one bounced, can you help?",
            "From: Noor Aydin <noor@sender.example>\nTo: kim@receiver.example\nSubject: Offerte\n\nDear Kim,\n"));
        Assert.Equal(ParseOutcomeKind.NotBounce, outcome.Kind);
    }

    [Fact]
    public void A_notice_from_a_sender_like_a_person_with_a_broken_original_attached_is_still_a_bounce()
    {
        // A provider's notice sent from a no-reply mailbox, its returned original cut short (no From: of its own):
        // without a forward's subject it is the notice, not a person's forward of that original.
        var outcome = BounceFixtures.Parse(
            "From: Mail Service <no-reply@app.provider.example>\nTo: noor@sender.example\nSubject: Mail\n" +
            "MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=\"b1\"\n\n" +
            "--b1\nContent-Type: text/plain\n\nYour mail sent on: Mon, 16 Mar 2026 08:40:00 +0900\n" +
            "     Could not be delivered to: <kim@receiver.example>\n     As their mailbox is full.\n\n" +
            "--b1\nContent-Type: message/rfc822\n\nRe");
        Assert.Equal(ParseOutcomeKind.Bounce, outcome.Kind);
        Assert.Equal("kim@receiver.example", Assert.Single(outcome.Results).Recipient);
    }

    [Fact]
    public void A_notice_from_a_mail_system_is_never_read_as_a_forward()
    {
        // A returned message that was itself a forward quotes a forward header block; the notice's recipient stays.
        var outcome = BounceFixtures.Parse(
            "From: Mail Delivery System <MAILER-DAEMON@smtp.sender.example>\nTo: noor@sender.example\n" +
            "Subject: Undelivered Mail Returned to Sender\nContent-Type: text/plain\n\n" + PostfixNotice +
            "\n---------- Forwarded message ---------\nFrom: Mail Delivery System <MAILER-DAEMON@other.example>\n" +
            "Date: Mon, 16 Mar 2026 at 08:40\nSubject: Undelivered Mail Returned to Sender\nTo: <noor@sender.example>\n\n" +
            "<lee@elsewhere.example>: host mx.elsewhere.example[192.0.2.9] said: 552 5.2.2 Mailbox full\n");
        Assert.Equal("kim@receiver.example", outcome.Results[0].Recipient);
    }

    [Theory]
    [InlineData("Delivery has failed to these recipients or groups:\n", true)]
    [InlineData("\n\nAddress not found\nYour message wasn't delivered", true)]
    [InlineData("Reported error: 550 5.1.1 User unknown", true)]
    [InlineData("From: Noor <noor@sender.example>\nSubject: x\n\nbody", false)]
    [InlineData("Return-Path: <>\nFrom: MAILER-DAEMON\n", false)]
    [InlineData("From MAILER-DAEMON Mon Mar 16 08:40:00 2026\nFrom: x\n", false)]
    [InlineData("", false)]
    public void Text_without_a_header_block_is_pasted_text(string text, bool pasted) =>
        Assert.Equal(pasted, PastedText.LacksHeaders(Encoding.UTF8.GetBytes(text)));

    [Fact]
    public void A_notice_pasted_with_the_dutch_header_block_outlook_shows_is_read_by_that_block()
    {
        // MimeKit reads "Van:", "Onderwerp:" as unknown headers: without the mapping there is no sender or subject to go by.
        var outcome = BounceFixtures.Parse(
            "Van: Microsoft Outlook <MicrosoftExchange329e71ec88ae4615bbc36ab6ce41109e@sender.example>\n" +
            "Verzonden: dinsdag 17 maart 2026 14:14\nAan: Noor Aydin <noor@sender.example>\nOnderwerp: Onbestelbaar: Offerte\n\n" +
            "Uw bericht kan niet worden bezorgd bij de volgende ontvangers of groepen:\n\nkim@receiver.example\n" +
            "Het opgegeven e-mailadres is niet gevonden.\n\nDiagnostische gegevens voor beheerders:\n\nkim@receiver.example\n" +
            "Externe server heeft '550 5.1.1 <kim@receiver.example>: Recipient address rejected: User unknown' geretourneerd\n");
        var result = Assert.Single(outcome.Results);
        Assert.Equal(("kim@receiver.example", 550, "text"), (result.Recipient, result.ReplyCode, result.Decoder));
    }

    [Fact]
    public void A_forward_of_a_forwarded_bounce_gives_the_failed_recipient()
    {
        var inner = Forward("Fwd: Undelivered Mail Returned to Sender",
            "---------- Forwarded message ---------\nFrom: Mail Delivery System <MAILER-DAEMON@smtp.sender.example>\n" +
            "Date: Mon, 16 Mar 2026 at 08:40\nSubject: Undelivered Mail Returned to Sender\nTo: <noor@sender.example>\n\n\n" + PostfixNotice);
        var body = inner[(inner.IndexOf("\n\n", StringComparison.Ordinal) + 2)..];
        var outcome = BounceFixtures.Parse(
            "From: Helpdesk <helpdesk@support.example>\nTo: mail-admin@support.example\nSubject: FW: Fwd: Undelivered Mail Returned to Sender\n" +
            "Content-Type: text/plain\n\nFor you.\n\nFrom: Noor Aydin <noor@sender.example>\nSent: Monday, March 16, 2026 9:00 AM\n" +
            "To: helpdesk@support.example\nSubject: Fwd: Undelivered Mail Returned to Sender\n\n" + body);
        Assert.Equal("kim@receiver.example", Assert.Single(outcome.Results).Recipient);
    }

    [Fact]
    public void A_pasted_gmail_notice_is_read_by_the_gmail_decoder()
    {
        var outcome = BounceFixtures.Parse(
            "Address not found\nYour message wasn't delivered to kim@receiver.example because the address couldn't be found, or is unable to receive mail.\n" +
            "The response was:\n550 5.1.1 The email account that you tried to reach does not exist.\n");
        var result = Assert.Single(outcome.Results);
        Assert.Equal(("kim@receiver.example", "gmail", "5.1.1"), (result.Recipient, result.Decoder, result.Status));
    }

    [Fact]
    public void Pasted_text_that_only_talks_about_a_bounce_is_not_a_bounce()
    {
        var outcome = BounceFixtures.Parse("Hi, my message to kim@receiver.example was undeliverable and could not be delivered. What now?\n");
        Assert.Equal(ParseOutcomeKind.NotBounce, outcome.Kind);
    }

    [Fact]
    public void The_original_sender_in_microsoft_365_message_details_is_no_recipient()
    {
        var outcome = BounceFixtures.Parse(
            "Your message to kim@receiver.example couldn't be delivered.\n\nOriginal Message Details\n" +
            "Sender Address:\tnoor@sender.example\nRecipient Address:\tkim@receiver.example\nSubject:\tOfferte\n\n" +
            "Error Details\nReported error:\t550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient kim@receiver.example not found by SMTP address lookup\n");
        var result = Assert.Single(outcome.Results);
        Assert.Equal(("kim@receiver.example", "5.1.10", 550), (result.Recipient, result.Status, result.ReplyCode));
    }

    [Fact]
    public void An_exchange_reply_after_the_remote_host_and_a_hash_gives_the_reply_code()
    {
        var outcome = BounceFixtures.Parse(
            "Delivery has failed to these recipients or groups:\n\nkim@receiver.example\nThe e-mail address you entered couldn't be found.\n\n" +
            "Diagnostic information for administrators:\n\nGenerating server: mail.sender.example\n\n" +
            "kim@receiver.example\nmx.receiver.example #550 5.1.1 <kim@receiver.example>: Recipient address rejected: User unknown ##\n");
        var result = Assert.Single(outcome.Results);
        Assert.Equal((550, "5.1.1"), (result.ReplyCode, result.Status));
    }
}
