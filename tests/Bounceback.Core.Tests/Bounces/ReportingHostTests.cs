using System.Text;

namespace Bounceback.Core.Tests.Bounces;

/// <summary>The server that wrote a plain-text notice, for notices without a Reporting-MTA field.</summary>
public class ReportingHostTests
{
    private static string? ReportingMta(string from, string body)
    {
        var outcome = BounceFixtures.Parse((
            $"From: {from}\nTo: ann@sender.example\nSubject: Undelivered Mail Returned to Sender\nContent-Type: text/plain\n\n{body}"));
        return Assert.Single(outcome.Results).ReportingMta;
    }

    private const string PostfixBody =
        "This is the mail system at host relay2.sender.example.\n\n" +
        "I'm sorry to have to inform you that your message could not\nbe delivered to one or more recipients.\n\n" +
        "<bob@receiver.example>: host mx.receiver.example[198.51.100.3] said: 550 5.1.1\n" +
        "    <bob@receiver.example>: Recipient address rejected: User unknown (in reply to\n    RCPT TO command)\n";

    [Fact]
    public void The_host_a_notice_names_for_itself_is_the_reporting_server()
    {
        Assert.Equal("relay2.sender.example", ReportingMta("MAILER-DAEMON@sender.example (Mail Delivery System)", PostfixBody));
    }

    [Fact]
    public void Without_such_wording_a_mailer_daemons_domain_is()
    {
        var exim =
            "This message was created automatically by mail delivery software.\n\n" +
            "A message that you sent could not be delivered to one or more of its\nrecipients. This is a permanent error. The following address(es) failed:\n\n" +
            "  bob@receiver.example\n    SMTP error from remote mail server after RCPT TO:<bob@receiver.example>:\n" +
            "    host mx.receiver.example [198.51.100.3]: 550 5.1.1 User unknown\n";
        Assert.Equal("out.sender.example", ReportingMta("Mail Delivery System <Mailer-Daemon@out.sender.example>", exim));
    }

    [Fact]
    public void A_notice_from_an_ordinary_address_names_no_reporting_server()
    {
        var exim =
            "This message was created automatically by mail delivery software.\n\n" +
            "A message that you sent could not be delivered to one or more of its\nrecipients. This is a permanent error. The following address(es) failed:\n\n" +
            "  bob@receiver.example\n    SMTP error from remote mail server after RCPT TO:<bob@receiver.example>:\n" +
            "    host mx.receiver.example [198.51.100.3]: 550 5.1.1 User unknown\n";
        Assert.Null(ReportingMta("Helpdesk <helpdesk@sender.example>", exim));
    }
}
