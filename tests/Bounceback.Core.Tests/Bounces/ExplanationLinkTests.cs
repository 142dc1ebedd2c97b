using System.Text;
using Bounceback.Core.Codes;
using Bounceback.Core.Diagnosis;

namespace Bounceback.Core.Tests.Bounces;

/// <summary>What a result carries besides its reason, where the report's facts or its charsets change it.</summary>
public class ExplanationLinkTests
{
    private static string GaveUp => Diagnoser.Default.Catalog.Text("summary.retry.gaveUp", Language.En);

    [Fact]
    public void An_expiry_that_failed_says_the_sending_server_stopped_trying_and_a_delay_notice_does_not()
    {
        var failed = Assert.Single(BounceFixtures.Parse(BounceFixtures.Report(("ann@shop.example", "failed", "4.4.7", "retry timeout exceeded", null))).Results);
        var delayed = Assert.Single(BounceFixtures.Parse(BounceFixtures.Report(("ann@shop.example", "delayed", "4.4.7", "400 4.4.7 Message delayed", null))).Results);
        Assert.EndsWith(GaveUp, failed.Explanation!.Summary, StringComparison.Ordinal);
        Assert.DoesNotContain(GaveUp, delayed.Explanation!.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void An_original_subject_encoded_in_a_legacy_charset_is_decoded()
    {
        // "Счёт на оплату" (an invoice) in windows-1251, an encoded word in the returned headers' Subject.
        var report = Encoding.UTF8.GetString(BounceFixtures.Report(("ann@shop.example", "failed", "5.1.1", "550 5.1.1 unknown", null)))
            .Replace("--b1--\n", "--b1\nContent-Type: text/rfc822-headers\n\nFrom: news@letters.example\nSubject: =?windows-1251?B?0fe48iDt4CDu7+vg8vM=?=\n\n--b1--\n", StringComparison.Ordinal);
        var result = Assert.Single(BounceFixtures.Parse(Encoding.UTF8.GetBytes(report)).Results);
        Assert.Equal("Счёт на оплату", result.OriginalSubject);
    }

    [Fact]
    public void A_general_status_whose_words_decided_a_reason_is_explained_by_the_status_of_that_reason()
    {
        var result = Assert.Single(BounceFixtures.Parse(BounceFixtures.Report(("ann@shop.example", "failed", "5.0.0",
            "554 delivery error: dd Sorry your message to ann@shop.example cannot be delivered. This mailbox is disabled (554.30)", null))).Results);
        Assert.Equal((BounceReason.Suspend, "5.0.0"), (result.Reason, result.Status));
        Assert.Equal(("5.2.1", FaultSide.Recipient), (result.Explanation!.Code, result.Explanation.FaultSide));
        // A status with a detail keeps its own explanation.
        var full = Assert.Single(BounceFixtures.Parse(BounceFixtures.Report(("ann@shop.example", "failed", "5.2.2", "552 5.2.2 Mailbox full", null))).Results);
        Assert.Equal("5.2.2", full.Explanation!.Code);
    }
}
