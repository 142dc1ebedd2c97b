using Bounceback.Core.Codes;
using Bounceback.Core.Diagnosis;

namespace Bounceback.Core.Tests;

/// <summary>Every code and case of the seed documents (Data/seed-rows.tsv) is explained, in both languages, with an
/// allowed fault side and the right severity.</summary>
public class SeedRowTests
{
    public static TheoryData<string, string, string, string, Language> Rows()
    {
        var data = new TheoryData<string, string, string, string, Language>();
        var path = Path.Combine(AppContext.BaseDirectory, "Data", "seed-rows.tsv");
        foreach (var line in File.ReadLines(path).Where(l => l.Length > 0 && !l.StartsWith('#')).Skip(1))
        {
            var f = line.Split('\t');
            foreach (var lang in new[] { Language.En, Language.Nl }) data.Add(f[0], f[1], f[2], f[3], lang);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public void Seed_row_is_explained_with_an_allowed_side_and_its_severity(string code, string kind, string severity, string sides, Language lang)
    {
        var report = Diagnoser.Default.Explain(code, lang);
        var d = report.Diagnosis;
        Assert.True(d is not null, $"{code}: no code found");
        var driver = report.Findings.First(f => f.Code == d.Code);
        Assert.True(driver.Known, $"{code}: read as {driver.Kind.Token()} {driver.Code}, which the catalog does not list");
        if (kind == "dotless-enhanced") Assert.Equal(CodeKind.Enhanced, driver.Kind);
        if (kind is "reply" or "reply|dotless-enhanced") Assert.Equal(CodeKind.Reply, driver.Kind);
        if (severity.Length > 0) Assert.Equal(severity, d.Severity.Token());
        if (sides.Length > 0)
            Assert.True(sides.Split('|').Contains(d.FaultSide.Token()), $"{code}: fault side {d.FaultSide.Token()} ({driver.Kind.Token()} {driver.Code}{(driver.Provider is null ? "" : " of " + driver.Provider)}) is not among {sides}");
        Assert.False(string.IsNullOrWhiteSpace(driver.Title));
        Assert.False(string.IsNullOrWhiteSpace(d.Summary));
    }
}
