using System.Text;
using Bounceback.Core.Codes;

namespace Bounceback.Core.Tests.Bounces;

/// <summary>A report's Diagnostic-Code is read as the words its server wrote, whatever way they were written.</summary>
public class DiagnosticTextTests
{
    /// <summary>The header of a multipart/report from a relay to the sender, its parts separated by "b1".</summary>
    private const string ReportHeader =
        "From: Mail Delivery System <MAILER-DAEMON@relay.sender.example>\r\n" +
        "To: ann@sender.example\r\n" +
        "Subject: Undelivered Mail Returned to Sender\r\n" +
        "MIME-Version: 1.0\r\n" +
        "Content-Type: multipart/report; report-type=delivery-status; boundary=\"b1\"\r\n\r\n";

    private static readonly Encoding Iso2022Jp = CodePagesEncodingProvider.Instance.GetEncoding("iso-2022-jp")!;

    [Fact]
    public void A_diagnostic_written_in_raw_iso_2022_jp_is_read_as_japanese()
    {
        // "User Neko (jan@shop.example) was not found in the Domino directory." as a Japanese Domino server writes it,
        // in the report's field without any encoded-word.
        const string words = "ユーザー Neko (jan@shop.example) は Domino ディレクトリには見つかりません。";
        var head = Encoding.ASCII.GetBytes(
            "From: Mail Router <postmaster@mail.shop.example>\r\n" +
            "To: ann@sender.example\r\n" +
            "Subject: Returned mail\r\n" +
            "MIME-Version: 1.0\r\n" +
            "Content-Type: multipart/report; report-type=delivery-status; boundary=\"b1\"\r\n\r\n" +
            "--b1\r\nContent-Type: text/plain\r\n\r\nYour message was not delivered.\r\n\r\n" +
            "--b1\r\nContent-Type: message/delivery-status\r\n\r\n" +
            "Reporting-MTA: dns; mail.shop.example\r\n\r\n" +
            "Final-Recipient: rfc822;jan@shop.example\r\n" +
            "Action: failed\r\n" +
            "Status: 5.0.0\r\n" +
            "Diagnostic-Code: X-Notes; ");
        var tail = Encoding.ASCII.GetBytes("\r\n\r\n--b1--\r\n");
        var outcome = BounceFixtures.Parse([.. head, .. Iso2022Jp.GetBytes(words), .. tail]);
        var result = Assert.Single(outcome.Results);
        Assert.Contains("Domino ディレクトリには見つかりません", result.DiagnosticCode, StringComparison.Ordinal);
        Assert.DoesNotContain('\u001B', result.DiagnosticCode!);
        Assert.Equal(BounceReason.UserUnknown, result.Reason);
    }

    [Fact]
    public void A_recipient_without_words_of_its_own_does_not_take_another_recipients_words_from_the_notice()
    {
        var outcome = BounceFixtures.Parse(
            ReportHeader +
            "--b1\r\nContent-Type: text/plain\r\n\r\n" +
            "<piet@shop.example>: host mx.shop.example[192.0.2.7] said: 552 5.2.2\r\n" +
            "    <piet@shop.example>: Mailbox full (in reply to RCPT TO command)\r\n\r\n" +
            "--b1\r\nContent-Type: message/delivery-status\r\n\r\n" +
            "Reporting-MTA: dns; relay.sender.example\r\n\r\n" +
            "Final-Recipient: rfc822; jan@shop.example\r\n" +
            "Action: failed\r\n" +
            "Status: 5.1.1\r\n\r\n" +
            "Final-Recipient: rfc822; piet@shop.example\r\n" +
            "Action: failed\r\n" +
            "Status: 5.2.2\r\n" +
            "Diagnostic-Code: smtp; 552 5.2.2 <piet@shop.example>: Mailbox full\r\n\r\n" +
            "--b1--\r\n");
        Assert.Collection(outcome.Results,
            jan => Assert.Equal(("jan@shop.example", BounceReason.UserUnknown), (jan.Recipient, jan.Reason)),
            piet => Assert.Equal(("piet@shop.example", BounceReason.MailboxFull), (piet.Recipient, piet.Reason)));
    }

    [Theory]
    [InlineData("text/rfc822-headers", "quoted-printable")]
    [InlineData("message/rfc822", "base64")]
    public void A_returned_copy_in_a_transfer_encoding_names_the_original(string type, string encoding)
    {
        const string copy = "From: Ann <ann@sender.example>\r\nTo: jan@shop.example\r\nSubject: Offerte =?UTF-8?Q?dakgoot?=\r\n" +
            "Message-ID: <abc123@sender.example>\r\n\r\nHallo Jan\r\n";
        var body = encoding == "base64"
            ? Convert.ToBase64String(Encoding.ASCII.GetBytes(copy), Base64FormattingOptions.InsertLineBreaks)
            : copy.Replace("=?UTF-8?Q?dakgoot?=", "=3D?UTF-8?Q?dakgoot?=3D", StringComparison.Ordinal);
        var outcome = BounceFixtures.Parse(
            ReportHeader +
            "--b1\r\nContent-Type: text/plain\r\n\r\nThe message could not be delivered.\r\n\r\n" +
            "--b1\r\nContent-Type: message/delivery-status\r\n\r\n" +
            "Reporting-MTA: dns; relay.sender.example\r\n\r\n" +
            "Final-Recipient: rfc822; jan@shop.example\r\nAction: failed\r\nStatus: 5.1.1\r\n" +
            "Diagnostic-Code: smtp; 550 5.1.1 <jan@shop.example>: User unknown\r\n\r\n" +
            $"--b1\r\nContent-Type: {type}\r\nContent-Transfer-Encoding: {encoding}\r\n\r\n{body}\r\n" +
            "--b1--\r\n");
        var result = Assert.Single(outcome.Results);
        Assert.Equal(("ann@sender.example", "abc123@sender.example", "Offerte dakgoot"), (result.Sender, result.OriginalMessageId, result.OriginalSubject));
    }

    [Theory]
    [InlineData("550 5.1.1 user unknown")]
    [InlineData("550 5.1.1 utilisateur inconnu \u00e9")]
    [InlineData("text with an escape \u001B but not Japanese é")]
    public void Other_text_is_left_as_it_is(string text) =>
        Assert.Same(text, Core.Bounces.Decoders.MessageParts.WithIso2022JpRead(text));
}
