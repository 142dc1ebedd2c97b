using System.Text;
using Bounceback.Core.Bounces;
using Bounceback.Core.Catalog;
using Bounceback.Core.Codes;
using Bounceback.Core.Diagnosis;

namespace Bounceback.Core.Tests.Bounces;

/// <summary>A provider's own code means one thing: the catalog's entry decides the parse reason, and the linked explanation agrees.</summary>
public class ReasonClassifierProviderTests
{
    [Fact]
    public void A_yahoo_token_gets_the_reason_of_its_catalog_entry()
    {
        var want = ExplanationCatalog.Default.FindForProvider("yahoo", "TSS04").Select(e => e.Reason).Distinct().Single();
        var outcome = BounceFixtures.Parse(BounceFixtures.OneRecipientReport("4.7.0",
            "421 4.7.0 [TSS04] Messages from 192.0.2.1 temporarily deferred due to unexpected volume or user complaints - 4.16.55.1; see https://postmaster.yahooinc.com/error-codes",
            "mta5.am0.yahoodns.net"));
        var r = Assert.Single(outcome.Results);
        Assert.Equal(want, r.Reason);
        Assert.Equal(r.Reason, r.Explanation?.Reason);
    }

    [Fact]
    public void The_explanation_reports_the_reason_the_parser_decided()
    {
        // Wording decides userunknown although 5.7.1 alone would be explained as a refusal.
        var outcome = BounceFixtures.Parse(BounceFixtures.OneRecipientReport("5.7.1", "554 5.7.1 <ann@shop.example>: Recipient address rejected: Access denied", "mx.shop.example"));
        var r = Assert.Single(outcome.Results);
        Assert.Equal(BounceReason.UserUnknown, r.Reason);
        Assert.NotNull(r.Explanation);
        Assert.Equal(r.Reason, r.Explanation!.Reason);
    }

    [Fact]
    public void The_diagnoser_names_a_provider_reason_only_for_provider_tokens_or_wording()
    {
        var want = ExplanationCatalog.Default.FindForProvider("yahoo", "TSS04").Select(e => e.Reason).Distinct().Single();
        Diagnoser.Default.Diagnose("4.7.0", 421, "421 4.7.0 [TSS04] Messages from 192.0.2.1 temporarily deferred - see https://postmaster.yahooinc.com/error-codes", Language.En, out var byToken);
        Diagnoser.Default.Diagnose("5.1.1", 550, "550 5.1.1 <ann@shop.example>: user unknown", Language.En, out var byStandardCode);
        Assert.Equal(want, byToken);
        Assert.Null(byStandardCode);
    }

    public static IEnumerable<object[]> Fixtures() => BounceFixtures.Messages().Select(f => new object[] { Path.GetRelativePath(BounceFixtures.FixtureRoot, f) });

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Every_fixture_result_and_its_explanation_give_the_same_reason(string fixture)
    {
        var outcome = BounceFixtures.Parse(File.ReadAllBytes(Path.Combine(BounceFixtures.FixtureRoot, fixture)), fixture);
        foreach (var r in outcome.Results.Where(r => r.Explanation is not null))
        {
            Assert.Equal(r.Reason, r.Explanation!.Reason);
        }
    }
}
