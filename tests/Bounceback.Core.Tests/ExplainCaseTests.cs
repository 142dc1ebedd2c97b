using Bounceback.Core.Codes;
using Bounceback.Core.Diagnosis;

namespace Bounceback.Core.Tests;

/// <summary>Realistic pasted texts (Data/explain-cases.txt) give the expected codes and diagnosis with the shipped catalog.</summary>
public class ExplainCaseTests
{
    private sealed record Case(string Name, Language Language, IReadOnlyList<string> Codes, string? Diagnosis, string Text);

    private static readonly Lazy<Dictionary<string, Case>> Cases = new(Load);

    public static TheoryData<string> Names() => new(Cases.Value.Keys);

    [Theory]
    [MemberData(nameof(Names))]
    public void Pasted_text_gives_the_expected_codes_and_diagnosis(string name)
    {
        var c = Cases.Value[name];
        var report = Diagnoser.Default.Explain(c.Text, c.Language);
        var codes = report.Findings.Select(f => $"{f.Kind.Token()}:{f.Code}").Distinct().ToList();
        Assert.Equal(c.Codes, codes);
        Assert.All(report.Findings, f => Assert.Equal(f.MatchedText, c.Text.Substring(f.Start, f.Length)));
        if (c.Diagnosis == "none")
        {
            Assert.Null(report.Diagnosis);
            return;
        }
        var expected = c.Diagnosis!.Split(' ');
        var d = report.Diagnosis;
        Assert.NotNull(d);
        Assert.Equal(expected[0], d.Code);
        if (expected[1] != "*") Assert.Equal(expected[1], d.Severity.Token());
        if (expected[2] != "*") Assert.Contains(d.FaultSide.Token(), expected[2].Split('|'));
        Assert.False(string.IsNullOrWhiteSpace(d.Summary));
        // Trying again may help after a temporary failure, after an expiry whose sending server gave up, and once a limit
        // has reset; the summary says which.
        var gaveUp = d.Summary.EndsWith(Diagnoser.Default.Catalog.Text("summary.retry.gaveUp", c.Language), StringComparison.Ordinal);
        var resets = d.Summary.EndsWith(Diagnoser.Default.Catalog.Text("summary.retry.resets", c.Language), StringComparison.Ordinal);
        // A temporary refusal for a setting (no PTR, SPF, TLS) fails every try until it is fixed: retrying does not help.
        // (In a mail program's send dialog the same is said as "trying again will keep failing until this is fixed".)
        var untilFixed = d.Summary.EndsWith(Diagnoser.Default.Catalog.Text("summary.retry.untilFixed", c.Language), StringComparison.Ordinal)
            || d.Summary.EndsWith(Diagnoser.Default.Catalog.Text("summary.retry.permanent.client", c.Language), StringComparison.Ordinal);
        Assert.Equal((d.Severity == Severity.Temporary && !untilFixed) || gaveUp || resets, d.RetryMayHelp);
    }

    private static Dictionary<string, Case> Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Data", "explain-cases.txt");
        var cases = new Dictionary<string, Case>(StringComparer.Ordinal);
        var blocks = File.ReadAllText(path).Replace("\r\n", "\n", StringComparison.Ordinal).Split("\n=== ");
        foreach (var block in blocks.Skip(1))
        {
            var sep = block.IndexOf("\n---\n", StringComparison.Ordinal);
            var header = block[..sep].Split('\n');
            var text = block[(sep + 5)..].TrimEnd('\n');
            string Field(string key) => header.Single(l => l.StartsWith(key + ":", StringComparison.Ordinal))[(key.Length + 1)..].Trim();
            var lang = Field("lang") == "nl" ? Language.Nl : Language.En;
            var codes = Field("codes").Split(' ', StringSplitOptions.RemoveEmptyEntries);
            cases.Add(header[0].Trim(), new Case(header[0].Trim(), lang, codes, Field("diagnosis"), text));
        }
        return cases;
    }
}
