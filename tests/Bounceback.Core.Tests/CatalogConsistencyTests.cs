using Bounceback.Core.Catalog;
using Bounceback.Core.Codes;

namespace Bounceback.Core.Tests;

/// <summary>Every entry of the shipped catalog is complete in both languages and uses the vocabulary.</summary>
public class CatalogConsistencyTests
{
    public static TheoryData<string> Files() =>
        new(ExplanationCatalog.Default.Entries.Select(e => e.File).Distinct().Order());

    [Theory]
    [MemberData(nameof(Files))]
    public void Every_entry_is_complete_in_both_languages(string file)
    {
        var problems = new List<string>();
        foreach (var e in ExplanationCatalog.Default.Entries.Where(e => e.File == file))
        {
            var id = $"{e.Provider}{(e.Provider is null ? "" : ":")}{e.Code}";
            if (!e.Title.IsComplete) problems.Add($"{id}: title missing in a language");
            if (!e.Meaning.IsComplete) problems.Add($"{id}: meaning missing in a language");
            if (e.Title.En == e.Title.Nl || e.Meaning.En == e.Meaning.Nl) problems.Add($"{id}: Dutch text is the same as the English");
            if (!e.Causes.IsComplete || e.Causes.IsEmpty) problems.Add($"{id}: causes missing or incomplete");
            if (!e.SenderSteps.IsComplete || !e.AdminSteps.IsComplete) problems.Add($"{id}: steps incomplete in a language");
            if (e.SenderSteps.En.Count + e.AdminSteps.En.Count == 0) problems.Add($"{id}: no step at all");
            if (!e.ReceivingSenderSteps.IsComplete || !e.ReceivingAdminSteps.IsComplete) problems.Add($"{id}: receiving steps incomplete in a language");
            if (e.ReceivingSenderSteps.IsEmpty != e.ReceivingAdminSteps.IsEmpty) problems.Add($"{id}: receiving steps for only one of user and administrator");
            if (string.IsNullOrWhiteSpace(e.Source)) problems.Add($"{id}: no source");
            var classIndependent = e.Kind == CodeKind.Enhanced && (e.Code.StartsWith("x.", StringComparison.Ordinal));
            if (!classIndependent && e.Severity is null) problems.Add($"{id}: severity missing (only x-form enhanced codes may omit it)");
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void Codes_are_well_formed_for_their_kind()
    {
        var bad = ExplanationCatalog.Default.Entries.Where(e => e.Provider is null && !WellFormed(e)).Select(e => $"{e.File}: {e.Code}").ToList();
        Assert.True(bad.Count == 0, string.Join("\n", bad));

        static bool WellFormed(CatalogEntry e) => e.Kind switch
        {
            CodeKind.Enhanced => e.Code is "2" or "4" or "5" || System.Text.RegularExpressions.Regex.IsMatch(e.Code, @"^([245]|x)\.\d{1,3}(\.\d{1,3})?$"),
            CodeKind.Reply => System.Text.RegularExpressions.Regex.IsMatch(e.Code, @"^([1-5]yz|x[0-5]z|[2-5][0-5]\d)$"),
            CodeKind.WindowsClient => ClientErrorCode.TryParse(e.Code, out _),
            CodeKind.Winsock => WinsockError.TryParse(e.Code, out _),
            _ => true,
        };
    }

    [Fact]
    public void Only_reply_entries_whose_dotless_form_is_explained_prefer_the_dotless_reading()
    {
        var catalog = ExplanationCatalog.Default;
        var bad = catalog.Entries.Where(e => e.PreferDotless)
            .Where(e => e.Kind != CodeKind.Reply || catalog.Find(CodeKind.Enhanced, string.Join('.', e.Code.ToCharArray())) is null)
            .Select(e => $"{e.File}: {e.Code}").ToList();
        Assert.True(bad.Count == 0, string.Join("\n", bad));
    }
}
