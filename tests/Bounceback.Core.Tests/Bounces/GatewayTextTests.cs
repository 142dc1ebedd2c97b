using Bounceback.Core.Bounces.Decoders;

namespace Bounceback.Core.Tests.Bounces;

/// <summary>A gateway's footer below a notice and its banner above one are found, and nothing else is taken for either.</summary>
public class GatewayTextTests
{
    private const string Notice = "Delivery to the following recipient failed permanently:\n\n    jan@shop.example\n\n";

    [Theory]
    [InlineData("-- \nThis email has been scanned for viruses by the Example Gateway.\n")]
    [InlineData("This email has been scanned for viruses and malware.\nCONFIDENTIALITY NOTICE: for the addressee only.\n")]
    [InlineData("  This message has been checked for viruses by Example AV.\n")]
    [InlineData("Virus-free. www.avast.example\n")]
    [InlineData("DISCLAIMER: this message is confidential.\r\n")]
    [InlineData("No virus found in this message.\nChecked by AVG - www.avg.example\n")]
    public void A_footer_at_the_end_is_found_where_it_starts(string footer) =>
        Assert.Equal(Notice.Length, GatewayText.FooterStart(Notice + footer));

    [Theory]
    // A scanner's finding is the notice's own news.
    [InlineData("This message has been scanned and found to contain a virus (Eicar-Test-Signature).\n")]
    // A person's signature above the bounce they forward.
    [InlineData("-- \nJan de Vries\n\n---------- Forwarded message ---------\nFrom: Mail Delivery Subsystem <mailer-daemon@googlemail.com>\n")]
    // "--" without its space is no signature delimiter, nor is "-- " with text after it.
    [InlineData("--\nsomething\n")]
    [InlineData("-- more text\n")]
    public void Nothing_else_is_taken_for_a_footer(string tail) =>
        Assert.Equal(-1, GatewayText.FooterStart(Notice + tail));

    [Fact]
    public void A_footer_on_the_first_line_is_not_cut_and_a_long_tail_is_no_footer()
    {
        Assert.Equal(-1, GatewayText.FooterStart("This email has been scanned for viruses.\n" + Notice));
        Assert.Equal(-1, GatewayText.FooterStart(Notice + "-- \n" + string.Concat(Enumerable.Repeat("line\n", 20))));
    }

    [Fact]
    public void A_part_that_is_only_a_footer_is_one_when_it_follows_the_notice()
    {
        const string part = "This email has been scanned for viruses by the Example Gateway.\n";
        Assert.Equal(0, GatewayText.FooterStart(part, mayOpen: true));
        Assert.Equal(-1, GatewayText.FooterStart(part));
        Assert.Equal(-1, GatewayText.FooterStart("This message has been scanned and found to contain a virus.\n", mayOpen: true));
    }

    [Theory]
    [InlineData("CAUTION: This email originated from outside of the organization. Do not click links or open\nattachments unless you recognize the sender.\n\n")]
    [InlineData("[EXTERNAL EMAIL] DO NOT CLICK links or attachments unless you know the content is safe.\r\n\r\n")]
    [InlineData("You don't often get email from mailer-daemon@relay.example. Learn why this is important\n\n\n")]
    [InlineData("LET OP: deze e-mail is afkomstig van buiten de organisatie. Klik niet op links.\n\n")]
    [InlineData("ACHTUNG: Diese E-Mail stammt von außerhalb der Organisation.\n\n")]
    public void A_banner_above_the_notice_is_found_with_the_blank_lines_after_it(string banner) =>
        Assert.Equal(banner.Length, GatewayText.BannerLength(banner + Notice));

    [Theory]
    // The notice itself, and a first paragraph that runs on too long or has no blank line after it.
    [InlineData(Notice)]
    [InlineData("Your message was rejected by an external email server.\n\n" + Notice)]
    [InlineData("Relaying denied: your message originated outside this network.\n\n" + Notice)]
    [InlineData("This message was sent from outside; external email wording in line one\nline two\nline three\nline four\nline five\nline six\n\n" + Notice)]
    [InlineData("CAUTION: This email originated from outside of the organization.")]
    public void Nothing_else_is_taken_for_a_banner(string text) =>
        Assert.Equal(0, GatewayText.BannerLength(text));
}
