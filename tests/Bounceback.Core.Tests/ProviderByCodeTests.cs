using System.Text;
using Bounceback.Core.Catalog;
using Bounceback.Core.Codes;
using Bounceback.Core.Diagnosis;

namespace Bounceback.Core.Tests;

/// <summary>
/// A status code that no standard entry knows and one provider alone defines (Microsoft's 5.7.708) is explained by that
/// provider's entry, with a note, also when the text does not name the provider; it does not decide a bounce's reason.
/// </summary>
public class ProviderByCodeTests
{
    private static Diagnoser Small => TestCatalogs.SmallDiagnoser;

    [Fact]
    public void Unregistered_code_of_one_provider_is_explained_by_its_entry_with_a_note()
    {
        var report = Small.Explain("550 5.7.650 refused", Language.En);
        var finding = Assert.Single(report.Findings, f => f.Code == "5.7.650");
        Assert.True(finding.Known);
        Assert.Equal("acme", finding.Provider);
        Assert.Equal("Title 5.7.650", finding.Title);
        Assert.Equal("5.7.650 is Acme Mail's", finding.Note);
        Assert.Equal("5.7.650", report.Diagnosis!.Code);
        Assert.Equal(BounceReason.BadReputation, report.Diagnosis.Reason);
    }

    [Fact]
    public void Registered_code_is_not_given_to_the_provider_that_also_defines_it()
    {
        // acme has an entry for 5.7.1 (with a phrase); the standard x.7.1 entry knows the code, so acme is not assumed.
        var finding = Assert.Single(Small.Explain("550 5.7.1 refused", Language.En).Findings, f => f.Code == "5.7.1");
        Assert.Null(finding.Provider);
        Assert.Null(finding.Note);
        Assert.Equal("Title x.7.1", finding.Title);
    }

    [Fact]
    public void Code_that_two_providers_define_is_nobody_s_alone()
    {
        static string Profile(string id) => $$"""
            family: provider
            provider: { id: {{id}}, name: "{{id}}", detect: ["{{id}}.example"] }
            entries:
              - code: "5.7.777"
                title: { en: "{{id}} title", nl: "{{id}} titel" }
                meaning: { en: "m", nl: "b" }
                causes: { en: ["c"], nl: ["o"] }
                steps: { sender: { en: ["s"], nl: ["s"] }, admin: { en: ["a"], nl: ["b"] } }
                faultSide: sender-server
                reason: blocked
                source: test
            """;
        var catalog = ExplanationCatalog.Load(new[] { ("providers/one.yaml", Profile("one")), ("providers/two.yaml", Profile("two")) }
            .Select(f => (f.Item1, (Func<Stream>)(() => new MemoryStream(Encoding.UTF8.GetBytes(f.Item2))))));
        Assert.Null(catalog.SoleProviderOf("5.7.777"));
        Assert.Equal("acme", TestCatalogs.Small.SoleProviderOf("5.7.650"));
        Assert.Null(TestCatalogs.Small.SoleProviderOf("5.7.1"));
        Assert.Null(TestCatalogs.Small.SoleProviderOf("not a code"));
    }

    [Theory]
    [InlineData("550 5.7.708 Service unavailable. Access denied, traffic not accepted from this IP.", "5.7.708", Language.En, "Only Microsoft")]
    [InlineData("550 5.7.606 Access denied, banned sending IP [192.0.2.1].", "5.7.606", Language.Nl, "Alleen Microsoft")]
    public void A_pasted_Microsoft_reply_without_Microsoft_s_name_is_explained_as_Microsoft_s(string text, string code, Language language, string noteStart)
    {
        var finding = Assert.Single(Diagnoser.Default.Explain(text, language).Findings, f => f.Code == code);
        Assert.True(finding.Known);
        Assert.Equal("microsoft", finding.Provider);
        Assert.StartsWith(noteStart, finding.Note);
        Assert.Equal(finding, Diagnoser.Default.ExplainCode(CodeKind.Enhanced, code, language)! with { MatchedText = finding.MatchedText, Start = finding.Start, Length = finding.Length, Group = finding.Group });
    }

    [Fact]
    public void A_code_alone_explains_a_bounce_but_leaves_its_reason_to_the_rules()
    {
        // Microsoft's entry for 5.4.312 ("message expired, DNS query failed") is picked by its phrases; unnamed, it does not decide.
        const string reply = "550 5.4.312 Message expired, DNS query failed";
        var unnamed = Diagnoser.Default.Diagnose("5.4.312", 550, reply, Language.En, out var unnamedReason);
        Assert.Null(unnamedReason);
        Assert.Equal("5.4.312", unnamed!.Code);
        Assert.DoesNotContain("exact detail unknown", unnamed.Summary, StringComparison.Ordinal);
        Diagnoser.Default.Diagnose("5.4.312", 550, reply + " [AM0PR01MB0001.eurprd01.prod.outlook.com]", Language.En, out var namedReason);
        Assert.NotNull(namedReason);
    }
}
