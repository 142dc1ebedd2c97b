using System.Text;

namespace Bounceback.Core.Tests.Bounces;

/// <summary>A notice that quotes the original's headers as text, not as a MIME part, still gives its subject, id and sender.</summary>
public class ReturnedHeadersTests
{
    private static Bounceback.Core.Bounces.BounceResult Parse(string body) =>
        Assert.Single(BounceFixtures.Parse((
            "From: MAILER-DAEMON <>\nTo: <ann@sender.example>\nSubject: Mail delivery failed\nContent-Type: text/plain\n\n" + body)).Results);

    [Fact]
    public void Headers_after_a_copy_marker_give_the_original_subject_id_and_sender()
    {
        var r = Parse(
            "This is the DragonFly Mail Agent v0.13 at relay.sender.example.\n\n" +
            "There was an error delivering your mail to <bob@receiver.example>.\n\n" +
            "mx.receiver.example [198.51.100.3] did not like our RCPT TO:\n550 5.1.1 <bob@receiver.example>: User unknown\n\n" +
            "Message headers follow.\n\n" +
            "Received: from ann (uid 1000)\n\tby relay.sender.example (DragonFly Mail Agent v0.13);\n\tMon, 2 Mar 2026 10:00:00 +0100\n" +
            "Subject: Offerte maart\nTo: <bob@receiver.example>\nMessage-Id: <offerte-0302@sender.example>\nFrom: Ann <ann@sender.example>\n\n" +
            "Body text that is not a header: not read.\n");
        Assert.Equal("Offerte maart", r.OriginalSubject);
        Assert.Equal("offerte-0302@sender.example", r.OriginalMessageId);
        Assert.Equal("ann@sender.example", r.Sender);
        Assert.Equal("bob@receiver.example", r.Recipient);
    }

    [Fact]
    public void Without_a_quoted_header_block_nothing_is_made_up()
    {
        var r = Parse(
            "This is the DragonFly Mail Agent v0.13 at relay.sender.example.\n\n" +
            "There was an error delivering your mail to <bob@receiver.example>.\n\n" +
            "mx.receiver.example [198.51.100.3] did not like our RCPT TO:\n550 5.1.1 <bob@receiver.example>: User unknown\n\n" +
            "Message headers follow.\n\nThe headers were too long and have been left out.\n");
        Assert.Null(r.OriginalSubject);
        Assert.Null(r.OriginalMessageId);
        Assert.Null(r.Sender);
    }

    [Fact]
    public void A_quoted_field_that_is_folded_long_and_not_ascii_is_read_whole()
    {
        var longSubject = string.Concat(Enumerable.Repeat("Offerte maart café 宛先 ", 40));
        var r = Parse(
            "There was an error delivering your mail to <bob@receiver.example>.\n\n" +
            "550 5.1.1 <bob@receiver.example>: User unknown\n\n" +
            "Message headers follow.\n\n" +
            "Received: from ann (uid 1000)\n\tby relay.sender.example;\n\tMon, 2 Mar 2026 10:00:00 +0100\n" +
            $"Subject: {longSubject}\n\tvervolg\nMessage-Id: <offerte-0302@sender.example>\nFrom: Ann <ann@sender.example>\n\n");
        Assert.Equal(longSubject + "\tvervolg", r.OriginalSubject);
        Assert.Equal("offerte-0302@sender.example", r.OriginalMessageId);
    }
}
