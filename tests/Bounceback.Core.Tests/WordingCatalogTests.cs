using Bounceback.Core.Catalog;
using Bounceback.Core.Codes;
using Bounceback.Core.Diagnosis;

namespace Bounceback.Core.Tests;

/// <summary>wording.yaml: standard codes as the server's words make them specific.</summary>
public class WordingCatalogTests
{
    private static IEnumerable<CatalogEntry> Wording => ExplanationCatalog.Default.Entries.Where(e => e.IsWording);

    [Fact]
    public void Every_wording_entry_has_phrases_and_explains_a_standard_code_that_has_its_own_entry()
    {
        Assert.NotEmpty(Wording);
        var bad = Wording.Where(e => e.Phrases.Count == 0 || e.Provider is not null || e.Kind is not (CodeKind.Enhanced or CodeKind.Reply or CodeKind.WindowsClient or CodeKind.Access or CodeKind.Winsock)
                                     || ExplanationCatalog.Default.Find(e.Kind, e.Code) is null)
            .Select(e => $"{e.Kind.Token()}:{e.Code}").ToList();
        Assert.True(bad.Count == 0, string.Join(", ", bad));
    }

    [Fact]
    public void Wording_entries_are_not_listed_as_codes_of_their_own()
    {
        Assert.DoesNotContain(ExplanationCatalog.Default.Search("4.7.1"), e => e.IsWording);
        // The code's own entry stays what a lookup of the code gives; its wording entries are found apart.
        Assert.False(ExplanationCatalog.Default.Find(CodeKind.Enhanced, "4.2.0")!.IsWording);
        Assert.Contains(ExplanationCatalog.Default.FindWording(CodeKind.Enhanced, "4.2.0"), e => e.IsWording && e.Phrases.Contains("greylist"));
    }

    [Theory]
    [InlineData("450 4.2.0 <jan@example.nl>: Recipient address rejected: Greylisted, see http://postgrey.example.org/", "blocked", FaultSide.RecipientServer)]
    [InlineData("553 5.7.1 <info@shop.example>: Sender address rejected: not logged in", "securityerror", FaultSide.SenderClient)]
    [InlineData("550-Verification failed for <info@shop.example>\n550-Unrouteable address\n550 Sender verify failed", "rejected", FaultSide.SenderServer)]
    [InlineData("551 5.1.1 <kees@example.org>... User has moved; please try <kees@example.net>", "hasmoved", FaultSide.Sender)]
    [InlineData("554 5.7.1 Service unavailable; Client host [192.0.2.1] blocked using zen.spamhaus.org", "blocked", FaultSide.SenderServer)]
    public void The_server_s_words_choose_the_meaning_of_a_general_code(string text, string reason, FaultSide side)
    {
        var d = Diagnoser.Default.Explain(text, Language.En).Diagnosis!;
        Assert.Equal(reason, d.Reason.Token());
        Assert.Equal(side, d.FaultSide);
    }

    [Fact]
    public void A_general_code_without_such_words_keeps_its_own_meaning()
    {
        var d = Diagnoser.Default.Explain("450 4.2.0 Mailbox temporarily unavailable", Language.En).Diagnosis!;
        Assert.Equal(ExplanationCatalog.Default.Find(CodeKind.Enhanced, "4.2.0")!.Title.En.TrimEnd('.'), d.Summary.Split(". ")[0].TrimEnd('.'));
    }

    [Fact]
    public void A_provider_s_own_entry_comes_before_a_wording_entry()
    {
        // Microsoft's 5.7.520 spam variant, not the general spam wording.
        var d = Diagnoser.Default.Explain("Remote Server returned '550 5.7.520 Message blocked because it contains content identified as spam. AS(4810)'", Language.En).Diagnosis!;
        Assert.Equal(ExplanationCatalog.Default.FindForProvider("microsoft", "5.7.520").First(e => e.Phrases.Contains("identified as spam")).Title.En.TrimEnd('.'), d.Summary.Split(". ")[0].TrimEnd('.'));
    }
}
