using Bounceback.Core.Bounces;
using Bounceback.Core.Bounces.Decoders;
using Bounceback.Core.Bounces.Reasons;
using Bounceback.Core.Codes;
using Bounceback.Core.Diagnosis;
using Bounceback.Core.Extraction;
using static Bounceback.Core.Tests.Bounces.ReasonCases;

namespace Bounceback.Core.Tests.Bounces;

/// <summary>
/// Twelfth pass: what bounces of servers and gateways the fixtures had not met showed (Stalwart, SmarterMail, Plesk,
/// NetEase, T-Online behind Postfix). The texts are written for these tests in the shapes those servers use.
/// </summary>
public class ReasonClassifierTwelfthPassTests
{
    private static ParseOutcome ParseText(string message) => BounceFixtures.Parse(message.ReplaceLineEndings("\n"));

    [Theory]
    [InlineData("<ann@example.com> (host 'mx.example.com' rejected command 'RCPT TO:<ann@example.com>' with code 550 (5.1.1) 'User unknown')", "RCPT")]
    [InlineData("<ann@example.com> (host 'mx.example.com' rejected command 'MAIL FROM:<shop@example.org> SIZE=2048' with code 550 (5.7.23) 'SPF fail')", "MAIL")]
    [InlineData("<ann@example.com> (host 'mx.example.com' rejected command 'DATA' with code 554 (5.7.1) 'Spam message rejected')", "DATA")]
    [InlineData("<ann@example.com> (host 'mx.example.com' rejected command 'BDAT 2048 LAST' with code 552 (5.3.4) 'Message too big')", "DATA")]
    [InlineData("<ann@example.com>: host mx.example.com[192.0.2.7] refused to talk to me: 554 IP=192.0.2.1 - A problem occurred. (BL)", "CONNECT")]
    [InlineData("<ann@example.com>: host mx.example.com[192.0.2.7] refused to\n    talk to me: 554 5.7.1 Connection refused", "CONNECT")]
    [InlineData("SMTP error from remote server for TEXT command, host: mx00.emig.gmx.net (212.227.15.9) reason: 554-Transaction failed", "DATA")]
    public void The_refused_command_is_read_from_stalwarts_and_postfixs_own_wording(string text, string command) =>
        Assert.Equal(command, Classify(text).Command);

    [Theory]
    [InlineData("554 DT:SPM 163 smtp12,EsCowAB1c2d3e4f5 1767225600, please see http://mail.163.example/help/help_spam_16.htm?ip=192.0.2.1")]
    [InlineData("451 DT:SPM 126 smtp3,DcmowAC1 1767225600, please see http://mail.163.example/help/help_spam_16.htm")]
    public void Neteases_dt_spm_is_spam_though_the_word_is_only_in_its_link(string diagnostic) =>
        Assert.Equal(BounceReason.SpamDetected, Classify(diagnostic).Reason);

    [Fact]
    public void Plesks_no_longer_accepts_mail_is_an_unknown_user()
    {
        var c = Classify("This address no longer accepts mail.");
        Assert.Equal(BounceReason.UserUnknown, c.Reason);
        Assert.True(c.HardBounce);
    }

    [Fact]
    public void A_heading_between_rules_is_not_the_wording_of_the_recipient_before_it()
    {
        var outcome = ParseText("""
            From: Mail Delivery Subsystem <MAILER-DAEMON@mail.example.org>
            To: info@example.org
            Subject: Warning: Temporary and permanent failures during message delivery
            Content-Type: text/plain; charset=utf-8

            Your message could not be delivered to some recipients:

                ----- There was a temporary problem delivering to these addresses -----
            <ann@example.net> (connection to 'mx.example.net' failed: Connection refused (os error 111))

                ----- Delivery to the following addresses failed -----
            <bob@example.com> (host 'mx.example.com' rejected command 'RCPT TO:<bob@example.com>' with code 550 (5.1.1) 'User unknown')
            """);
        Assert.Equal(2, outcome.Results.Count);
        var first = outcome.Results[0];
        Assert.Equal("ann@example.net", first.Recipient);
        Assert.DoesNotContain("-----", first.DiagnosticCode, StringComparison.Ordinal);
        Assert.EndsWith("(os error 111))", first.DiagnosticCode, StringComparison.Ordinal);
        Assert.Equal(BounceReason.UserUnknown, outcome.Results[1].Reason);
        Assert.Equal("RCPT", outcome.Results[1].Command);
    }

    [Theory]
    [InlineData("554 IP=192.0.2.1 - A problem occurred. (Ask your postmaster for help or to contact tosa@relay.example to clarify.) (BL)")]
    [InlineData("554 IP=192.0.2.1 - A problem occurred. (Ask your\r\n    postmaster for help or to contact tosa@relay.example to clarify.) (BL)")]
    public void T_onlines_refusal_is_known_by_its_wording_also_folded_and_without_its_host(string reply)
    {
        Diagnoser.Default.Diagnose("4.0.0", 554, reply, Language.En, out var providerReason);
        Assert.Equal(BounceReason.Blocked, providerReason);
    }

    [Theory]
    [InlineData("550 Rejected by Barracuda Reputation, see http://www.barracudacentral.example", true)]
    [InlineData("550 Rejected by Barracuda\r\n\tReputation, see http://www.barracudacentral.example", true)]
    [InlineData("550 Rejected by Barracuda  Reputation", true)]
    [InlineData("550 Rejected by Reputation", false)]
    public void A_provider_named_in_words_is_recognised_where_a_field_folds_them(string text, bool recognised) =>
        Assert.Equal(recognised, CodeExtractor.Default.RecogniseProviders(text).Contains("barracuda"));

    [Fact]
    public void A_style_sheet_or_script_in_an_html_notice_is_no_text()
    {
        var plain = HtmlText.ToPlain("<html><head><style>p { margin: 0 }</style><SCRIPT type=\"text/javascript\">var x = 1;</SCRIPT></head><body><p>You are not allowed to post.</p></body></html>");
        Assert.DoesNotContain("margin", plain, StringComparison.Ordinal);
        Assert.DoesNotContain("var x", plain, StringComparison.Ordinal);
        Assert.Contains("You are not allowed to post.", plain, StringComparison.Ordinal);
        Assert.Equal("", HtmlText.ToPlain("<style>never closed").Trim());
    }

    [Fact]
    public void A_list_post_about_a_bounce_is_no_bounce()
    {
        var outcome = ParseText("""
            From: Ruud Mulder <r.mulder@example.com>
            To: leden@lists.example.org
            Subject: [Leden] Mail delivery failed bij versturen naar de lijst?
            List-Id: <leden.lists.example.org>
            List-Post: <mailto:leden@lists.example.org>
            Content-Type: text/plain; charset=us-ascii

            Na mijn bericht kreeg ik "Mail delivery failed" terug:

            <onbekend@example.net>: host mx.example.net[192.0.2.1] said: 550 5.1.1 User unknown
            """);
        Assert.Equal(ParseOutcomeKind.NotBounce, outcome.Kind);
    }

    [Fact]
    public void Exchange_recipients_listed_as_name_and_address_keep_their_order()
    {
        var outcome = ParseText("""
            From: postmaster@mail.example.com
            To: lucia@example.com
            Subject: Undeliverable: Offerte
            Content-Type: text/plain; charset=utf-8

            Delivery has failed to these recipients or groups:

            Pedro Garcia (pedro@example.com)<mailto:pedro@example.com>
            The email address you entered couldn't be found.

            obras@example.org<mailto:obras@example.org>
            Your message wasn't delivered because the recipient's email provider rejected it.

            Diagnostic information for administrators:

            pedro@example.com
            Remote Server returned '550 5.1.1 RESOLVER.ADR.RecipNotFound; not found'

            obras@example.org
            Remote Server returned '550 5.7.1 Unable to relay'
            """);
        Assert.Equal(["pedro@example.com", "obras@example.org"], outcome.Results.Select(r => r.Recipient));
        Assert.Equal(BounceReason.UserUnknown, outcome.Results[0].Reason);
        Assert.Equal(BounceReason.NoRelaying, outcome.Results[1].Reason);
    }

    [Fact]
    public void The_reason_above_an_intermail_address_list_is_each_addresss_wording()
    {
        var outcome = ParseText("""
            From: Mail Administrator <Postmaster@mail.example.jp>
            To: info@example.org
            Subject: Mail System Error - Returned Mail
            Content-Type: text/plain; charset=us-ascii

            This Message was undeliverable due to the following reason:

            The user(s) account is temporarily over quota.

            <hana@mail.example.jp>
            <sora@mail.example.jp>

            Please reply to <Postmaster@mail.example.jp>
            if you feel this message to be in error.
            """);
        Assert.Equal(["hana@mail.example.jp", "sora@mail.example.jp"], outcome.Results.Select(r => r.Recipient));
        Assert.All(outcome.Results, r => Assert.Equal(BounceReason.MailboxFull, r.Reason));
        Assert.All(outcome.Results, r => Assert.Equal("The user(s) account is temporarily over quota.", r.DiagnosticCode));
    }

    [Theory]
    [InlineData("[Example Hosting Support] Re: Mail komt terug")]
    [InlineData("RE: Undeliverable: Offerte")]
    public void A_reply_that_quotes_a_notices_wording_is_no_notice(string subject)
    {
        var outcome = ParseText($"""
            From: Support <support@helpdesk.example.com>
            To: klant@example.org
            Subject: {subject}
            Content-Type: text/plain; charset=us-ascii

            Your request has been updated. The customer wrote:

                This is the mail system at host mail.example.org.
                <inkoop@example.net>: host mx.example.net[192.0.2.1] said: 550 5.1.1 User unknown
            """);
        Assert.Equal(ParseOutcomeKind.NotBounce, outcome.Kind);
    }

    [Fact]
    public void A_recipient_reported_delayed_and_then_failed_has_the_failure_as_its_one_result()
    {
        var outcome = BounceFixtures.Parse(BounceFixtures.Report(
            ("ann@example.com", "delayed", "4.4.1", "421 4.4.1 Connection timed out", null),
            ("ann@example.com", "failed", "5.1.1", "550 5.1.1 User unknown", null)));
        var r = Assert.Single(outcome.Results);
        Assert.Equal(("failed", BounceReason.UserUnknown), (r.Action, r.Reason));
    }

    [Theory]
    [InlineData("5.3.0 - Other mail system problem 571-'5.7.1 Message refused by the content filter'", "5.7.1")]
    [InlineData("5.1.0 - Unknown address error 550-'5.1.1 <ann@example.com>: Recipient address rejected'", "5.1.1")]
    public void A_relays_label_gives_way_to_the_quoted_reply_also_when_its_code_is_out_of_range(string diagnostic, string status) =>
        Assert.Equal(status, Classify(diagnostic, status: "5.3.0").Status);

    [Fact]
    public void A_failure_nothing_explains_has_the_undefined_status_of_its_class()
    {
        var nothing = Classify("", status: null);
        Assert.Equal((BounceReason.Undefined, "5.0.0"), (nothing.Reason, nothing.Status));

    }

    [Theory]
    [InlineData("550 5.1.1 <info-spf@example.com>: Recipient address rejected: User unknown", BounceReason.UserUnknown)]
    [InlineData("550 5.1.1 <virusscan@example.com>... User unknown", BounceReason.UserUnknown)]
    [InlineData("552 5.2.2 <blocked.list@example.com>: Mailbox full", BounceReason.MailboxFull)]
    public void A_mailbox_name_is_no_wording_of_the_refusal(string diagnostic, BounceReason reason) =>
        Assert.Equal(reason, Classify(diagnostic).Reason);

    [Theory]
    [InlineData("550 <ann.spf@example.com>: unknown", "550 <x@example.com>: unknown")]
    [InlineData("spam.desk@b.example and virus-team@e.example", "x@b.example and x@e.example")]
    // A mailbox name that holds no rule's phrase cannot be read as wording: it stays (and no copy is made).
    [InlineData("550 <ann.devries@example.com>: unknown", "550 <ann.devries@example.com>: unknown")]
    [InlineData("no address @ here, user@localhost, @example.com", "no address @ here, user@localhost, @example.com")]
    [InlineData("", "")]
    public void Mailbox_names_that_hold_a_rules_phrase_are_written_as_x(string text, string words) =>
        Assert.Equal(words, ReasonClassifier.WithoutLocalParts(text));

    [Theory]
    [InlineData(null)]
    [InlineData("us-ascii")]
    public void Eight_bit_text_without_its_charset_is_read_as_utf8_or_windows_1252(string? charset)
    {
        var type = charset is null ? "text/plain" : $"text/plain; charset={charset}";
        var head = $"From: Mail Delivery System <MAILER-DAEMON@mx.example.org>\nTo: shop@example.org\nSubject: Mail delivery failed\nContent-Type: {type}\nContent-Transfer-Encoding: 8bit\n\n"
            + "This message was created automatically by mail delivery software.\n\nThe following address(es) failed:\n\n  ann@example.com\n    SMTP error from remote mail server after RCPT TO:<ann@example.com>:\n    552 5.2.2 Bo\u00eete aux lettres pleine \u2013 quota d\u00e9pass\u00e9\n";
        foreach (var encoding in new[] { System.Text.Encoding.UTF8, System.Text.CodePagesEncodingProvider.Instance.GetEncoding(1252)! })
        {
            var r = Assert.Single(BounceFixtures.Parse(encoding.GetBytes(head), "eight-bit.eml").Results);
            Assert.Contains("Bo\u00eete aux lettres pleine \u2013 quota d\u00e9pass\u00e9", r.DiagnosticCode, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("error", "failed")]
    [InlineData("delay", "delayed")]
    [InlineData("Failed", "failed")]
    public void Opensmtpds_action_words_are_read_as_rfc_3464s(string written, string action)
    {
        var outcome = BounceFixtures.Parse(BounceFixtures.Report(("ann@example.com", written, "5.1.1", "550 5.1.1 User unknown", null)));
        Assert.Equal(action, Assert.Single(outcome.Results).Action);
    }

    [Theory]
    [InlineData("remote delivery deferred: mx.example.com [192.0.2.1] did not like our connect: 554 5.7.1 blocked", "CONNECT")]
    public void Dragonflys_connect_names_the_connection(string text, string command) =>
        Assert.Equal(command, Classify(text).Command);

    [Fact]
    public void An_expiry_after_cname_lookups_failed_is_a_network_error()
    {
        var c = Classify("CNAME lookup failed temporarily. (#4.4.3) I'm not going to try again; this message has been in the queue too long.", action: "delayed");
        Assert.Equal(BounceReason.NetworkError, c.Reason);
    }
}
